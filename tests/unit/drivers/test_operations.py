"""Drivers without operations refuse them with a 400, never crash;
every installed driver runs on Heat."""

import importlib

from magnum_like.common import exceptions
from magnum_like.drivers import base as base_driver
from magnum_like.drivers import operations
from magnum_like.drivers import registry
from magnum_like.drivers.heat import driver as heat_driver
from tests import base

ALL_DRIVERS = ("k8s_fedora_coreos_v1", "k8s_fedora_ironic_v1",
               "swarm_fedora_atomic_v1", "swarm_fedora_atomic_v2",
               "mesos_ubuntu_v1")


def template_def_of(name):
    return importlib.import_module("magnum_like.drivers.%s.template_def" %
                                   name)


class TestOperationsOf(base.TestCase):
    def test_a_driver_without_operations_refuses(self):
        class Declared(base_driver.Driver):
            provides = [{"server_type": "vm", "os": "x", "coe": "mesos"}]

        ops = operations.operations_of(Declared, "declared_v1")
        for method in operations.METHODS:
            error = self.assertRaises(
                exceptions.DriverOperationNotSupported,
                getattr(ops, method), None)
            self.assertEqual(400, error.code)
            self.assertIn("declared_v1", str(error))
        self.assertEqual(({}, {}), ops.sync_fields())

    def test_every_driver_runs_on_heat(self):
        reg = registry.get_registry()
        for name in ALL_DRIVERS:
            ops = operations.operations_of(reg.get(name), name)
            self.assertIsInstance(ops, heat_driver.HeatOperations, name)
            self.assertIs(template_def_of(name).DEFINITION, ops.definition)

    def test_fedora_coreos_runs_on_heat(self):
        cls = registry.get_registry().get("k8s_fedora_coreos_v1")
        self.assertIsInstance(operations.operations_of(cls),
                              heat_driver.HeatOperations)


class TestNodegroupCapability(base.TestCase):
    """What the API asks a driver before it records a new nodegroup."""

    def test_kubernetes_drivers_take_nodegroups(self):
        reg = registry.get_registry()
        for name in ("k8s_fedora_coreos_v1", "k8s_fedora_ironic_v1"):
            driver = reg.get(name)
            self.assertTrue(driver.supports_nodegroups(), name)
            driver.check_nodegroup_create("kubernetes")

    def test_swarm_and_mesos_refuse_nodegroups(self):
        reg = registry.get_registry()
        for name, coe in (("swarm_fedora_atomic_v1", "swarm"),
                          ("swarm_fedora_atomic_v2", "swarm-mode"),
                          ("mesos_ubuntu_v1", "mesos")):
            driver = reg.get(name)
            self.assertFalse(driver.supports_nodegroups(), name)
            error = self.assertRaises(exceptions.NotSupported,
                                      driver.check_nodegroup_create, coe)
            self.assertEqual(400, error.code)
            self.assertEqual("Adding nodegroups to a %s cluster is not "
                             "supported." % coe, str(error))

    def test_the_flag_is_the_definitions(self):
        ops = registry.get_registry().get("mesos_ubuntu_v1").operations
        self.assertIs(ops.definition.nodegroup_stacks,
                      ops.supports_nodegroups)

    def test_a_driver_without_operations_does_not_refuse_here(self):
        # The conductor refuses its every operation instead.
        self.assertTrue(base_driver.Driver.supports_nodegroups())
        base_driver.Driver.check_nodegroup_create("kubernetes")
