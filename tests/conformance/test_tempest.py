"""The upstream conformance suite: magnum-tempest-plugin's API tests
(tempest, in its own venv) against magnum-like-api and
magnum-like-conductor with a real Keystone (see `cloud`).

Every test passes except those of `expected_failures.txt`, and each of
those still fails: a now-passing expected failure fails this test too,
so that the list stays exact."""

import os

import fixtures
from testtools import content

from tests import base
from tests.conformance import cloud
from tests.conformance import tempest_run

HERE = os.path.dirname(os.path.abspath(__file__))


def expected_failures():
    """{test id: reason} of expected_failures.txt ("id  # reason")."""
    out = {}
    with open(os.path.join(HERE, "expected_failures.txt")) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                test_id, _, reason = line.partition("#")
                out[test_id.strip()] = reason.strip()
    return out


def _last_line(traceback):
    lines = (traceback or "").strip().splitlines()
    return lines[-1] if lines else "(did not fail)"


class TestTempestConformance(base.TestCase):
    def test_magnum_tempest_plugin_api_suite(self):
        # The suite alone takes minutes: above the default test timeout.
        self.useFixture(fixtures.Timeout(1200, gentle=True))
        env = self.useFixture(cloud.ConformanceCloud(self))
        workdir = self.useFixture(fixtures.TempDir()).path
        results, stderr = tempest_run.run(workdir, env.keystone.auth_url)
        self.addDetail("tempest-stderr", content.text_content(stderr[-20000:]))
        passed = sorted(t for t, (s, _) in results.items() if s == "success")
        failed = {t: tb for t, (s, tb) in results.items()
                  if s not in ("success", "skip")}
        skipped = sorted(t for t, (s, _) in results.items() if s == "skip")
        self.addDetail("tempest-summary", content.text_content(
            "%d passed, %d failed, %d skipped\nfailed:\n  %s\nskipped:\n  %s"
            % (len(passed), len(failed), len(skipped),
               "\n  ".join(sorted(failed)), "\n  ".join(skipped))))
        expected = expected_failures()
        self.addDetail("expected-failures", content.text_content("\n".join(
            "%s:\n  %s" % (t, _last_line(failed.get(t)))
            for t in sorted(expected))))
        unexpected = {t: tb for t, tb in failed.items() if t not in expected}
        for test_id, tb in sorted(unexpected.items()):
            self.addDetail("failed: " + test_id,
                           content.text_content(tb[-4000:]))
        self.assertEqual([], sorted(unexpected), "unexpected failures")
        self.assertEqual([], skipped, "skipped tests")
        now_passing = sorted(t for t in expected if t in passed)
        self.assertEqual([], now_passing,
                         "expected failures that pass now: remove them "
                         "from expected_failures.txt")
        missing = sorted(t for t in expected if t not in results)
        self.assertEqual([], missing, "expected failures that did not run")
        self.assertGreaterEqual(len(passed), 56)
