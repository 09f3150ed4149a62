"""Horizon with magnum-ui, and a headless Chromium driven by selenium,
for the browser tier.

Horizon runs from its own venv (`horizon_venv`) under Django's server on
a free loopback port, its Keystone the one the service authenticates
against. The browser is Debian's `chromium` with `chromium-driver`
(installed by `.ci/run`); selenium comes from the test venv. Under
CI=true anything missing fails the test, elsewhere it skips naming it.
"""

import os
import shutil

import fixtures
from testtools import content

from tests.integration import horizon_venv
from tests.integration import processes
from tests.integration import services

CHROMIUM = os.environ.get("MAGNUM_LIKE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("MAGNUM_LIKE_CHROMEDRIVER",
                              "/usr/bin/chromedriver")
CHROME_ARGS = ("--headless=new", "--no-sandbox", "--disable-gpu",
               "--disable-dev-shm-usage", "--disable-background-networking",
               "--disable-extensions", "--disable-sync",
               "--disable-default-apps", "--no-first-run",
               "--window-size=1400,1000")


def require_venv(test):
    """The Horizon venv, built if needed; fails or skips the test when
    it cannot be built. Called from setUp, not from a fixture: a skip
    raised inside a fixture's setUp turns into an error."""
    try:
        return horizon_venv.ensure()
    except horizon_venv.BuildFailed as e:
        services.unavailable(test, "the Horizon venv (PyPI)", str(e))


def require_browser(test):
    """Fail (CI=true) or skip unless Chromium, its driver and selenium
    are there."""
    for name, path in (("Chromium", CHROMIUM),
                       ("chromium-driver", CHROMEDRIVER)):
        if not (os.path.exists(path) or shutil.which(path)):
            services.unavailable(test, name, "%s not found" % path)
    try:
        from selenium import webdriver  # noqa: F401
    except ImportError as e:
        services.unavailable(test, "selenium", str(e))


class Horizon(fixtures.Fixture):
    """Horizon + magnum-ui served on loopback; `url` is its root."""

    def __init__(self, test, venv, keystone_url, workdir):
        super().__init__()
        self.test = test
        self.venv = venv
        self.keystone_url = keystone_url
        self.workdir = workdir

    def _setUp(self):
        venv = self.venv
        port = processes.free_port()
        self.url = "http://127.0.0.1:%d" % port
        self.process = self.useFixture(processes.ServiceProcess(
            self.test, "horizon",
            [os.path.join(venv, "bin", "django-admin"), "runserver",
             "--noreload", "--insecure", "--settings",
             "openstack_dashboard.settings", "127.0.0.1:%d" % port],
            self.workdir,
            env={"MAGNUM_LIKE_HORIZON_KEYSTONE_URL": self.keystone_url,
                 "PYTHONWARNINGS": "ignore"}))
        processes.wait_for(
            lambda: processes.http_ok(self.url + "/auth/login/"), 120,
            what="Horizon's login page")


class Browser(fixtures.Fixture):
    """A headless Chromium; `driver` is its selenium WebDriver and
    `downloads` the folder its downloads land in. A failing test gets a
    screenshot and the page source in its details. Call
    `require_browser` first."""

    def __init__(self, test):
        super().__init__()
        self.test = test

    def _setUp(self):
        from selenium import webdriver
        from selenium.webdriver.chrome import service
        self.downloads = self.useFixture(fixtures.TempDir()).path
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in CHROME_ARGS:
            options.add_argument(arg)
        options.add_experimental_option("prefs", {
            "download.default_directory": self.downloads,
            "download.prompt_for_download": False})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(
            options=options, service=service.Service(CHROMEDRIVER))
        self.addCleanup(self.driver.quit)
        self.driver.execute_cdp_cmd("Page.setDownloadBehavior", {
            "behavior": "allow", "downloadPath": self.downloads})
        self.driver.implicitly_wait(0)
        self.test.addOnException(self._attach_page)

    def _attach_page(self, exc_info):
        try:
            png = self.driver.get_screenshot_as_png()
            self.test.addDetail("screenshot", content.Content(
                content.ContentType("image", "png"), lambda: [png]))
            self.test.addDetail("page-url", content.text_content(
                self.driver.current_url))
            self.test.addDetail("page-source", content.text_content(
                self.driver.page_source[-30000:]))
            console = "\n".join(str(e) for e in
                                self.driver.get_log("browser"))
            self.test.addDetail("browser-console",
                                content.text_content(console[-10000:]))
        except Exception as e:  # the browser itself may be gone
            self.test.addDetail("browser-error", content.text_content(
                repr(e)))
