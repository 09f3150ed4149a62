"""A rendered FCOS cluster stack in the local cloud: create, outputs
against the world, workers scaled up and down (removing exactly the
server named), a nodegroup stack on the cluster's network, and a delete
that leaves nothing behind."""

from magnum_like.common import exceptions
from magnum_like.drivers.heat import outputs
from magnum_like.drivers.heat import stack_request
from tests import heat_inputs as hi
from tests.functional.drivers import base

COMBO = dict(floating_ip=True, master_lb=True, docker_volume=5,
             etcd_volume="2", fixed_network=False, network_driver="flannel",
             masters=1, tls_disabled=False, cluster_stack=True)


class TestClusterStackLifecycle(base.LocalCloudTestCase):
    def outputs(self, stack):
        return outputs.stack_outputs(stack)

    def scale(self, stack_id, count, remove=()):
        self.stacks.update(stack_request.scale(base.DEFINITION, stack_id,
                                               count, remove))
        stack = self.wait(stack_id)
        self.assertEqual("UPDATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        return stack

    def test_create_scale_nodegroup_delete(self):
        inputs = hi.inputs_for(COMBO)
        inputs.worker_nodegroup.node_count = 2
        request = stack_request.create(base.DEFINITION, inputs)
        stack_id = self.stacks.create(request)
        stack = self.wait(stack_id)
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)

        # outputs: the API behind the load balancer's floating IP, node
        # addresses as the world has them
        out = self.outputs(stack)
        fields = outputs.cluster_fields(stack, tls_disabled=False)
        self.assertEqual("https://%s:6443" % out["api_address"],
                         fields["api_address"])
        self.assertEqual("v1.30.4", fields["coe_version"])
        lbs = self.world()["loadbalancers"]
        self.assertEqual(1, len(lbs))
        fips = {f["floating_ip_address"]: f for f in
                self.neutron.list_floatingips()["floatingips"]}
        self.assertEqual(lbs[0]["vip_port_id"],
                         fips[out["api_address"]]["port_id"])
        servers = self.world()["servers"]
        self.assertEqual(3, len(servers))
        addresses = {a["addr"] for s in servers.values()
                     for net in s.addresses.values() for a in net}
        workers = outputs.nodegroup_fields(stack, "worker", True)
        self.assertEqual(2, workers["node_count"])
        self.assertEqual(2, len(workers["node_addresses"]))
        self.assertLessEqual(set(workers["node_addresses"]), addresses)
        masters = outputs.nodegroup_fields(stack, "master", True)
        self.assertLessEqual(set(masters["node_addresses"]), addresses)
        # a docker volume per node, an etcd volume for the master
        self.assertEqual(3 + 1, len(self.world()["volumes"]))

        # scale up, then down naming the middle worker's server
        stack = self.scale(stack_id, 3)
        ids = self.outputs(stack)["kube_minions_server_ids"]
        self.assertEqual(["0", "1", "2"], sorted(ids))
        victim = ids["1"]
        self.assertIn(victim, [s.id for s in self.nova.servers.list()])
        stack = self.scale(stack_id, 2, [victim])
        left = self.outputs(stack)["kube_minions_server_ids"]
        self.assertEqual({"0": ids["0"], "2": ids["2"]}, left)
        server_ids = {s.id for s in self.nova.servers.list()}
        self.assertNotIn(victim, server_ids)
        self.assertLessEqual({ids["0"], ids["2"]}, server_ids)
        self.assertEqual("2", stack.parameters["number_of_minions"])

        # a nodegroup stack joins through the cluster's network and group
        borrowed = self.borrowed(stack)
        ng_inputs = hi.inputs_for(dict(COMBO, cluster_stack=False),
                                  cluster_outputs=borrowed)
        ng_request = stack_request.create(base.DEFINITION, ng_inputs)
        ng_id = self.stacks.create(ng_request)
        ng_stack = self.wait(ng_id)
        self.assertEqual("CREATE_COMPLETE", ng_stack.stack_status,
                         ng_stack.stack_status_reason)
        ng_server = next(s for s in self.nova.servers.list()
                         if s.name.startswith(ng_request.stack_name))
        ports = self.neutron.list_ports(device_id=ng_server.id)["ports"]
        self.assertEqual(borrowed["fixed_network_id"],
                         ports[0]["network_id"])
        self.assertEqual([borrowed["existing_security_group"]],
                         ports[0]["security_groups"])
        self.assertTrue(self.stacks.delete(ng_id))
        self.assertEqual("DELETE_COMPLETE", self.wait(ng_id).stack_status)

        # delete: nothing is left, and a second delete is a 404
        self.assertTrue(self.stacks.delete(stack_id))
        self.assertEqual("DELETE_COMPLETE",
                         self.wait(stack_id).stack_status)
        for kind, items in self.world().items():
            self.assertEqual([], list(items), kind)
        found = self.stacks.list_by_ids([stack_id, ng_id, "nope"])
        self.assertEqual({"DELETE_COMPLETE"},
                         {s.stack_status for s in found.values()})
        self.assertNotIn("nope", found)

    def test_missing_stack(self):
        self.assertFalse(self.stacks.delete("no-such-stack"))
        error = self.assertRaises(exceptions.StackNotFound,
                                  self.stacks.get, "no-such-stack")
        self.assertEqual(404, error.code)

    def test_heat_refusal_is_typed(self):
        request = stack_request.create(base.DEFINITION,
                                       hi.inputs_for(COMBO))
        bad = stack_request.StackRequest(
            stack_name="bad", template=request.template,
            files=request.files,
            environment_files=request.environment_files,
            parameters=dict(request.parameters, nonsense="1"))
        error = self.assertRaises(exceptions.StackRequestRejected,
                                  self.stacks.create, bad)
        self.assertIn("nonsense", str(error))


class TestAddonLabels(base.LocalCloudTestCase):
    """A cluster stack with every add-on label set: Heat takes every
    parameter, masks Grafana's password and hands it to the add-ons'
    deployment only; the add-ons' settings reach every node."""

    PASSWORD = "grafana-s3cret"

    def test_every_addon_label(self):
        inputs = hi.inputs_for(COMBO)
        inputs.cluster.labels.update(
            keystone_auth_enabled="true", k8s_keystone_auth_tag="v1.30.1",
            kube_dashboard_enabled="false", npd_enabled="true",
            cert_manager_api="true", monitoring_enabled="true",
            grafana_admin_passwd=self.PASSWORD, grafana_tag="11.1.0",
            monitoring_retention_days="7", selinux_mode="permissive",
            cinder_csi_enabled="false", helm_client_sha256="a" * 64)
        request = stack_request.create(base.DEFINITION, inputs)
        stack = self.wait(self.stacks.create(request))
        self.addCleanup(self.stacks.delete, stack.id)
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        self.assertEqual("******", stack.parameters["grafana_admin_passwd"])
        self.assertEqual("permissive", stack.parameters["selinux_mode"])

        resources = self.cloud.app._heat.engine.stacks[stack.id].resources
        addons = resources["kube_cluster_deploy"].props["input_values"]
        self.assertEqual(self.PASSWORD, addons["GRAFANA_ADMIN_PASSWD"])
        self.assertEqual("v1.30.1", addons["K8S_KEYSTONE_AUTH_TAG"])
        self.assertIn("demo-project", addons["KEYSTONE_AUTH_DEFAULT_POLICY"])
        settings = resources["node_settings"].props["value"]
        self.assertNotIn(self.PASSWORD, repr(settings))
        self.assertEqual(7, int(settings["MONITORING_RETENTION_DAYS"]))
        for name, value in (("KEYSTONE_AUTH_ENABLED", "true"),
                            ("KUBE_DASHBOARD_ENABLED", "false"),
                            ("CINDER_CSI_ENABLED", "false"),
                            ("CERT_MANAGER_API", "true")):
            self.assertEqual(value, str(settings[name]).lower(), name)
