"""common/fragments/etcd.sh run by bash with the node's helpers stubbed
(nothing touches the host): which etcd manifest each deployment writes
for one master, several masters with and without a discovery URL, and
the cluster-wide etcd deployment's static initial cluster."""

import os
import subprocess
import tempfile

from magnum_like.drivers.heat import template_files
from tests import base

FRAGMENTS = os.path.join(template_files.templates_root(), "common",
                         "fragments")
STUBS = """
log() { echo "log: $*"; }
image() { echo "registry/$1"; }
mount_volume() { echo "mount: $*"; }
mkdir() { command mkdir "$@" 2>/dev/null || true; }
chmod() { :; }
curl() { return 0; }
sleep() { :; }
set -euo pipefail
"""
THREE = ("c-master-0=https://10.0.0.3:2380,c-master-1=https://10.0.0.4:2380,"
         "c-master-2=https://10.0.0.5:2380")


class TestEtcdFragment(base.TestCase):
    def run_fragment(self, **env):
        kube_dir = tempfile.mkdtemp()
        self.addCleanup(subprocess.run, ["rm", "-rf", kube_dir])
        os.makedirs(os.path.join(kube_dir, "manifests"))
        script = STUBS + 'KUBE_DIR=%s\nPKI=$KUBE_DIR/pki\n' % kube_dir
        with open(os.path.join(FRAGMENTS, "etcd.sh")) as f:
            script += f.read()
        script += '\necho "deferred=$ETCD_DEFERRED"\n'
        values = dict(ETCD_TAG="v3.5.15", NODE_NAME="c-master-1",
                      NODE_IP="10.0.0.4", NUMBER_OF_MASTERS="3",
                      ETCD_VOLUME_SIZE="0", PATH=os.environ["PATH"])
        values.update(env)
        done = subprocess.run(["bash", "-c", script], env=values,
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(0, done.returncode, done.stderr)
        manifest = os.path.join(kube_dir, "manifests", "etcd.yaml")
        text = open(manifest).read() if os.path.exists(manifest) else None
        return done.stdout, text

    def test_several_masters_wait_for_the_cluster_wide_deployment(self):
        out, manifest = self.run_fragment()
        self.assertIsNone(manifest)
        self.assertIn("deferred=1", out)

    def test_cluster_wide_deployment_writes_the_static_cluster(self):
        out, manifest = self.run_fragment(ETCD_INITIAL_CLUSTER=THREE)
        self.assertIn("- --initial-cluster=%s\n" % THREE, manifest)
        self.assertIn("- --name=c-master-1\n", manifest)
        self.assertIn("--initial-advertise-peer-urls=https://10.0.0.4:2380",
                      manifest)
        self.assertNotIn("--discovery", manifest)
        self.assertIn("deferred=0", out)

    def test_discovery_url_is_honoured(self):
        url = "https://discovery.etcd.io/abc"
        out, manifest = self.run_fragment(DISCOVERY_URL=url)
        self.assertIn("- --discovery=%s\n" % url, manifest)
        self.assertNotIn("--initial-cluster=", manifest)
        # ...and the cluster-wide deployment leaves that etcd alone
        _, again = self.run_fragment(DISCOVERY_URL=url,
                                     ETCD_INITIAL_CLUSTER=THREE)
        self.assertIsNone(again)

    def test_one_master(self):
        _, manifest = self.run_fragment(NUMBER_OF_MASTERS="1",
                                        NODE_NAME="c-master-0",
                                        NODE_IP="10.0.0.3")
        self.assertIn(
            "- --initial-cluster=c-master-0=https://10.0.0.3:2380\n",
            manifest)
        _, again = self.run_fragment(
            NUMBER_OF_MASTERS="1",
            ETCD_INITIAL_CLUSTER="c-master-0=https://10.0.0.3:2380")
        self.assertIsNone(again)

    def test_fragments_parse(self):
        for name in sorted(os.listdir(FRAGMENTS)):
            if name.endswith(".sh"):
                done = subprocess.run(
                    ["bash", "-n", os.path.join(FRAGMENTS, name)],
                    capture_output=True, text=True)
                self.assertEqual(0, done.returncode, name + done.stderr)
