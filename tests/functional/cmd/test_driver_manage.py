"""magnum-like-driver-manage as an installed console script."""

import os
import subprocess
import sys

from magnum_like.cmd import driver_manage
from magnum_like.drivers import base as driver_base
from magnum_like.drivers.k8s_fedora_coreos_v1 import driver as fcos
from magnum_like.drivers.mesos_ubuntu_v1 import driver as mesos
from tests import base

SCRIPT = os.path.join(os.path.dirname(sys.executable),
                      "magnum-like-driver-manage")
TRIPLES = {
    "k8s_fedora_coreos_v1": ["vm", "fedora-coreos", "kubernetes"],
    "k8s_fedora_ironic_v1": ["bm", "fedora", "kubernetes"],
    "swarm_fedora_atomic_v1": ["vm", "fedora-atomic", "swarm"],
    "swarm_fedora_atomic_v2": ["vm", "fedora-atomic", "swarm-mode"],
    "mesos_ubuntu_v1": ["vm", "ubuntu", "mesos"],
}


class TestListDrivers(base.TestCase):
    def run_cli(self, *args):
        result = subprocess.run(
            [SCRIPT, "--config-file", os.devnull, "list-drivers", *args],
            capture_output=True, text=True, timeout=60, check=False)
        self.assertEqual(0, result.returncode, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(set("- "), set(lines[1]))
        return lines[0].split(), [line.split() for line in lines[2:]]

    def test_list(self):
        header, rows = self.run_cli()
        self.assertEqual(["driver", "server_type", "os", "coe"], header)
        self.assertEqual(TRIPLES, {r[0]: r[1:] for r in rows})

    def test_details(self):
        header, rows = self.run_cli("--details")
        self.assertEqual(["template_dir", "main_template"], header[4:])
        found = {r[0]: r[4:] for r in rows}
        self.assertEqual(["k8s_fedora_ironic_v1",
                          "common/kubernetes/kubecluster.yaml"],
                         found["k8s_fedora_ironic_v1"])
        self.assertEqual(found["k8s_fedora_coreos_v1"][1],
                         found["k8s_fedora_ironic_v1"][1])
        self.assertEqual(["swarm_fedora_atomic_v2",
                          "common/swarm/swarmcluster.yaml"],
                         found["swarm_fedora_atomic_v2"])
        self.assertEqual(["mesos_ubuntu_v1",
                          "mesos_ubuntu_v1/mesoscluster.yaml"],
                         found["mesos_ubuntu_v1"])

    def test_paths_exist(self):
        _, rows = self.run_cli("--paths")
        self.assertEqual(5, len(rows))
        for row in rows:
            self.assertTrue(os.path.isdir(row[4]), row)
            self.assertTrue(os.path.isfile(row[5]), row)

    def test_driver_without_templates(self):
        class Bare(driver_base.Driver):
            """A driver that renders no Heat templates."""
            __module__ = "somewhere.else.driver"
            provides = mesos.Driver.provides

        self.assertEqual(
            [["bare", "vm", "ubuntu", "mesos", "-", "-"],
             ["fcos", "vm", "fedora-coreos", "kubernetes",
              "k8s_fedora_coreos_v1",
              "common/kubernetes/kubecluster.yaml"]],
            driver_manage.rows({"bare": Bare, "fcos": fcos.Driver},
                               details=True))
