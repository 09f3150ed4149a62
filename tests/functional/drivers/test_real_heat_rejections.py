"""What real OpenStack Heat refused in the stack requests (issue 10),
reproduced by the local cloud's Heat, which now follows Heat's rules:

- Cinder volumes on the default config (no volume type configured): a
  null ``volume_type`` reached Cinder as '' ("The VolumeType () could
  not be found");
- boot from volume: a null ``image`` became '' beside the boot volume
  ("Multiple bootable sources for instance server");
- Swarm and Mesos dropped the ``boot_volume_size`` label, so a
  zero-disk flavor the API accepted was refused by Nova.

Each case creates the driver's stack to CREATE_COMPLETE and checks the
servers and volumes the cloud then holds.
"""

from magnum_like.drivers.heat import stack_request
from tests import heat_inputs as hi
from tests.functional.drivers import base

ZERO_DISK = "m1.zero-disk"


class TestRealHeatRejections(base.LocalCloudTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.network = cls.private_network()

    def create(self, driver, combo, labels=None, flavor=None):
        inputs = hi.driver_inputs(driver, combo, network=self.network)
        inputs.cluster.labels.update(labels or {})
        if flavor:
            inputs.cluster_template.flavor_id = flavor
            inputs.cluster_template.master_flavor_id = flavor
        stack_id = self.stacks.create(stack_request.create(
            hi.definition(driver), inputs))
        self.addCleanup(self.wait, stack_id)
        self.addCleanup(self.stacks.delete, stack_id)
        stack = self.wait(stack_id)
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        return stack

    def volumes(self):
        return self.world()["volumes"]

    def test_volumes_without_a_configured_type(self):
        self.create("k8s_fedora_coreos_v1",
                    dict(docker_volume=5, etcd_volume="2"))
        sizes = sorted(v["size"] for v in self.volumes())
        self.assertEqual([2, 5, 5], sizes)
        # Cinder chose its default type: none was sent
        self.assertEqual({"lvmdriver-1"},
                         {v["volume_type"] for v in self.volumes()})

    def test_volumes_with_a_type(self):
        self.create("k8s_fedora_coreos_v1",
                    dict(docker_volume=5, etcd_volume="2"),
                    labels={"docker_volume_type": "fast",
                            "etcd_volume_type": "fast"})
        self.assertEqual({"fast"},
                         {v["volume_type"] for v in self.volumes()})

    def check_boot_from_volume(self, driver, size="7", typed=False):
        labels = {"boot_volume_size": size}
        if typed:
            labels["boot_volume_type"] = "fast"
        self.create(driver, {}, labels=labels, flavor=ZERO_DISK)
        servers = self.world()["servers"]
        self.assertEqual(2, len(servers))
        boot = [v for v in self.volumes() if v["size"] == int(size)]
        self.assertEqual(2, len(boot))
        for server in servers.values():
            self.assertFalse(server.image, server.name)
        self.assertEqual({"fast" if typed else "lvmdriver-1"},
                         {v["volume_type"] for v in boot})

    def test_kubernetes_boots_from_volume(self):
        self.check_boot_from_volume("k8s_fedora_coreos_v1")

    def test_kubernetes_boots_from_a_typed_volume(self):
        self.check_boot_from_volume("k8s_fedora_coreos_v1", typed=True)

    def test_swarm_mode_honours_boot_volume_size(self):
        self.check_boot_from_volume("swarm_fedora_atomic_v2")

    def test_swarm_honours_boot_volume_size(self):
        self.check_boot_from_volume("swarm_fedora_atomic_v1", typed=True)

    def test_mesos_honours_boot_volume_size(self):
        self.check_boot_from_volume("mesos_ubuntu_v1")
