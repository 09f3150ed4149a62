"""Template rules that need no cloud."""

from magnum_like.api.validation import rules
from magnum_like.common import exceptions
from tests import base


class TestRules(base.TestCase):
    def check(self, **template):
        template.setdefault("coe", "kubernetes")
        template.setdefault("server_type", "vm")
        return rules.check(template)

    def test_defaults_per_coe(self):
        for coe, default in (("kubernetes", "flannel"), ("swarm", "docker"),
                             ("swarm-mode", "docker"), ("mesos", "docker")):
            self.assertEqual(default, self.check(coe=coe)["network_driver"])
        self.config(mesos_default_network_driver="flannel",
                    group="cluster_template")
        self.assertRaises(exceptions.InvalidParameterValue, self.check,
                          coe="mesos")

    def test_network_drivers(self):
        self.check(network_driver="calico")
        self.check(coe="swarm", network_driver="flannel")
        error = self.assertRaises(exceptions.InvalidParameterValue,
                                  self.check, coe="mesos",
                                  network_driver="flannel")
        self.assertIn("expecting a docker/unspecified", str(error))
        self.config(swarm_allowed_network_drivers=["docker"],
                    group="cluster_template")
        error = self.assertRaises(exceptions.InvalidParameterValue,
                                  self.check, coe="swarm-mode",
                                  network_driver="flannel")
        self.assertIn("not allowed", str(error))

    def test_volume_drivers(self):
        self.check(volume_driver="cinder")
        self.check(coe="mesos", volume_driver="rexray")
        self.check(volume_driver=None)
        self.assertRaises(exceptions.InvalidParameterValue, self.check,
                          coe="swarm", volume_driver="cinder")

    def test_server_types_and_unknown_coe(self):
        self.check(server_type="bm")
        self.assertRaises(exceptions.InvalidParameterValue, self.check,
                          server_type="container")
        error = self.assertRaises(exceptions.InvalidParameterValue,
                                  self.check, coe="nomad")
        self.assertIn("kubernetes, swarm, swarm-mode, mesos", str(error))

    def test_devicemapper(self):
        self.check(docker_storage_driver="overlay2")
        self.check(docker_storage_driver="devicemapper",
                   docker_volume_size=3)
        for size in (None, 0, 2):
            error = self.assertRaises(
                exceptions.InvalidParameterValue, self.check,
                docker_storage_driver="devicemapper",
                docker_volume_size=size)
            self.assertEqual(400, error.code)
