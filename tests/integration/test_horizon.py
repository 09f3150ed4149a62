"""magnum-ui in a real browser against magnum-like.

Horizon 26.0.0 + magnum-ui 19.0.0 (its own venv) in front of
magnum-like-all-in-one (API + conductor + local cloud, Keystone auth
against the local cloud's identity service), driven by headless
Chromium: log in, create a cluster template with the wizard, see it
listed and in detail, create a cluster with the wizard, see its detail
page, download its CA and its kubeconfig, delete both. Each step is
checked against the service through the real `openstack coe` CLI.
"""

import base64
import glob
import os
import time

from cryptography import x509
import fixtures
from testtools import content
import yaml

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # horizon.require_browser fails or skips the test
    By = ec = Select = WebDriverWait = None

from tests import base
from tests.integration import horizon
from tests.integration import processes

WAIT = 60
DEMO = ("demo", "demo-secret")


class TestMagnumUI(base.TestCase):
    def setUp(self):
        super().setUp()
        horizon.require_browser(self)
        venv = horizon.require_venv(self)
        self.browser = self.useFixture(horizon.Browser(self))
        self.driver = self.browser.driver
        self.workdir = self.useFixture(fixtures.TempDir()).path
        state = os.path.join(self.workdir, "state")
        lc_port = processes.free_port()
        conf = processes.write_config(
            os.path.join(self.workdir, "aio.conf"), {
                "DEFAULT": {"state_path": state},
                "api": {"port": processes.free_port()},
                "localcloud": {"port": lc_port}})
        aio = self.useFixture(processes.ServiceProcess(
            self, "all-in-one",
            ["magnum-like-all-in-one", "--config-file", conf],
            self.workdir))
        processes.wait_for(lambda: "is running" in aio.log(), 60,
                           what="the all-in-one banner")
        self.env = {"OS_CLIENT_CONFIG_FILE":
                    os.path.join(state, "clouds.yaml")}
        self.horizon = self.useFixture(horizon.Horizon(
            self, venv, "http://127.0.0.1:%d/identity/v3" % lc_port,
            self.workdir))

    # -- the service, through the CLI -------------------------------------
    def _coe(self, *args, **kwargs):
        return processes.openstack(
            ["--os-cloud", "magnum-like-demo", "coe"] + list(args),
            env=self.env, **kwargs)

    def _wait_gone(self, kind, name):
        processes.wait_for(
            lambda: name not in {r["name"] for r in self._coe(
                *kind.split(), "list")}, WAIT,
            what="%s %s deleted" % (kind, name))

    # -- the browser ------------------------------------------------------
    def _until(self, condition, what, timeout=WAIT):
        return WebDriverWait(self.driver, timeout).until(
            condition, message="waiting for " + what)

    def _find(self, by, value, what=None):
        return self._until(ec.visibility_of_element_located((by, value)),
                           what or value)

    def _click(self, by, value, what=None):
        element = self._until(ec.element_to_be_clickable((by, value)),
                              what or value)
        element.click()
        return element

    def _button(self, text):
        return self._click(By.XPATH, "//button[contains(normalize-space(.), "
                           "'%s')]" % text, "button %s" % text)

    def _select(self, name, text):
        def ready(driver):
            element = driver.find_element(By.NAME, name)
            labels = [o.text for o in Select(element).options]
            return element if element.is_displayed() and text in labels \
                else False
        Select(self._until(ready, "option %s of %s" % (text, name))
               ).select_by_visible_text(text)

    def _tab(self, title):
        self._click(By.XPATH, "//div[contains(@class,'modal')]//li/a["
                    "contains(normalize-space(.), '%s')]" % title,
                    "wizard step %s" % title)

    def _alert(self, text):
        return self._find(By.XPATH, "//div[contains(@class,'alert')]["
                          "contains(., '%s')]" % text, "alert %s" % text)

    def _row(self, name):
        return self._find(By.XPATH, "//table//tr[.//a[normalize-space(.)="
                          "'%s']]" % name, "table row %s" % name)

    def _download(self, pattern):
        def found(driver):
            done = [p for p in glob.glob(os.path.join(
                self.browser.downloads, pattern))
                if not p.endswith(".crdownload")]
            return done[0] if done else False
        path = self._until(found, "download %s" % pattern)
        with open(path) as f:
            return f.read()

    def _login(self, user, password):
        self.driver.get(self.horizon.url + "/auth/login/")
        self._find(By.ID, "id_username").send_keys(user)
        self._find(By.ID, "id_password").send_keys(password)
        self._click(By.ID, "loginBtn")
        self._until(lambda d: "/project" in d.current_url, "the project "
                    "overview after login")

    # -- the flow ---------------------------------------------------------
    def test_templates_clusters_certificates_and_deletes(self):
        self._step("login", self._login, *DEMO)
        self._step("overview", self._overview_usage, 0)
        template = self._step("template wizard", self._create_template)
        self._step("template detail", self._template_detail, template)
        cluster = self._step("cluster wizard", self._create_cluster,
                             template)
        self._step("cluster detail", self._cluster_detail, cluster)
        self._step("overview with servers", self._overview_usage,
                   cluster["master_count"] + cluster["node_count"])
        self._step("CA and kubeconfig", self._certificate_and_config,
                   cluster)
        self._step("cluster delete", self._delete_cluster, cluster)
        self._step("template delete", self._delete_template, template)

    def _step(self, name, function, *args):
        """Run one step of the flow; its time goes into the details."""
        if not hasattr(self, "_timings"):
            self._timings = []
            self.addDetail("step-seconds", content.Content(
                content.UTF8_TEXT, lambda: ["\n".join(
                    "%-22s %6.1f" % t for t in self._timings).encode()]))
        started = time.monotonic()
        try:
            return function(*args)
        finally:
            self._timings.append((name, time.monotonic() - started))

    def _overview_usage(self, servers):
        """Horizon's overview reads Nova's os-simple-tenant-usage: no
        error, and the cluster's servers among the active instances."""
        self.driver.get(self.horizon.url + "/project/")
        self._find(By.XPATH, "//h1[contains(., 'Overview')]")
        errors = [e.text for e in self.driver.find_elements(
            By.CSS_SELECTOR, ".alert-danger")]
        self.assertEqual([], errors)
        active = self._find(By.XPATH, "//dl[@id='activity']/dd[1]")
        self.assertEqual(str(servers), active.text.strip())
        rows = self.driver.find_elements(
            By.CSS_SELECTOR, "#project_usage tbody tr:not(.empty)")
        self.assertEqual(servers, len(rows))

    def _create_template(self):
        self.driver.get(self.horizon.url + "/project/cluster_templates/")
        self._button("Create Cluster Template")
        self._find(By.NAME, "name").send_keys("ui-k8s")
        self._select("coe", "Kubernetes")
        self._tab("Node Spec")
        self._select("image_id", "fedora-coreos-40")
        self._select("flavor_id", "ds2G")
        self._select("master_flavor_id", "ds2G")
        self._select("keypair_id", "default")
        # magnum-ui preselects cinder, which needs cloud_provider_enabled.
        self._select("volume_driver", "Choose a Volume Driver")
        self._tab("Network")
        self._select("network_driver", "Flannel")
        self._select("external_network_id", "public")
        self._tab("Labels")
        self._find(By.NAME, "labels").send_keys("kube_tag=v1.30.1")
        self._button("Submit")
        self._alert("was successfully created")
        self._row("ui-k8s")
        # The CLI shows "-" for the null volume driver.
        [shown] = [t for t in self._coe("cluster", "template", "list")
                   if t["name"] == "ui-k8s"]
        got = self._coe("cluster", "template", "show", shown["uuid"])
        self.assertEqual(
            ("kubernetes", "fedora-coreos-40", "ds2G", "ds2G", "default",
             "flannel", "-", {"kube_tag": "v1.30.1"}),
            (got["coe"], got["image_id"], got["flavor_id"],
             got["master_flavor_id"], got["keypair_id"],
             got["network_driver"], got["volume_driver"], got["labels"]))
        return got

    def _template_detail(self, template):
        self._click(By.LINK_TEXT, "ui-k8s")
        self._until(lambda d: template["uuid"] in d.current_url,
                    "the template detail page")
        self._find(By.XPATH, "//dd[contains(., '%s')]" % template["uuid"])
        self._find(By.XPATH, "//dd[contains(., 'fedora-coreos-40')]")

    def _create_cluster(self, template):
        self.driver.get(self.horizon.url + "/project/clusters/")
        self._button("Create Cluster")
        self._find(By.NAME, "name").send_keys("ui-cluster")
        self._select("cluster_template_id", "ui-k8s")
        self._select("availability_zone", "nova")
        self._select("keypair", "default")
        self._tab("Size")
        self._find(By.NAME, "node_count").send_keys("2")
        self._select("master_flavor_id", "ds2G")
        self._select("flavor_id", "ds2G")
        self._button("Submit")
        self._row("ui-cluster")
        processes.wait_for(
            lambda: self._coe("cluster", "show", "ui-cluster")[
                "status"] == "CREATE_COMPLETE", WAIT,
            what="ui-cluster CREATE_COMPLETE")
        cluster = self._coe("cluster", "show", "ui-cluster")
        self.assertEqual((template["uuid"], 2, 1, "default"), (
            cluster["cluster_template_id"], cluster["node_count"],
            cluster["master_count"], cluster["keypair"]))
        return cluster

    def _cluster_detail(self, cluster):
        self.driver.get(self.horizon.url + "/project/clusters/")
        self._click(By.LINK_TEXT, "ui-cluster")
        self._until(lambda d: cluster["uuid"] in d.current_url,
                    "the cluster detail page")
        self._find(By.XPATH, "//dd[contains(., 'CREATE_COMPLETE')]")
        self._find(By.XPATH, "//dd[contains(., '%s')]"
                   % cluster["api_address"])

    def _certificate_and_config(self, cluster):
        self.driver.get(self.horizon.url + "/project/clusters/")
        self._row("ui-cluster")
        self._button("Show Certificate")
        pem = self._download("ui-cluster_ca.pem")
        served = self._coe("ca", "show", cluster["uuid"],
                           json_output=False)
        ca = x509.load_pem_x509_certificate(pem.encode())
        self.assertEqual(served.strip(), pem.strip())
        self.assertTrue(ca.extensions.get_extension_for_class(
            x509.BasicConstraints).value.ca)
        self._row_action("ui-cluster", "Get Cluster Config")
        config = yaml.safe_load(self._download("ui-cluster.kubeconfig"))
        [entry] = config["clusters"]
        self.assertEqual(cluster["api_address"], entry["cluster"]["server"])
        self.assertEqual(pem.strip(), base64.b64decode(
            entry["cluster"]["certificate-authority-data"]).decode().strip())

    def _row_action(self, name, action):
        row = self._row(name)
        row.find_element(By.CSS_SELECTOR, ".dropdown-toggle").click()
        self._click(By.XPATH, "//table//tr[.//a[normalize-space(.)='%s']]"
                    "//a[contains(normalize-space(.), '%s')]"
                    % (name, action), "row action %s" % action)

    def _delete_cluster(self, cluster):
        self.driver.get(self.horizon.url + "/project/clusters/")
        self._row_action("ui-cluster", "Delete Cluster")
        self._confirm_delete()
        self._wait_gone("cluster", "ui-cluster")

    def _delete_template(self, template):
        self.driver.get(self.horizon.url + "/project/cluster_templates/")
        self._row_action("ui-k8s", "Delete Cluster Template")
        self._confirm_delete()
        self._wait_gone("cluster template", "ui-k8s")

    def _confirm_delete(self):
        self._click(By.XPATH, "//div[contains(@class,'modal-footer')]"
                    "//button[contains(., 'Delete')]", "delete confirm")
