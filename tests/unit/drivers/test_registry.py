"""The driver registry: entry points, triples, names, beta gating."""

from stevedore import extension

from magnum_like.common import exceptions
from magnum_like.drivers import base as driver_base
from magnum_like.drivers import coe_rules
from magnum_like.drivers import registry
from tests import base

INSTALLED = {
    "k8s_fedora_coreos_v1": ("vm", "fedora-coreos", "kubernetes"),
    "k8s_fedora_ironic_v1": ("bm", "fedora", "kubernetes"),
    "swarm_fedora_atomic_v2": ("vm", "fedora-atomic", "swarm-mode"),
    "swarm_fedora_atomic_v1": ("vm", "fedora-atomic", "swarm"),
    "mesos_ubuntu_v1": ("vm", "ubuntu", "mesos"),
}


class BetaDriver(driver_base.Driver):
    provides = [{"server_type": "vm", "os": "flatcar", "coe": "kubernetes"}]
    beta = True


class TestEntryPoints(base.TestCase):
    def setUp(self):
        super().setUp()
        registry.reset()
        self.addCleanup(registry.reset)

    def test_the_five_drivers_are_installed(self):
        drivers = registry.get_registry()
        self.assertEqual(sorted(INSTALLED), drivers.names())
        self.assertEqual(sorted(INSTALLED.values()),
                         drivers.supported_triples())
        for name, triple in INSTALLED.items():
            self.assertEqual(name, drivers.name_for(*triple))
            self.assertTrue(issubclass(drivers.get(name),
                                       driver_base.Driver))

    def test_disabled_drivers(self):
        self.config(disabled_drivers=["mesos_ubuntu_v1"], group="drivers")
        drivers = registry.get_registry()
        self.assertNotIn("mesos_ubuntu_v1", drivers.names())
        self.assertRaises(exceptions.ClusterTypeNotSupported,
                          drivers.name_for, "vm", "ubuntu", "mesos")
        self.assertRaises(exceptions.ClusterDriverNotSupported,
                          drivers.get, "mesos_ubuntu_v1")

    def test_registry_is_cached_per_disabled_list(self):
        self.assertIs(registry.get_registry(), registry.get_registry())
        first = registry.get_registry()
        self.config(disabled_drivers=["mesos_ubuntu_v1"], group="drivers")
        self.assertIsNot(first, registry.get_registry())


class TestRegistry(base.TestCase):
    def _registry(self, **drivers):
        manager = extension.ExtensionManager.make_test_instance(
            [extension.Extension(name, None, cls, None)
             for name, cls in drivers.items()], namespace=registry.NAMESPACE)
        return registry.Registry({e.name: e.plugin for e in manager})

    def test_unsupported_triple_lists_supported(self):
        drivers = self._registry(beta_one=BetaDriver)
        error = self.assertRaises(exceptions.ClusterTypeNotSupported,
                                  drivers.name_for, "bm", "flatcar", "mesos")
        self.assertIn("(bm, flatcar, mesos)", str(error))
        self.assertIn("(vm, flatcar, kubernetes)", str(error))
        self.assertEqual(400, error.code)

    def test_beta_gating(self):
        drivers = self._registry(beta_one=BetaDriver)
        error = self.assertRaises(exceptions.ClusterTypeBetaNotEnabled,
                                  drivers.name_for, "vm", "flatcar",
                                  "kubernetes")
        self.assertIn("enabled_beta_drivers", str(error))
        self.config(enabled_beta_drivers=["beta_one"], group="drivers")
        self.assertEqual("beta_one",
                         drivers.name_for("vm", "flatcar", "kubernetes"))

    def test_check_serves(self):
        drivers = self._registry(beta_one=BetaDriver)
        self.config(enabled_beta_drivers=["beta_one"], group="drivers")
        self.assertIs(BetaDriver, drivers.check_serves(
            "beta_one", "vm", "flatcar", "kubernetes"))
        error = self.assertRaises(exceptions.ClusterTypeNotSupported,
                                  drivers.check_serves, "beta_one", "vm",
                                  "ubuntu", "kubernetes")
        self.assertIn("by driver beta_one", str(error))

    def test_two_drivers_for_one_triple_first_name_wins(self):
        class Other(BetaDriver):
            beta = False
        drivers = self._registry(b_second=Other, a_first=BetaDriver)
        self.config(enabled_beta_drivers=["a_first"], group="drivers")
        self.assertEqual("a_first",
                         drivers.name_for("vm", "flatcar", "kubernetes"))

    def test_empty_registry(self):
        error = self.assertRaises(exceptions.ClusterDriverNotSupported,
                                  self._registry().get, "x")
        self.assertIn("Installed drivers: none", str(error))


class TestDriverContract(base.TestCase):
    def test_template_rules_come_from_the_shared_table(self):
        drivers = registry.Registry.from_entry_points()
        for name, (_, _, coe) in INSTALLED.items():
            driver = drivers.get(name)
            self.assertIs(coe_rules.RULES[coe], driver.template_rules(coe))
            self.assertIsNone(driver.template_rules("nomad"))
            self.assertFalse(driver.beta)

    def test_rules_table(self):
        rules = coe_rules.RULES
        self.assertEqual(("flannel", "calico"),
                         rules["kubernetes"].network_drivers)
        self.assertEqual(("docker", "flannel"),
                         rules["swarm-mode"].network_drivers)
        self.assertEqual(("docker",), rules["mesos"].network_drivers)
        self.assertEqual(("cinder",), rules["kubernetes"].volume_drivers)
        self.assertEqual(("rexray",), rules["swarm"].volume_drivers)
        self.assertEqual(("rexray",), rules["mesos"].volume_drivers)
        for coe in coe_rules.COES:
            self.assertEqual(("vm", "bm"), rules[coe].server_types)

    def test_allowed_and_default_network_drivers(self):
        k8s = coe_rules.RULES["kubernetes"]
        self.assertEqual(["flannel", "calico"],
                         k8s.allowed_network_drivers(base.CONF))
        self.config(kubernetes_allowed_network_drivers=["calico", "weave"],
                    group="cluster_template")
        self.assertEqual(["calico"], k8s.allowed_network_drivers(base.CONF))
        self.assertEqual("flannel", k8s.default_network_driver(base.CONF))
        self.assertEqual("docker", coe_rules.RULES[
            "swarm-mode"].default_network_driver(base.CONF))
