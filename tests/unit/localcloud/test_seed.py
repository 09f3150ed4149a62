"""Seed loading, reset, summary, load balancers."""

import os

from magnum_like.localcloud.world import World
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world import seed
from tests.unit.localcloud import base


class TestSeed(base.WorldTestCase):
    def test_default_seed(self):
        ident = self.world.identity
        self.assertEqual({"Default", "magnum_like"},
                         {d["name"] for d in ident.list_domains()})
        service = ident.find_user("magnum-like")
        roles = ident.user_roles(service["id"], project_id=ident.find_project(
            "service")["id"])
        self.assertIn("admin", [r["name"] for r in roles])
        reader = ident.find_user("demo_reader")
        roles = ident.user_roles(reader["id"], project_id=self.demo)
        self.assertEqual(["reader"], [r["name"] for r in roles])
        public = self.world.network.find_network(self.demo, "public")
        self.assertTrue(public["router:external"])
        subnet = self.world.network.find_subnet(self.demo,
                                                public["subnets"][0])
        self.assertEqual("172.24.4.0/24", subnet["cidr"])

    def test_extra_seed_dict_and_reset(self):
        world = World(seed={
            "include_default": True,
            "projects": [{"name": "extra"}],
            "users": [{"name": "extra", "password": "pw",
                       "default_project": "extra",
                       "roles": [{"project": "extra", "role": "member"}]}],
            "faults": [{"service": "image", "status": 500}],
            "settings": {"heat_profile": "realistic"}})
        self.assertEqual("realistic", world.settings["heat_profile"])
        project = world.identity.find_project("extra")
        world.network.create_network(project["id"], "tmp")
        summary = world.summary()
        self.assertEqual(1, summary["projects"]["extra"]["networks"])
        self.assertEqual(1, len(summary["faults"]["service"]))
        world.reset()
        self.assertEqual(0, world.summary()["projects"]["extra"]["networks"])

    def test_default_seed_path(self):
        world = World(seed=seed.DEFAULT_SEED)
        self.assertEqual(1, len(world.identity.list_users(name="demo")))

    def test_seed_replaces_default(self):
        world = World(seed={"domains": [{"id": "default",
                                         "name": "Default"}],
                            "projects": [{"name": "solo"}]})
        self.assertEqual(["solo"], [p["name"] for p in
                                    world.identity.list_projects()])
        self.assertEqual([], world.image.list_images(None, True))

    def test_seed_file(self):
        path = self.useFixture(__import__("fixtures").TempDir()).path
        name = os.path.join(path, "seed.yaml")
        with open(name, "w") as handle:
            handle.write("include_default: true\n"
                         "images:\n  - {name: extra-img, owner: demo}\n")
        world = World(seed=name)
        self.assertEqual("extra-img", world.image.find_image(
            world.identity.find_project("demo")["id"], "extra-img")["name"])

    def test_reset_hooks(self):
        calls = []
        self.world.on_reset(lambda: calls.append(1))
        self.world.add_summary("heat", lambda: {"stacks": 0})
        self.world.reset()
        self.assertEqual([1], calls)
        self.assertEqual({"stacks": 0}, self.world.summary()["heat"])


class TestLoadBalancer(base.WorldTestCase):
    def test_lifecycle(self):
        lbs = self.world.loadbalancer
        subnet = self.world.network.find_subnet(self.demo, "private-subnet")
        lb = lbs.create_loadbalancer(self.demo, vip_subnet_id=subnet["id"],
                                     name="api")
        port = self.world.network.get_port(lb["vip_port_id"])
        self.assertEqual(lb["vip_address"],
                         port["fixed_ips"][0]["ip_address"])
        listener = lbs.create_listener(self.demo, lb["id"], "TCP", 6443)
        pool = lbs.create_pool(self.demo, "TCP", "ROUND_ROBIN",
                               listener_id=listener["id"])
        lbs.create_member(self.demo, pool["id"], "10.0.0.9", 6443)
        lbs.create_healthmonitor(self.demo, pool["id"], "TCP", 5, 5, 3)
        self.assertEqual(pool["id"], lbs.get("listener", listener["id"])[
            "default_pool_id"])
        self.assertRaises(errors.Conflict, lbs.create_listener, self.demo,
                          lb["id"], "TCP", 6443)
        self.assertRaises(errors.BadRequest, lbs.delete, "loadbalancer",
                          lb["id"])
        self.assertRaises(errors.NotFound, lbs.get, "loadbalancer",
                          lb["id"], self.alt)
        lbs.delete("loadbalancer", lb["id"], cascade=True)
        self.assertEqual([], lbs.list("member"))
        self.assertRaises(errors.NotFound, self.world.network.get_port,
                          lb["vip_port_id"])


class TestStableIds(base.WorldTestCase):
    """A restarted local cloud gives its seeded resources the ids it
    gave them before, so what a service stored about them still holds."""

    def _ids(self, world):
        ident, net = world.identity, world.network
        project = ident.find_project("demo")["id"]
        return {"projects": sorted(p["id"] for p in ident.projects.values()),
                "users": sorted(u["id"] for u in ident.users.values()),
                "domains": sorted(ident.domains),
                "roles": sorted(ident.roles),
                "images": sorted(world.image.images),
                "networks": sorted(net.networks),
                "subnets": sorted(net.subnets),
                "routers": sorted(net.routers),
                "demo": project}

    def test_two_worlds_of_one_seed_share_ids(self):
        self.assertEqual(self._ids(self.world), self._ids(World()))

    def test_reset_keeps_ids(self):
        before = self._ids(self.world)
        self.world.reset()
        self.assertEqual(before, self._ids(self.world))

    def test_repeated_names_still_load(self):
        world = World(seed={"include_default": True, "networks": [
            {"name": "private", "project": "demo"}]})
        demo = world.identity.find_project("demo")["id"]
        self.assertEqual(2, sum(1 for n in world.network.networks.values()
                                if n["name"] == "private" and
                                n["project_id"] == demo))


class TestDefaultSeedFitsEveryDriver(base.WorldTestCase):
    def test_default_quota_holds_a_baremetal_cluster(self):
        # A master and a node of the bare-metal flavor fit every
        # project's default compute quota.
        compute = self.world.compute
        flavor = compute.find_flavor("baremetal")
        for project in (self.demo, self.alt, self.admin_project):
            quota = compute.quota_for(project)
            self.assertLessEqual(2 * flavor["ram"], quota["ram"])
            self.assertLessEqual(2 * flavor["vcpus"], quota["cores"])

    def test_admin_project_has_a_routed_network(self):
        net = self.world.network
        private = net.find_network(self.admin_project, "admin-private")
        self.assertEqual(self.admin_project, private["project_id"])
        [subnet_id] = private["subnets"]
        ports = [p for p in net.ports.values()
                 if p["device_owner"] == "network:router_interface" and
                 any(ip["subnet_id"] == subnet_id for ip in p["fixed_ips"])]
        self.assertEqual(1, len(ports))
