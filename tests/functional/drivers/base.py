"""The local cloud and real Heat/Nova/Neutron clients for driver tests."""

import time

from heatclient import client as heat_client
from keystoneauth1 import identity
from keystoneauth1 import session as ks_session
from neutronclient.v2_0 import client as neutron_client
from novaclient import client as nova_client

from magnum_like.drivers.heat import heat_client as stacks_adapter
from magnum_like.drivers.heat import outputs
from magnum_like.drivers.heat import stack_request
from magnum_like.drivers.k8s_fedora_coreos_v1 import template_def
from magnum_like.localcloud.service import LocalCloud
from tests import base
from tests import heat_inputs as hi

DEFINITION = template_def.DEFINITION


class LocalCloudTestCase(base.TestCase):
    """One local cloud per test class, clients as the demo user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cloud = LocalCloud(heat_profile="fast")
        cls.cloud.start()
        auth = identity.Password(
            auth_url=cls.cloud.auth_url, username="demo",
            password="demo-secret", project_name="demo",
            user_domain_id="default", project_domain_id="default")
        session = ks_session.Session(auth=auth)
        cls.heat = heat_client.Client("1", session=session)
        cls.stacks = stacks_adapter.HeatStacks(cls.heat)
        cls.nova = nova_client.Client("2.1", session=session)
        cls.neutron = neutron_client.Client(session=session)

    @classmethod
    def tearDownClass(cls):
        cls.cloud.stop()
        super().tearDownClass()

    @classmethod
    def wait(cls, stack_id, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            stack = cls.stacks.get(stack_id, resolve_outputs=False)
            if not stack.stack_status.endswith("IN_PROGRESS"):
                return cls.stacks.get(stack_id)
            time.sleep(0.05)
        raise AssertionError("stack %s still in progress" % stack_id)

    @classmethod
    def private_network(cls):
        net = cls.neutron.list_networks(name="private")["networks"][0]
        subnet = cls.neutron.list_subnets(
            name="private-subnet")["subnets"][0]
        return net["id"], subnet["id"]

    @classmethod
    def create_cluster_stack(cls, combo=None):
        """A default cluster stack, CREATE_COMPLETE; returns the stack."""
        combo = combo or next(hi.combinations())
        request = stack_request.create(DEFINITION, hi.inputs_for(combo))
        stack = cls.wait(cls.stacks.create(request))
        assert stack.stack_status == "CREATE_COMPLETE", \
            stack.stack_status_reason
        return stack

    def world(self):
        """What the demo project has in the cloud beyond the seed."""
        world = self.cloud.world
        project = world.identity.find_project("demo")["id"]
        seeded = {n["id"] for n in self.neutron.list_networks(
            name="private")["networks"]}
        return {
            "servers": {s.name: s for s in self.nova.servers.list()},
            "ports": [p for p in self.neutron.list_ports()["ports"]
                      if p["network_id"] not in seeded or
                      p["device_owner"].startswith("compute:")],
            "floating_ips": self.neutron.list_floatingips()["floatingips"],
            "networks": [n for n in self.neutron.list_networks()["networks"]
                         if n["id"] not in seeded and
                         not n.get("router:external")],
            "security_groups": [
                g for g in self.neutron.list_security_groups()[
                    "security_groups"] if g["name"] != "default"],
            "volumes": world.volume.list_volumes(project),
            "loadbalancers": world.loadbalancer.list("loadbalancer",
                                                     project),
            "server_groups": world.compute.list_server_groups(project),
        }

    @staticmethod
    def borrowed(cluster_stack):
        return outputs.nodegroup_stack_inputs(cluster_stack)
