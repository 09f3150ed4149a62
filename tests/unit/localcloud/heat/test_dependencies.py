"""Dependency ordering of resources."""

import testtools

from magnum_like.localcloud.heat import dependencies
from magnum_like.localcloud.heat import errors
from tests.unit.localcloud.heat import base
from tests.unit.localcloud.heat.base import hot


class TestDependencies(testtools.TestCase):
    def test_implicit_and_explicit(self):
        doc = hot({
            "net": {"type": "OS::Neutron::Net"},
            "port": {"type": "OS::Neutron::Port", "properties": {
                "network": {"get_resource": "net"}}},
            "srv": {"type": "OS::Nova::Server", "properties": {
                "flavor": "f", "networks": [{"port": {
                    "get_resource": "port"}}]}},
            "out": {"type": "OS::Heat::Value", "depends_on": "srv",
                    "properties": {"value": {"get_attr": [
                        "port", "fixed_ips", 0, "ip_address"]}}}})
        defn = base.build(doc)
        order = dependencies.topo_order(defn.deps)
        self.assertLess(order.index("net"), order.index("port"))
        self.assertLess(order.index("port"), order.index("srv"))
        self.assertLess(order.index("srv"), order.index("out"))
        self.assertEqual({"port", "srv"}, defn.deps["out"])

    def test_floating_ip_waits_for_router_interface(self):
        doc = hot({
            "ri": {"type": "OS::Neutron::RouterInterface", "properties": {
                "router": "r", "subnet": "s"}},
            "fip": {"type": "OS::Neutron::FloatingIP", "properties": {
                "floating_network": "public", "port_id": "p"}}})
        self.assertEqual({"ri"}, base.build(doc).deps["fip"])

    def test_ready_and_required_by(self):
        deps = {"a": set(), "b": {"a"}, "c": {"a"}, "d": {"b", "c"}}
        self.assertEqual(["a"], dependencies.ready(deps, set(), set()))
        self.assertEqual(["b", "c"], sorted(dependencies.ready(
            deps, {"a"}, {"a"})))
        self.assertEqual({"b", "c"}, dependencies.required_by(deps)["a"])

    def test_cycle_is_named(self):
        exc = self.assertRaises(
            errors.CircularDependencyException, dependencies.check_acyclic,
            {"a": {"b"}, "b": {"c"}, "c": {"a"}})
        self.assertIn("a -> b -> c -> a", exc.message)
