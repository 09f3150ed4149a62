"""The generated samples in etc/ must match the code that declares the
options and policies; regenerate them with the commands in README.rst."""

import os
import subprocess
import sys
import tempfile

from tests import base

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))))
ETC = os.path.join(ROOT, "etc", "magnum-like")


def _generate(script, config, output):
    subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), script),
         "--config-file", os.path.join(ETC, config),
         "--output-file", output],
        check=True, cwd=ROOT, capture_output=True)


class TestSamples(base.TestCase):
    def _assert_fresh(self, script, config, sample, command):
        with tempfile.TemporaryDirectory() as tmp:
            output = os.path.join(tmp, "out")
            _generate(script, config, output)
            with open(output) as f:
                generated = f.read()
        with open(os.path.join(ETC, sample)) as f:
            committed = f.read()
        self.assertEqual(
            generated, committed,
            "etc/magnum-like/%s is stale; run: %s" % (sample, command))

    def test_config_sample_is_fresh(self):
        self._assert_fresh(
            "oslo-config-generator", "magnum-like-config-generator.conf",
            "magnum-like.conf.sample",
            "oslo-config-generator --config-file "
            "etc/magnum-like/magnum-like-config-generator.conf")

    def test_policy_sample_is_fresh(self):
        self._assert_fresh(
            "oslopolicy-sample-generator", "magnum-like-policy-generator.conf",
            "policy.yaml.sample",
            "oslopolicy-sample-generator --config-file "
            "etc/magnum-like/magnum-like-policy-generator.conf")

    def test_packaged_paste_config_matches_etc(self):
        with open(os.path.join(ETC, "api-paste.ini")) as f:
            etc_copy = f.read()
        with open(os.path.join(ROOT, "magnum_like", "api",
                               "api-paste.ini")) as f:
            packaged = f.read()
        self.assertEqual(etc_copy, packaged)
