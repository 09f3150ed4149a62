"""The devstack plugin's image upload, run by bash with devstack's
functions and the openstack CLI replaced by recorders: the guest image
is uploaded with the os_distro property drivers are chosen by."""

import os
import subprocess

import fixtures

from tests import base

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
SCRIPT = """
set -e
FILES=%(files)s
DEST=%(dest)s
define_plugin() { :; }
plugin_requires() { :; }
openstack() { echo "openstack $*" >> %(log)s; [[ "$1 $2" != "image show" \
    ]] || return %(show_rc)d; }
curl() { echo "curl $*" >> %(log)s; : > "${@: -2:1}"; }
xz() { echo "xz $*" >> %(log)s; : > "${2%%.xz}"; }
source %(root)s/devstack/settings
source %(root)s/devstack/lib/magnum_like
upload_magnum_like_image
"""


class TestDevstackImage(base.TestCase):
    def run_upload(self, show_rc, env=None):
        tmp = self.useFixture(fixtures.TempDir()).path
        log = os.path.join(tmp, "calls.log")
        script = SCRIPT % {"files": tmp, "dest": tmp, "log": log,
                           "root": ROOT, "show_rc": show_rc}
        run = subprocess.run(["bash", "-c", script], capture_output=True,
                             text=True, timeout=30,
                             env=dict(os.environ, **(env or {})))
        self.assertEqual(0, run.returncode, run.stderr)
        with open(log) as f:
            return f.read().splitlines()

    def test_image_is_uploaded_with_os_distro(self):
        calls = self.run_upload(show_rc=1)
        [create] = [c for c in calls if c.startswith("openstack image "
                                                     "create")]
        self.assertIn("--property os_distro=fedora-coreos", create)
        self.assertIn("--public", create)
        self.assertIn("--file %s" % os.path.join(
            os.path.dirname(create.split("--file ")[1].split()[0]),
            "fedora-coreos-40.20240519.3.0-openstack.x86_64.qcow2"),
            create)

    def test_existing_image_gets_the_property(self):
        calls = self.run_upload(show_rc=0)
        self.assertEqual(
            ["openstack image set --property os_distro=fedora-coreos "
             "fedora-coreos-40.20240519.3.0-openstack.x86_64"],
            [c for c in calls if not c.startswith("openstack image show")])

    def test_the_plugin_calls_it(self):
        with open(os.path.join(ROOT, "devstack", "plugin.sh")) as f:
            self.assertIn("upload_magnum_like_image", f.read())
