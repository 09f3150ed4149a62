"""Network: IP allocation, routers, floating IPs, security groups."""

from magnum_like.localcloud.world import errors
from tests.unit.localcloud import base


class TestNetwork(base.WorldTestCase):
    def setUp(self):
        super().setUp()
        self.net = self.world.network
        self.n = self.net.create_network(self.demo, "n1")
        self.s = self.net.create_subnet(self.demo, self.n["id"],
                                        "192.168.5.0/29")

    def test_subnet_defaults(self):
        self.assertEqual("192.168.5.1", self.s["gateway_ip"])
        self.assertEqual([{"start": "192.168.5.2", "end": "192.168.5.6"}],
                         self.s["allocation_pools"])
        self.assertEqual([self.s["id"]],
                         self.net.find_network(self.demo, "n1")["subnets"])

    def test_sequential_allocation_and_exhaustion(self):
        ips = [self.net.create_port(self.demo, self.n["id"])["fixed_ips"][0][
            "ip_address"] for _ in range(5)]
        self.assertEqual(["192.168.5.%d" % i for i in range(2, 7)], ips)
        err = self.assertRaises(errors.Conflict, self.net.create_port,
                                self.demo, self.n["id"])
        self.assertEqual("IpAddressGenerationFailure", err.neutron_type)

    def test_released_ip_is_reused(self):
        port = self.net.create_port(self.demo, self.n["id"])
        self.net.delete_port(port["id"])
        again = self.net.create_port(self.demo, self.n["id"])
        self.assertEqual(port["fixed_ips"], again["fixed_ips"])

    def test_fixed_ip_conflict(self):
        self.net.create_port(self.demo, self.n["id"], fixed_ips=[
            {"ip_address": "192.168.5.4"}])
        self.assertRaises(errors.Conflict, self.net.create_port, self.demo,
                          self.n["id"],
                          fixed_ips=[{"ip_address": "192.168.5.4"}])

    def test_port_gets_default_security_group(self):
        port = self.net.create_port(self.demo, self.n["id"])
        group = self.net.find_security_group(self.demo, "default")
        self.assertEqual([group["id"]], port["security_groups"])
        self.assertEqual(4, len(group["security_group_rules"]))

    def test_tenant_isolation(self):
        self.assertRaises(errors.NotFound, self.net.find_network, self.alt,
                          "n1")
        self.assertEqual("public",
                         self.net.find_network(self.alt, "public")["name"])
        names = {n["name"] for n in self.net.list_networks(self.alt)}
        self.assertEqual({"public", "alt-private"}, names)

    def test_floating_ip_needs_router(self):
        port = self.net.create_port(self.demo, self.n["id"])
        err = self.assertRaises(errors.NotFound,
                                self.net.create_floating_ip, self.demo,
                                "public", port_id=port["id"])
        self.assertEqual("ExternalGatewayForFloatingIPNotFound",
                         err.neutron_type)
        self.assertEqual([], self.net.list_floating_ips(self.demo))

    def test_floating_ip_through_router(self):
        router = self.net.create_router(self.demo, "r",
                                        external_network="public")
        self.assertEqual("172.24.4.",
                         router["external_gateway_info"][
                             "external_fixed_ips"][0]["ip_address"][:9])
        info = self.net.add_router_interface(router["id"], self.s["id"])
        self.assertEqual(self.s["id"], info["subnet_id"])
        port = self.net.create_port(self.demo, self.n["id"])
        fip = self.net.create_floating_ip(self.demo, "public",
                                          port_id=port["id"])
        self.assertEqual("ACTIVE", fip["status"])
        self.assertEqual(router["id"], fip["router_id"])
        self.assertTrue(fip["floating_ip_address"].startswith("172.24.4."))
        self.net.delete_port(port["id"])
        fip = self.net.get_floating_ip(fip["id"])
        self.assertIsNone(fip["port_id"])
        self.assertRaises(errors.Conflict, self.net.delete_router,
                          router["id"])

    def test_in_use_conflicts(self):
        router = self.net.create_router(self.demo, "r")
        self.net.add_router_interface(router["id"], self.s["id"])
        self.assertRaises(errors.BadRequest, self.net.add_router_interface,
                          router["id"], self.s["id"])
        self.assertRaises(errors.Conflict, self.net.delete_subnet,
                          self.s["id"])
        self.assertRaises(errors.Conflict, self.net.delete_network,
                          self.n["id"])
        self.net.remove_router_interface(router["id"], self.s["id"])
        self.net.delete_router(router["id"])
        self.net.delete_network(self.n["id"])
        self.assertRaises(errors.NotFound, self.net.find_subnet, self.demo,
                          self.s["id"])

    def test_security_group_rules(self):
        group = self.net.create_security_group(self.demo, "k8s")
        rule = self.net.create_security_group_rule(
            self.demo, group["id"], protocol="tcp", port_range_min=6443,
            port_range_max=6443, remote_ip_prefix="0.0.0.0/0")
        self.assertEqual(6443, rule["port_range_min"])
        self.assertRaises(errors.Conflict,
                          self.net.create_security_group_rule, self.demo,
                          group["id"], protocol="tcp", port_range_min=6443,
                          port_range_max=6443, remote_ip_prefix="0.0.0.0/0")
        self.assertRaises(errors.BadRequest,
                          self.net.create_security_group_rule, self.demo,
                          group["id"], protocol="bogus")
        port = self.net.create_port(self.demo, self.n["id"],
                                    security_groups=["k8s"])
        self.assertRaises(errors.Conflict, self.net.delete_security_group,
                          group["id"])
        self.net.delete_port(port["id"])
        self.net.delete_security_group(group["id"])

    def test_quota(self):
        self.net.set_quota(self.demo, network=2)
        self.assertRaises(errors.QuotaExceeded, self.net.create_network,
                          self.demo, "n3")


class TestConcurrency(base.WorldTestCase):
    def test_parallel_ports_get_distinct_ips(self):
        import threading
        net = self.world.network
        private = net.find_network(self.demo, "private")["id"]
        ips, failures = [], []

        def worker():
            try:
                for _ in range(10):
                    port = net.create_port(self.demo, private)
                    ips.append(port["fixed_ips"][0]["ip_address"])
            except Exception as exc:  # pragma: no cover - reported below
                failures.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual([], failures)
        self.assertEqual(80, len(set(ips)))
