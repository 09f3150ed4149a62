"""Integration tests must FAIL under CI=true when a service is missing,
and skip elsewhere."""

import socket

import fixtures
import testtools

from tests import base
from tests.integration import services


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _probe_class():
    """Built on demand so test loaders do not collect it on its own."""
    class Probe(testtools.TestCase):
        def test_needs_service(self):
            services.require_tcp(self, "Nothing", "127.0.0.1", self.port)
    return Probe


class _NeedsService(fixtures.Fixture):
    """A fixture that finds its service missing (as Deployment does)."""

    def __init__(self, test):
        super().__init__()
        self.test = test

    def _setUp(self):
        services.require_tcp(self.test, "Nothing", "127.0.0.1",
                             self.test.port)


def _fixture_probe_class():
    class FixtureProbe(base.TestCase):
        def test_needs_service(self):
            self.useFixture(_NeedsService(self))
    return FixtureProbe


class TestServiceGate(base.TestCase):
    def _run_probe(self, ci, factory=_probe_class):
        self.useFixture(fixtures.EnvironmentVariable("CI", ci))
        probe = factory()("test_needs_service")
        probe.port = _closed_port()
        result = testtools.TestResult()
        probe.run(result)
        return result

    def test_missing_service_fails_under_ci(self):
        result = self._run_probe("true")
        self.assertEqual(1, len(result.failures))
        self.assertIn("Nothing is not available", str(result.failures[0]))
        self.assertEqual({}, result.skip_reasons)

    def test_missing_service_skips_elsewhere(self):
        result = self._run_probe(None)
        self.assertEqual([], result.failures)
        [reason] = result.skip_reasons
        self.assertIn("Nothing is not available", reason)

    def test_missing_service_in_a_fixture_skips_elsewhere(self):
        # A fixture wraps a skip in SetupError: the test must still
        # count as skipped, naming the service.
        result = self._run_probe(None, _fixture_probe_class)
        self.assertEqual([], result.errors)
        [reason] = result.skip_reasons
        self.assertIn("Nothing is not available", reason)

    def test_missing_service_in_a_fixture_fails_under_ci(self):
        result = self._run_probe("true", _fixture_probe_class)
        self.assertEqual([], result.errors)
        self.assertEqual(1, len(result.failures))
        self.assertIn("Nothing is not available", str(result.failures[0]))
