"""Compute: servers, their ports and addresses, groups, quotas."""

from magnum_like.localcloud.world import errors
from tests.unit.localcloud import base


class TestServers(base.WorldTestCase):
    def setUp(self):
        super().setUp()
        self.compute = self.world.compute

    def _server(self, **kwargs):
        args = dict(name="vm", flavor="m1.small", image="fedora-coreos-40",
                    key_name="default")
        args.update(kwargs)
        return self.compute.create_server(self.demo, self.demo_user, **args)

    def test_create_on_the_only_network(self):
        server = self._server()
        self.assertEqual("ACTIVE", server["status"])
        self.assertEqual(["private"], list(server["addresses"]))
        addr = server["addresses"]["private"][0]
        self.assertEqual("fixed", addr["OS-EXT-IPS:type"])
        self.assertTrue(addr["addr"].startswith("10.0.0."))
        self.assertEqual("m1.small", server["flavor"]["original_name"])

    def test_floating_ip_appears_in_addresses(self):
        server = self._server()
        port = self.world.network.list_ports(self.demo,
                                             device_id=server["id"])[0]
        fip = self.world.network.create_floating_ip(self.demo, "public",
                                                    port_id=port["id"])
        addrs = self.compute.get_server(server["id"])["addresses"]["private"]
        self.assertEqual(["fixed", "floating"],
                         [a["OS-EXT-IPS:type"] for a in addrs])
        self.assertEqual(fip["floating_ip_address"], addrs[1]["addr"])

    def test_delete_releases_own_ports_and_unbinds_given_ones(self):
        net = self.world.network
        private = net.find_network(self.demo, "private")["id"]
        given = net.create_port(self.demo, private)
        server = self._server(networks=[{"port": given["id"]},
                                        {"uuid": private}])
        self.assertEqual(2, len(server["addresses"]["private"]))
        self.assertEqual("compute:nova",
                         net.get_port(given["id"])["device_owner"])
        self.compute.delete_server(server["id"])
        self.assertEqual("", net.get_port(given["id"])["device_id"])
        self.assertEqual([], net.list_ports(self.demo,
                                            device_id=server["id"]))
        self.assertRaises(errors.NotFound, self.compute.get_server,
                          server["id"])

    def test_validation_errors(self):
        self.assertRaises(errors.BadRequest, self._server, key_name="nope")
        self.assertRaises(errors.BadRequest, self._server, flavor="nope")
        self.assertRaises(errors.BadRequest, self._server, image="nope")
        self.assertRaises(errors.BadRequest, self._server,
                          image="alt-private-image")
        self.assertRaises(errors.Forbidden, self._server,
                          flavor="m1.zero-disk")
        self.world.image.create_image(self.demo, "big", min_disk=30)
        self.assertRaises(errors.BadRequest, self._server, image="big")

    def test_multiple_networks_need_a_choice(self):
        self.world.network.create_network(self.demo, "second")
        self.assertRaises(errors.Conflict, self._server)

    def test_other_project_cannot_see(self):
        server = self._server()
        self.assertRaises(errors.NotFound, self.compute.get_server,
                          server["id"], self.alt)
        self.assertEqual([], self.compute.list_servers(self.alt))
        self.assertEqual(1, len(self.compute.list_servers(all_tenants=True)))

    def test_server_group_membership(self):
        group = self.compute.create_server_group(self.demo, self.demo_user,
                                                 "g", "soft-anti-affinity")
        server = self._server(scheduler_hints={"group": group["id"]})
        members = self.compute.get_server_group(group["id"])["members"]
        self.assertEqual([server["id"]], members)
        self.compute.delete_server(server["id"])
        self.assertEqual(
            [], self.compute.get_server_group(group["id"])["members"])
        self.compute.delete_server_group(group["id"])

    def test_quota_and_limits(self):
        self.compute.set_quota(self.demo, instances=1)
        self._server()
        self.assertRaises(errors.QuotaExceeded, self._server)
        absolute = self.compute.limits(self.demo)["absolute"]
        self.assertEqual(1, absolute["totalInstancesUsed"])
        self.assertEqual(2048, absolute["totalRAMUsed"])

    def test_volume_attach_detach(self):
        server = self._server()
        volume = self.world.volume.create_volume(self.demo, 5, "etcd")
        self.world.volume.attach(volume["id"], server["id"])
        self.assertEqual("in-use",
                         self.world.volume.get_volume(volume["id"])["status"])
        self.assertRaises(errors.BadRequest, self.world.volume.delete_volume,
                          volume["id"])
        view = self.compute.get_server(server["id"])
        self.assertEqual([volume["id"]], [
            v["id"] for v in view["os-extended-volumes:volumes_attached"]])
        self.compute.delete_server(server["id"])
        self.assertEqual("available",
                         self.world.volume.get_volume(volume["id"])["status"])
        self.world.volume.delete_volume(volume["id"])


class TestCatalogs(base.WorldTestCase):
    def test_flavors(self):
        compute = self.world.compute
        self.assertEqual(0, compute.find_flavor("m1.zero-disk")["disk"])
        self.assertEqual("1", compute.find_flavor("baremetal")[
            "extra_specs"]["resources:CUSTOM_BAREMETAL"])
        self.assertEqual("m1.small", compute.find_flavor("2")["name"])

    def test_keypairs_are_per_user(self):
        compute = self.world.compute
        key = compute.find_keypair(self.demo_user, "default")
        self.assertEqual(47, len(key["fingerprint"]))
        self.assertRaises(errors.NotFound, compute.find_keypair,
                          self.admin_user, "default")
        generated = compute.create_keypair(self.demo_user, "gen")
        self.assertIn("PRIVATE KEY", generated["private_key"])
        self.assertRaises(errors.Conflict, compute.create_keypair,
                          self.demo_user, "gen")
