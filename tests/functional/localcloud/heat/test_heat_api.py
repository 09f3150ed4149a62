"""The emulated Heat over HTTP, driven by the real python-heatclient."""

import time

from heatclient import client as heat_client
from heatclient import exc as heat_exc
from keystoneauth1 import identity
from keystoneauth1 import session as ks_session
from neutronclient.v2_0 import client as neutron_client
from novaclient import client as nova_client
import testtools
import yaml

from magnum_like.localcloud.service import LocalCloud

NODE = {
    "heat_template_version": "queens",
    "parameters": {
        "name": {"type": "string"}, "flavor": {"type": "string"},
        "image": {"type": "string"}, "fixed_network": {"type": "string"},
        "external_network": {"type": "string"}},
    "resources": {
        "port": {"type": "OS::Neutron::Port", "properties": {
            "network": {"get_param": "fixed_network"}}},
        "fip": {"type": "Example::FloatingIP", "properties": {
            "floating_network": {"get_param": "external_network"},
            "port_id": {"get_resource": "port"}}},
        "server": {"type": "OS::Nova::Server", "properties": {
            "name": {"get_param": "name"},
            "flavor": {"get_param": "flavor"},
            "image": {"get_param": "image"},
            "user_data_format": "SOFTWARE_CONFIG",
            "networks": [{"port": {"get_resource": "port"}}]}},
        "config": {"type": "OS::Heat::SoftwareConfig", "properties": {
            "group": "script", "config": {"get_file": "setup.sh"}}},
        "deploy": {"type": "OS::Heat::SoftwareDeployment", "properties": {
            "config": {"get_resource": "config"},
            "server": {"get_resource": "server"}}}},
    "outputs": {
        "ip": {"value": {"get_attr": ["server", "first_address"]}},
        "external_ip": {"value": {"get_attr": ["fip",
                                               "floating_ip_address"]}},
        "OS::stack_id": {"value": {"get_resource": "server"}}},
}
CLUSTER = {
    "heat_template_version": "queens",
    "parameters": {
        "count": {"type": "number", "default": 2},
        "to_remove": {"type": "comma_delimited_list", "default": []},
        "flavor": {"type": "string"}, "image": {"type": "string"},
        "external_network": {"type": "string", "default": "public"},
        "password": {"type": "string", "hidden": True, "default": "x"}},
    "resources": {
        "network": {"type": "network.yaml", "properties": {
            "external_network": {"get_param": "external_network"}}},
        "nodes": {"type": "OS::Heat::ResourceGroup", "properties": {
            "count": {"get_param": "count"},
            "removal_policies": [{"resource_list": {
                "get_param": "to_remove"}}],
            "resource_def": {"type": "Example::Node", "properties": {
                "name": "node-%index%",
                "flavor": {"get_param": "flavor"},
                "image": {"get_param": "image"},
                "fixed_network": {"get_attr": ["network", "net"]},
                "external_network": {
                    "get_param": "external_network"}}}}}},
    "outputs": {
        "node_ips": {"value": {"get_attr": ["nodes", "ip"]}},
        "external_ips": {"value": {"get_attr": ["nodes", "external_ip"]}},
        "refs": {"value": {"get_attr": ["nodes", "refs"]}}},
}
NETWORK = {
    "heat_template_version": "queens",
    "parameters": {"external_network": {"type": "string"}},
    "resources": {
        "net": {"type": "OS::Neutron::Net"},
        "subnet": {"type": "OS::Neutron::Subnet", "properties": {
            "network": {"get_resource": "net"}, "cidr": "10.20.0.0/24"}},
        "router": {"type": "OS::Neutron::Router", "properties": {
            "external_gateway_info": {"network": {
                "get_param": "external_network"}}}},
        "iface": {"type": "OS::Neutron::RouterInterface", "properties": {
            "router": {"get_resource": "router"},
            "subnet": {"get_resource": "subnet"}}}},
    "outputs": {"net": {"value": {"get_resource": "net"}}},
}
ENV = yaml.safe_dump({
    "resource_registry": {"Example::Node": "node.yaml",
                          "Example::FloatingIP": "OS::Neutron::FloatingIP"},
    "parameter_defaults": {"flavor": "m1.small",
                           "image": "fedora-coreos-40"}})
FILES = {"node.yaml": yaml.safe_dump(NODE),
         "network.yaml": yaml.safe_dump(NETWORK),
         "setup.sh": "#!/bin/sh\necho ok\n", "env.yaml": ENV}


class HeatApiTest(testtools.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cloud = LocalCloud()
        cls.cloud.start()
        auth = identity.Password(
            auth_url=cls.cloud.auth_url, username="demo",
            password="demo-secret", project_name="demo",
            user_domain_id="default", project_domain_id="default")
        cls.session = ks_session.Session(auth=auth)
        cls.heat = heat_client.Client("1", session=cls.session)
        cls.nova = nova_client.Client("2.1", session=cls.session)
        cls.neutron = neutron_client.Client(session=cls.session)

    @classmethod
    def tearDownClass(cls):
        cls.cloud.stop()
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.addCleanup(self.cloud.world.faults.clear)

    def wait(self, stack_id, timeout=20):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            stack = self.heat.stacks.get(stack_id)
            if not stack.stack_status.endswith("IN_PROGRESS"):
                return stack
            time.sleep(0.05)
        self.fail("stack %s still in progress" % stack_id)

    def create_cluster(self, name, **params):
        body = self.heat.stacks.create(
            stack_name=name, template=CLUSTER, files=FILES,
            environment_files=["env.yaml"], parameters=params)
        return body["stack"]["id"]

    def outputs(self, stack):
        return {o["output_key"]: o["output_value"] for o in stack.outputs}

    def servers(self):
        return {s.name: s for s in self.nova.servers.list()}


class TestClusterLifecycle(HeatApiTest):
    def test_create_scale_and_delete(self):
        sid = self.create_cluster("lifecycle")
        stack = self.wait(sid)
        self.assertEqual("CREATE_COMPLETE", stack.stack_status)
        self.assertEqual("Stack CREATE completed successfully",
                         stack.stack_status_reason)
        self.assertEqual("******", stack.parameters["password"])
        self.assertEqual("2", stack.parameters["count"])
        self.assertEqual(sid, stack.parameters["OS::stack_id"])
        out = self.outputs(stack)
        self.assertEqual(2, len(out["node_ips"]))
        self.assertTrue(all(ip.startswith("10.20.0.")
                            for ip in out["node_ips"]))
        servers = self.servers()
        self.assertEqual({"node-0", "node-1"}, set(servers))
        addrs = [a["addr"] for a in
                 next(iter(servers["node-0"].addresses.values()))]
        self.assertIn(out["node_ips"][0], addrs)
        self.assertIn(out["external_ips"][0], addrs)
        self.assertEqual(out["refs"][0], servers["node-0"].id)

        self.heat.stacks.update(sid, existing=True, parameters={"count": 3})
        stack = self.wait(sid)
        self.assertEqual("UPDATE_COMPLETE", stack.stack_status)
        self.assertEqual({"node-0", "node-1", "node-2"},
                         set(self.servers()))

        victim = self.servers()["node-1"].id   # named by physical id
        self.heat.stacks.update(sid, existing=True, parameters={
            "count": 2, "to_remove": [victim]})
        stack = self.wait(sid)
        self.assertEqual("UPDATE_COMPLETE", stack.stack_status)
        self.assertEqual({"node-0", "node-2"}, set(self.servers()))
        self.assertEqual("2", stack.parameters["count"])

        nested = self.heat.resources.list(sid, nested_depth=2)
        self.assertEqual(2, len([r for r in nested
                                 if r.resource_type == "OS::Nova::Server"]))
        events = list(self.heat.events.list(sid))
        self.assertEqual("CREATE_IN_PROGRESS", events[0].resource_status)

        self.heat.stacks.delete(sid)
        stack = self.wait(sid)
        self.assertEqual("DELETE_COMPLETE", stack.stack_status)
        self.assertEqual({}, self.servers())
        ports = self.neutron.list_ports()["ports"]
        self.assertFalse([p for p in ports if p["device_owner"].startswith(
            "compute:")])
        self.assertFalse(self.neutron.list_floatingips()["floatingips"])
        self.assertFalse([n for n in self.neutron.list_networks()[
            "networks"] if n["name"].startswith("lifecycle-")])
        self.assertNotIn(sid, [s.id for s in self.heat.stacks.list()])
        self.assertRaises(heat_exc.HTTPNotFound, self.heat.stacks.get,
                          "lifecycle")


class TestStackApi(HeatApiTest):
    def test_lookup_list_outputs_and_template(self):
        sid = self.create_cluster("api-shapes", count=1)
        self.wait(sid)
        stack = self.heat.stacks.get("api-shapes", resolve_outputs=False)
        self.assertEqual(sid, stack.id)
        self.assertFalse(hasattr(stack, "outputs"))
        found = list(self.heat.stacks.list(filters={"id": [sid]}))
        self.assertEqual([sid], [s.id for s in found])
        self.assertEqual(1, len(list(self.heat.stacks.list(limit=1))))
        output = self.heat.stacks.output_show(sid, "node_ips")["output"]
        self.assertEqual(1, len(output["output_value"]))
        keys = [o["output_key"] for o in
                self.heat.stacks.output_list(sid)["outputs"]]
        self.assertIn("refs", keys)
        self.assertEqual(CLUSTER["resources"].keys(),
                         self.heat.stacks.template(sid)["resources"].keys())
        res = self.heat.resources.get(sid, "nodes")
        self.assertEqual("OS::Heat::ResourceGroup", res.resource_type)
        self.assertIn("refs", res.attributes)
        self.heat.stacks.delete(sid)
        self.assertEqual("DELETE_COMPLETE", self.wait(sid).stack_status)

    def test_undeclared_parameter_is_refused(self):
        error = self.assertRaises(
            heat_exc.HTTPBadRequest, self.create_cluster, "bad-param",
            foo="1")
        self.assertIn("The Parameter (foo) was not defined in template.",
                      str(error))

    def test_missing_required_property_is_refused(self):
        template = {"heat_template_version": "queens", "resources": {
            "s": {"type": "OS::Nova::Server", "properties": {
                "image": "fedora-coreos-40"}}}}
        error = self.assertRaises(heat_exc.HTTPBadRequest,
                                  self.heat.stacks.create,
                                  stack_name="no-flavor", template=template)
        self.assertIn("Property flavor not assigned", str(error))

    def test_validate(self):
        result = self.heat.stacks.validate(template=CLUSTER, files=FILES,
                                           environment_files=["env.yaml"])
        self.assertEqual("Number", result["Parameters"]["count"]["Type"])
        self.assertEqual("true", result["Parameters"]["password"]["NoEcho"])

    def test_unauthenticated(self):
        import requests
        url = self.cloud.url + "/heat-api/v1/x/stacks"
        self.assertEqual(401, requests.get(url, timeout=5).status_code)


class TestFailures(HeatApiTest):
    def test_fault_names_the_failed_resource(self):
        self.cloud.world.faults.add_resource_fault(
            kind="fail", resource_name="server", stack_prefix="faulty",
            action="CREATE", reason="No valid host was found.")
        sid = self.create_cluster("faulty", count=1)
        stack = self.wait(sid)
        self.assertEqual("CREATE_FAILED", stack.stack_status)
        self.assertEqual(
            'Resource CREATE failed: ResourceInError: resources.nodes.'
            'resources[0].resources.server: Went to status ERROR due to '
            '"No valid host was found."', stack.stack_status_reason)
        self.heat.stacks.delete(sid)
        self.assertEqual("DELETE_COMPLETE", self.wait(sid).stack_status)
        self.assertEqual({}, self.servers())

    def test_timeout(self):
        self.cloud.world.faults.add_resource_fault(
            kind="hang", resource_name="deploy", stack_prefix="slowpoke",
            action="CREATE")
        body = self.heat.stacks.create(
            stack_name="slowpoke", template=CLUSTER, files=FILES,
            environment_files=["env.yaml"], parameters={"count": 1},
            timeout_mins=0.01)
        stack = self.wait(body["stack"]["id"])
        self.assertEqual("CREATE_FAILED", stack.stack_status)
        self.assertEqual("Create timed out", stack.stack_status_reason)
        self.heat.stacks.delete(stack.id)
        self.assertEqual("DELETE_COMPLETE", self.wait(stack.id).stack_status)
