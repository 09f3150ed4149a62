"""Nova, Glance, Neutron and Octavia emulations through the real
clients (python-novaclient, python-glanceclient, python-neutronclient,
keystoneauth adapters)."""

from glanceclient import client as glance_client
from neutronclient.common import exceptions as neutron_exc
from neutronclient.v2_0 import client as neutron_client
from novaclient import client as nova_client
from novaclient import exceptions as nova_exc

from tests.functional.localcloud import base


class TestNova(base.LocalCloudTestCase):
    def setUp(self):
        super().setUp()
        self.nova = nova_client.Client("2.79", session=self.session("demo"))

    def test_flavors(self):
        names = {f.name for f in self.nova.flavors.list()}
        self.assertTrue({"m1.small", "m1.medium", "ds2G", "m1.large",
                         "baremetal", "m1.zero-disk"} <= names)
        zero = self.nova.flavors.find(name="m1.zero-disk")
        self.assertEqual(0, zero.disk)

    def test_keypairs(self):
        keys = self.nova.keypairs.list()
        self.assertEqual(["default"], [k.name for k in keys])

    def test_servers_created_in_the_world(self):
        world = self.cloud.world
        project = world.identity.find_project("demo")["id"]
        user = world.identity.find_user("demo")["id"]
        server = world.compute.create_server(
            project, user, "func-vm", "m1.small", "fedora-coreos-40",
            key_name="default", metadata={"role": "master"})
        self.addCleanup(world.compute.delete_server, server["id"])
        listed = self.nova.servers.list()
        self.assertIn(server["id"], [s.id for s in listed])
        got = self.nova.servers.get(server["id"])
        self.assertEqual("ACTIVE", got.status)
        self.assertEqual({"role": "master"}, got.metadata)
        self.assertEqual("m1.small", got.flavor["original_name"])
        self.assertIn("private", got.addresses)
        alt = nova_client.Client("2.1", session=self.session("alt_demo"))
        self.assertEqual([], alt.servers.list())
        self.assertRaises(nova_exc.NotFound, alt.servers.get, server["id"])
        admin = nova_client.Client("2.79", session=self.session("admin"))
        every = admin.servers.list(search_opts={"all_tenants": True})
        self.assertIn(server["id"], [s.id for s in every])

    def test_limits_and_microversion_header(self):
        limits = self.nova.limits.get().to_dict()["absolute"]
        self.assertEqual(10, limits["maxTotalInstances"])
        resp = self.session("demo").get(
            "/flavors", endpoint_filter={"service_type": "compute"},
            headers={"OpenStack-API-Version": "compute 2.55"})
        self.assertEqual("compute 2.55",
                         resp.headers["OpenStack-API-Version"])
        self.assertIn("description", resp.json()["flavors"][0])


class TestGlance(base.LocalCloudTestCase):
    def test_list_with_filters_and_isolation(self):
        glance = glance_client.Client("2", session=self.session("demo"))
        names = {i["name"] for i in glance.images.list()}
        self.assertIn("fedora-coreos-40", names)
        self.assertNotIn("alt-private-image", names)
        fcos = list(glance.images.list(filters={"os_distro":
                                                "fedora-coreos"}))
        self.assertEqual(["fedora-coreos-40"], [i["name"] for i in fcos])
        alt = glance_client.Client("2", session=self.session("alt_demo"))
        names = {i["name"] for i in alt.images.list()}
        self.assertIn("alt-private-image", names)

    def test_pagination(self):
        glance = glance_client.Client("2", session=self.session("demo"))
        paged = list(glance.images.list(page_size=2))
        self.assertEqual(5, len(paged))
        resp = self.session("demo").get(
            "/v2/images?limit=2", endpoint_filter={"service_type": "image"})
        self.assertTrue(resp.json()["next"].startswith("/v2/images?"))

    def test_create_update_delete(self):
        glance = glance_client.Client("2", session=self.session("demo"))
        image = glance.images.create(name="func-img", disk_format="qcow2",
                                     container_format="bare",
                                     os_distro="fedora-coreos")
        self.assertEqual("queued", image["status"])
        glance.images.update(image["id"], magnum_driver="k8s")
        self.assertEqual("k8s", glance.images.get(image["id"])[
            "magnum_driver"])
        glance.images.delete(image["id"])


class TestNeutron(base.LocalCloudTestCase):
    def test_external_network_and_isolation(self):
        neutron = neutron_client.Client(session=self.session("demo"))
        external = neutron.list_networks(**{"router:external": True})
        self.assertEqual(["public"],
                         [n["name"] for n in external["networks"]])
        names = {n["name"] for n in neutron.list_networks()["networks"]}
        self.assertEqual({"public", "private"}, names)
        alt = neutron_client.Client(session=self.session("alt_demo"))
        alt_nets = alt.list_networks()["networks"]
        private = [n for n in alt_nets if n["name"] == "alt-private"][0]
        self.assertRaises(neutron_exc.NetworkNotFoundClient,
                          neutron.show_network, private["id"])

    def test_port_and_floating_ip(self):
        neutron = neutron_client.Client(session=self.session("demo"))
        private = neutron.list_networks(name="private")["networks"][0]
        port = neutron.create_port({"port": {
            "network_id": private["id"], "name": "func"}})["port"]
        public = neutron.list_networks(name="public")["networks"][0]
        fip = neutron.create_floatingip({"floatingip": {
            "floating_network_id": public["id"],
            "port_id": port["id"]}})["floatingip"]
        self.assertEqual(port["fixed_ips"][0]["ip_address"],
                         fip["fixed_ip_address"])
        found = neutron.list_ports(fixed_ips="ip_address=%s" % port[
            "fixed_ips"][0]["ip_address"])["ports"]
        self.assertEqual([port["id"]], [p["id"] for p in found])
        neutron.delete_floatingip(fip["id"])
        neutron.delete_port(port["id"])

    def test_fields_and_quota(self):
        neutron = neutron_client.Client(session=self.session("demo"))
        nets = neutron.list_networks(fields=["id", "name"])["networks"]
        self.assertEqual({"id", "name"}, set(nets[0]))
        project = self.session("demo").get_project_id()
        self.assertEqual(100,
                         neutron.show_quota(project)["quota"]["network"])


class TestOctavia(base.LocalCloudTestCase):
    def test_list_show_delete(self):
        world = self.cloud.world
        project = world.identity.find_project("demo")["id"]
        subnet = world.network.find_subnet(project, "private-subnet")
        lb = world.loadbalancer.create_loadbalancer(
            project, vip_subnet_id=subnet["id"],
            description="Kubernetes external service x from cluster y")
        world.loadbalancer.create_listener(project, lb["id"], "TCP", 80)
        sess = self.session("demo")
        flt = {"service_type": "load-balancer"}
        listed = sess.get("/v2/lbaas/loadbalancers", endpoint_filter=flt)
        self.assertEqual([lb["id"]], [x["id"] for x in listed.json()[
            "loadbalancers"]])
        resp = sess.delete("/v2/lbaas/loadbalancers/" + lb["id"],
                           endpoint_filter=flt, raise_exc=False)
        self.assertEqual(400, resp.status_code)
        resp = sess.delete("/v2/lbaas/loadbalancers/%s?cascade=true"
                           % lb["id"], endpoint_filter=flt)
        self.assertEqual(204, resp.status_code)
        resp = sess.get("/v2/lbaas/loadbalancers/" + lb["id"],
                        endpoint_filter=flt, raise_exc=False)
        self.assertEqual(404, resp.status_code)
