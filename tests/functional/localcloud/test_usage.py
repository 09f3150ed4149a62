"""Nova's os-simple-tenant-usage through python-novaclient, as
Horizon's overview pages call it."""

import datetime

from novaclient import client as nova_client
from novaclient import exceptions as nova_exc

from tests.functional.localcloud import base


def _utcnow():
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


class TestSimpleTenantUsage(base.LocalCloudTestCase):
    def setUp(self):
        super().setUp()
        self.world = self.cloud.world
        self.demo = self.world.identity.find_project("demo")["id"]
        self.alt = self.world.identity.find_project("alt_demo")["id"]
        self.start = _utcnow() - datetime.timedelta(hours=1)

    def _server(self, project, name, flavor="m1.small"):
        user = self.world.identity.find_user(
            "demo" if project == self.demo else "alt_demo")["id"]
        server = self.world.compute.create_server(
            project, user, name, flavor, "fedora-coreos-40")
        return server["id"]

    def _nova(self, user, version="2.40"):
        return nova_client.Client(version, session=self.session(user))

    def test_project_usage_counts_live_and_deleted_servers(self):
        live = self._server(self.demo, "usage-live", "m1.medium")
        self.addCleanup(self.world.compute.delete_server, live)
        gone = self._server(self.demo, "usage-gone")
        self.world.compute.delete_server(gone)
        usage = self._nova("demo").usage.get(self.demo, self.start,
                                             _utcnow())
        by_id = {u["instance_id"]: u for u in usage.server_usages}
        self.assertEqual("active", by_id[live]["state"])
        self.assertIsNone(by_id[live]["ended_at"])
        self.assertEqual((4096, 2, 40, "m1.medium"), (
            by_id[live]["memory_mb"], by_id[live]["vcpus"],
            by_id[live]["local_gb"], by_id[live]["flavor"]))
        self.assertEqual("terminated", by_id[gone]["state"])
        self.assertIsNotNone(by_id[gone]["ended_at"])
        self.assertEqual(self.demo, usage.tenant_id)
        hours = sum(u["hours"] for u in usage.server_usages)
        self.assertAlmostEqual(hours, usage.total_hours)
        self.assertAlmostEqual(4096 * by_id[live]["hours"] + 2048 * by_id[
            gone]["hours"], usage.total_memory_mb_usage)

    def test_period_before_any_server_is_empty(self):
        self.addCleanup(self.world.compute.delete_server,
                        self._server(self.demo, "usage-later"))
        usage = self._nova("demo", "2.1").usage.get(
            self.demo, self.start - datetime.timedelta(days=2),
            self.start - datetime.timedelta(days=1))
        self.assertFalse(hasattr(usage, "server_usages"))

    def test_other_projects_usage_is_forbidden_but_admin_lists_all(self):
        self.addCleanup(self.world.compute.delete_server,
                        self._server(self.alt, "usage-alt"))
        self.assertRaises(nova_exc.Forbidden, self._nova("demo").usage.get,
                          self.alt, self.start, _utcnow())
        self.assertRaises(nova_exc.Forbidden, self._nova("demo").usage.list,
                          self.start, _utcnow())
        usages = self._nova("admin").usage.list(self.start, _utcnow(),
                                                detailed=True)
        alt = [u for u in usages if u.tenant_id == self.alt]
        self.assertEqual(["usage-alt"],
                         [s["name"] for s in alt[0].server_usages])

    def test_pages_through_servers_from_2_40(self):
        ids = [self._server(self.demo, "usage-page-%d" % i)
               for i in range(3)]
        for server_id in ids:
            self.addCleanup(self.world.compute.delete_server, server_id)
        nova = self._nova("demo")
        whole = nova.usage.get(self.demo, self.start, _utcnow())
        everyone = [u["instance_id"] for u in whole.server_usages]
        seen, marker = [], None
        while True:
            page = nova.usage.get(self.demo, self.start, _utcnow(),
                                  limit=2, marker=marker)
            found = getattr(page, "server_usages", [])
            if not found:
                break
            self.assertLessEqual(len(found), 2)
            seen += [u["instance_id"] for u in found]
            marker = seen[-1]
        self.assertEqual(everyone, seen)
        self.assertTrue(set(ids) <= set(seen))

    def test_bad_period_is_a_400(self):
        nova = self._nova("demo")
        self.assertRaises(nova_exc.BadRequest, nova.usage.get, self.demo,
                          _utcnow(), self.start)
        session = self.session("demo")
        resp = session.get(
            "/os-simple-tenant-usage/%s?start=yesterday" % self.demo,
            endpoint_filter={"service_type": "compute"}, raise_exc=False)
        self.assertEqual(400, resp.status_code)
        self.assertIn("Invalid datetime", resp.text)
