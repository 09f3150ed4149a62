"""The browser tier FAILS under CI=true when Chromium or its driver is
missing, and skips elsewhere naming it."""

import fixtures
import testtools

from tests import base
from tests.integration import horizon


def _probe_class():
    """Built on demand so test loaders do not collect it on its own."""
    class Probe(testtools.TestCase):
        def test_needs_a_browser(self):
            horizon.require_browser(self)
    return Probe


class TestBrowserGate(base.TestCase):
    def _run_probe(self, ci, name):
        self.useFixture(fixtures.EnvironmentVariable("CI", ci))
        self.useFixture(fixtures.MonkeyPatch(
            "tests.integration.horizon." + name, "/nonexistent/browser"))
        probe = _probe_class()("test_needs_a_browser")
        result = testtools.TestResult()
        probe.run(result)
        return result

    def test_missing_chromium_fails_under_ci(self):
        result = self._run_probe("true", "CHROMIUM")
        self.assertEqual(1, len(result.failures))
        self.assertIn("Chromium is not available", str(result.failures[0]))

    def test_missing_driver_fails_under_ci(self):
        result = self._run_probe("true", "CHROMEDRIVER")
        self.assertEqual(1, len(result.failures))
        self.assertIn("chromium-driver is not available",
                      str(result.failures[0]))

    def test_missing_chromium_skips_elsewhere(self):
        result = self._run_probe(None, "CHROMIUM")
        self.assertEqual([], result.failures)
        [reason] = result.skip_reasons
        self.assertIn("Chromium is not available", reason)
