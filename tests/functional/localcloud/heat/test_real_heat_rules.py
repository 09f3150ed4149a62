"""Stacks the local cloud's Heat must treat as real OpenStack Heat does
(issue 10), created over HTTP with the real python-heatclient."""

import fixtures
from heatclient import exc as heat_exc

from magnum_like.localcloud.world.identity import catalog
from tests.functional.drivers import base


def _hot(resources, version="queens", **extra):
    doc = {"heat_template_version": version, "resources": resources}
    doc.update(extra)
    return doc


class TestRealHeatRules(base.LocalCloudTestCase):
    def create(self, template, **parameters):
        stack_id = self.heat.stacks.create(
            stack_name="rules", template=template,
            parameters=parameters)["stack"]["id"]
        self.addCleanup(self.wait, stack_id)
        self.addCleanup(self.heat.stacks.delete, stack_id)
        return self.wait(stack_id)

    def test_router_interface_accepts_deprecated_router_id(self):
        stack = self.create(_hot({
            "net": {"type": "OS::Neutron::Net"},
            "subnet": {"type": "OS::Neutron::Subnet", "properties": {
                "network": {"get_resource": "net"},
                "cidr": "10.9.0.0/24"}},
            "router": {"type": "OS::Neutron::Router"},
            "iface": {"type": "OS::Neutron::RouterInterface",
                      "properties": {
                          "router_id": {"get_resource": "router"},
                          "subnet_id": {"get_resource": "subnet"}}}}))
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        ports = self.neutron.list_ports(
            device_owner="network:router_interface")["ports"]
        subnet = self.heat.resources.get(stack.id, "subnet")
        self.assertIn(subnet.physical_resource_id,
                      [ip["subnet_id"] for p in ports
                       for ip in p["fixed_ips"]])

    def test_router_and_router_id_together_conflict(self):
        exc = self.assertRaises(
            heat_exc.HTTPBadRequest, self.heat.stacks.create,
            stack_name="rules", template=_hot({
                "iface": {"type": "OS::Neutron::RouterInterface",
                          "properties": {"router": "r1", "router_id": "r1",
                                         "subnet": "s1"}}}))
        self.assertIn("Cannot define the following properties at the "
                      "same time: router, router_id", str(exc))

    def test_null_volume_type_fails_like_cinder(self):
        # Real Heat validates the volume type ('' for a null) before it
        # creates anything: a 400 for the create request itself
        # (tests.integration.test_heat_differential, case
        # cinder_volume_type_null_by_condition).
        exc = self.assertRaises(heat_exc.HTTPBadRequest, self.create, _hot(
            {"vol": {"type": "OS::Cinder::Volume", "properties": {
                "size": 1, "volume_type": {
                    "if": ["typed", {"get_param": "type"}, None]}}}},
            parameters={"type": {"type": "string", "default": ""}},
            conditions={"typed": {"not": {"equals": [
                {"get_param": "type"}, ""]}}}))
        self.assertIn("The VolumeType () could not be found.", str(exc))

    def test_null_volume_type_in_a_group_fails_at_create(self):
        # Real Heat's preview does not check a group member's volume
        # type; creating the member fails.
        stack = self.create(_hot({"g": {
            "type": "OS::Heat::ResourceGroup", "properties": {
                "count": 1, "resource_def": {
                    "type": "OS::Cinder::Volume", "properties": {
                        "size": 1, "volume_type": None}}}}}))
        self.assertEqual("CREATE_FAILED", stack.stack_status)
        self.assertIn("The VolumeType () could not be found.",
                      stack.stack_status_reason)

    def test_null_parameter_value_takes_the_default(self):
        stack = self.create(_hot(
            {"v": {"type": "OS::Heat::Value",
                   "properties": {"value": {"get_param": "size"}}}},
            parameters={"size": {"type": "number", "default": 3}},
            outputs={"size": {"value": {"get_attr": ["v", "value"]}}}),
            size=None)
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        self.assertEqual("3", stack.parameters["size"])

    def test_yaql_in_a_condition_and_a_property(self):
        stack = self.create(_hot(
            {"v": {"type": "OS::Heat::Value", "condition": "many",
                   "properties": {"value": {"yaql": {
                       "expression": "$.data.ports.select(str($)).join(',')",
                       "data": {"ports": {"get_param": "ports"}}}}}}},
            version="2018-08-31",
            parameters={"ports": {"type": "json", "default": [22, 6443]}},
            conditions={"many": {"yaql": {
                "expression": "$.data.len() > 1",
                "data": {"get_param": "ports"}}}},
            outputs={"ports": {"value": {"get_attr": ["v", "value"]}}}))
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        self.assertEqual("22,6443", self.heat.stacks.output_show(
            stack.id, "ports")["output"]["output_value"])

    def test_bad_yaql_expression_is_refused(self):
        exc = self.assertRaises(
            heat_exc.HTTPBadRequest, self.heat.stacks.create,
            stack_name="rules", template=_hot(
                {"v": {"type": "OS::Heat::Value", "condition": "c"}},
                version="2018-08-31",
                conditions={"c": {"yaql": {"expression": "$.data.(",
                                           "data": {}}}}))
        self.assertIn("Bad expression", str(exc))

    def test_cinder_types_need_volumev3_in_the_catalog(self):
        volume = {"vol": {"type": "OS::Cinder::Volume", "condition": False,
                          "properties": {"size": 1}}}
        stack = self.create(_hot(volume))
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        self.useFixture(fixtures.MonkeyPatch(
            "magnum_like.localcloud.world.identity.catalog."
            "BUILTIN_SERVICES", tuple(
                s for s in catalog.BUILTIN_SERVICES if s[0] != "volumev3")))
        # even a resource its condition leaves out
        exc = self.assertRaises(
            heat_exc.HTTPBadRequest, self.heat.stacks.create,
            stack_name="rules-2", template=_hot(volume))
        self.assertIn("HEAT-E99001 Service cinder is not available for "
                      "resource type OS::Cinder::Volume", str(exc))
