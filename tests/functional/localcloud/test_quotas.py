"""`openstack quota set` against the local cloud: Nova's PUT
/os-quota-sets/{project} and Neutron's PUT /quotas/{project}, as the
real CLI sends them (compute with optional force, network with
check_limit or force)."""

import json
import os
import subprocess
import sys

from tests.functional.localcloud import base

CLI = os.path.join(os.path.dirname(sys.executable), "openstack")


class TestQuotaSet(base.LocalCloudTestCase):
    def cli(self, *args, user="admin"):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("OS_")}
        env.update(self.cloud.env(user))
        return subprocess.run([CLI, *args], env=env, capture_output=True,
                              text=True, timeout=60)

    def quota(self, project):
        run = self.cli("quota", "show", project, "-f", "value")
        self.assertEqual(0, run.returncode, run.stderr)
        return run.stdout

    def setUp(self):
        super().setUp()
        world = self.cloud.world
        self.alt = world.identity.find_project("alt_demo")["id"]
        self.addCleanup(self._reset_quotas)

    def _reset_quotas(self):
        with self.cloud.world.lock:
            self.cloud.world.compute.quotas.pop(self.alt, None)
            self.cloud.world.network.quotas.pop(self.alt, None)
            self.cloud.world.volume.quotas.pop(self.alt, None)

    def test_cli_sets_compute_and_network_quotas(self):
        run = self.cli("quota", "set", "--ram", "131072", "--cores", "40",
                       "--instances", "12", "--ports", "120",
                       "--floating-ips", "60", "alt_demo")
        self.assertEqual(0, run.returncode, run.stderr)
        world = self.cloud.world
        self.assertEqual(131072, world.compute.quota_for(self.alt)["ram"])
        self.assertEqual(40, world.compute.quota_for(self.alt)["cores"])
        self.assertEqual(120, world.network.get_quota(self.alt)["port"])
        self.assertEqual(60,
                         world.network.get_quota(self.alt)["floatingip"])

    def test_cli_shows_and_sets_volume_quotas(self):
        # With volumev3 in the catalog the CLI reads Cinder's quotas too.
        self.assertIn("1000", self.quota("alt_demo"))
        run = self.cli("quota", "set", "--volumes", "7", "--gigabytes",
                       "70", "alt_demo")
        self.assertEqual(0, run.returncode, run.stderr)
        run = self.cli("quota", "show", "alt_demo", "-f", "json")
        self.assertEqual(0, run.returncode, run.stderr)
        limits = {row["Resource"]: row["Limit"]
                  for row in json.loads(run.stdout)}
        self.assertEqual(7, limits["volumes"])
        self.assertEqual(70, limits["gigabytes"])
        run = self.cli("quota", "set", "--volumes", "3", "alt_demo",
                       user="alt_demo")
        self.assertNotEqual(0, run.returncode)

    def test_volume_limits_as_horizon_reads_them(self):
        sess = self.session("admin")
        resp = sess.get("/limits?project_id=%s" % self.alt,
                        endpoint_filter={"service_type": "volumev3"},
                        headers={"OpenStack-API-Version": "volume 3.39"})
        absolute = resp.json()["limits"]["absolute"]
        self.assertEqual(10, absolute["maxTotalVolumes"])
        self.assertEqual(0, absolute["totalVolumesUsed"])
        resp = self.session("alt_demo").get(
            "/limits?project_id=%s" % self.cloud.world.identity.find_project(
                "demo")["id"], raise_exc=False,
            endpoint_filter={"service_type": "volumev3"})
        self.assertEqual(403, resp.status_code)

    def test_member_may_not_set_quotas(self):
        run = self.cli("quota", "set", "--ram", "1000", "alt_demo",
                       user="alt_demo")
        self.assertNotEqual(0, run.returncode)

    def nova_put(self, project, body, headers=None):
        return self.session("admin").put(
            "/os-quota-sets/%s" % project, json=body, raise_exc=False,
            endpoint_filter={"service_type": "compute"},
            headers=headers or {})

    def test_update_answers_the_quota_set_without_id(self):
        resp = self.nova_put(self.alt, {"quota_set": {"ram": "70000"}})
        self.assertEqual(200, resp.status_code, resp.text)
        quota_set = resp.json()["quota_set"]
        self.assertEqual(70000, quota_set["ram"])
        self.assertNotIn("id", quota_set)

    def test_update_refusals(self):
        world = self.cloud.world
        demo = world.identity.find_project("demo")["id"]
        user = world.identity.find_user("demo")["id"]
        server = world.compute.create_server(demo, user, "q", "m1.small",
                                             "fedora-coreos-40")
        self.addCleanup(world.compute.delete_server, server["id"])
        for body, text in (
                ({"quota_set": {"bogus": 1}}, "bogus"),
                ({"quota_set": {"ram": -2}}, "ram"),
                ({"quota_set": {"ram": "lots"}}, "ram"),
                ({"quota_set": {"ram": 10}}, "already used"),
                ({"quota": {"ram": 10}}, "quota_set")):
            resp = self.nova_put(demo, body)
            self.assertEqual(400, resp.status_code, body)
            self.assertIn(text, resp.text)
        resp = self.nova_put(demo, {"quota_set": {"ram": 10,
                                                  "force": True}})
        self.assertEqual(200, resp.status_code, resp.text)
        self.assertEqual(10, world.compute.quota_for(demo)["ram"])
        world.compute.set_quota(demo, ram=51200)
        resp = self.nova_put("no-such-project", {"quota_set": {"ram": 1}})
        self.assertEqual(400, resp.status_code)
        resp = self.nova_put(self.alt, {"quota_set": {"injected_files": 1}},
                             {"OpenStack-API-Version": "compute 2.57"})
        self.assertEqual(400, resp.status_code)

    def test_neutron_check_limit_refuses_below_usage(self):
        neutron = self.session("admin")
        demo = self.cloud.world.identity.find_project("demo")["id"]
        resp = neutron.put("/v2.0/quotas/%s" % demo, json={"quota": {
            "network": 0, "check_limit": True}}, raise_exc=False,
            endpoint_filter={"service_type": "network"})
        self.assertEqual(400, resp.status_code)
        self.assertIn("already used", resp.text)
        self.assertEqual(100, self.cloud.world.network.get_quota(
            demo)["network"])
