"""Driver resolution: body, image property, default, triple."""

from magnum_like.api.validation import driver
from magnum_like.common import exceptions
from magnum_like.drivers import registry
from tests import base

COREOS = {"os_distro": "fedora-coreos"}


def k8s(**extra):
    return dict({"coe": "kubernetes", "server_type": "vm"}, **extra)


class TestResolve(base.TestCase):
    def setUp(self):
        super().setUp()
        registry.reset()
        self.addCleanup(registry.reset)

    def test_triple(self):
        self.assertEqual("k8s_fedora_coreos_v1",
                         driver.resolve(k8s(), COREOS))
        self.assertEqual("k8s_fedora_ironic_v1", driver.resolve(
            k8s(server_type="bm"), {"os_distro": "fedora"}))
        self.assertRaises(exceptions.ClusterTypeNotSupported,
                          driver.resolve, k8s(), {"os_distro": "ubuntu"})

    def test_body_then_image_property(self):
        image = dict(COREOS, magnum_driver="nope")
        self.assertRaises(exceptions.ClusterDriverNotSupported,
                          driver.resolve, k8s(), image)
        self.assertEqual("k8s_fedora_coreos_v1", driver.resolve(
            k8s(driver="k8s_fedora_coreos_v1"), image))
        self.assertRaises(exceptions.ClusterTypeNotSupported,
                          driver.resolve, k8s(driver="mesos_ubuntu_v1"),
                          COREOS)

    def test_default_driver(self):
        self.config(default_driver="mesos_ubuntu_v1", group="drivers")
        self.assertEqual("k8s_fedora_coreos_v1",
                         driver.resolve(k8s(), COREOS))
        self.assertEqual("mesos_ubuntu_v1", driver.resolve(
            {"coe": "mesos", "server_type": "vm"}, {"os_distro": "ubuntu"}))
        self.config(default_driver="gone", group="drivers")
        self.assertRaises(exceptions.ClusterDriverNotSupported,
                          driver.resolve, k8s(), COREOS)

    def test_previous_driver_kept_while_it_serves(self):
        self.assertEqual("k8s_fedora_coreos_v1", driver.resolve(
            k8s(), COREOS, previous="k8s_fedora_coreos_v1"))
        self.assertEqual("mesos_ubuntu_v1", driver.resolve(
            {"coe": "mesos", "server_type": "vm"}, {"os_distro": "ubuntu"},
            previous="k8s_fedora_coreos_v1"))
        self.assertEqual("k8s_fedora_coreos_v1", driver.resolve(
            k8s(), COREOS, previous="uninstalled"))
