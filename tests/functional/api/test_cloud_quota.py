"""The pre-flight of the project's Nova and Neutron quotas (issue 11):
a cluster create, resize or nodegroup create whose servers would not fit
is a 403 naming the resource, before the 202 and with nothing recorded.
The local cloud answers Nova's /limits and Neutron's quota details as
the real services do; quotas are set on its world per test and put
back."""

from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db_nodegroups
from tests.functional.api import clusters as helpers
from tests.functional.api.clusters import URL


class QuotaChecks:
    """Shared by both auth strategies; mixed into the test classes."""

    def set_quota(self, service, **limits):
        world = getattr(self.cloud.world, service)
        project = self.project_id("demo")
        saved = dict(world.quotas.get(project, {}))
        world.set_quota(project, **limits)

        def restore():
            world.quotas[project] = saved
        self.addCleanup(restore)

    def refused(self, resp, resource):
        error = self.assert_error(resp, 403, resource)
        self.assertIn("quota", error["detail"])
        return error

    def count(self):
        return db_clusters.count_for_project(self.project_id("demo"))

    def test_create_over_the_nova_quota(self):
        # m1.small: 1 vCPU, 2048 MiB; ds2G (masters): 2 vCPUs, 2048 MiB.
        for limits, resource, fields in (
                ({"instances": 2}, "instances", {"node_count": 2}),
                ({"cores": 3}, "cores", {"node_count": 2}),
                ({"ram": 4096}, "RAM", {"node_count": 2})):
            self.set_quota("compute", **limits)
            before = self.count()
            self.refused(self.post_cluster(**fields), resource)
            self.assertEqual(before, self.count())
            self.create_cluster(node_count=1)
            self.set_quota("compute", instances=-1, cores=-1, ram=-1)

    def test_create_over_the_neutron_quota(self):
        for limits, resource, fields in (
                ({"floatingip": 2}, "floating IPs", {"node_count": 2}),
                ({"port": 2}, "ports", {"node_count": 2})):
            self.set_quota("network", **limits)
            self.refused(self.post_cluster(**fields), resource)
            self.set_quota("network", floatingip=-1, port=-1)
        self.create_cluster(node_count=2)

    def test_floating_ips_only_when_enabled(self):
        self.set_quota("network", floatingip=0)
        self.refused(self.post_cluster(), "floating IPs")
        self.create_cluster(floating_ip_enabled=False)

    def test_the_check_can_be_switched_off(self):
        self.set_quota("compute", instances=1)
        self.config(check_cloud_quotas=False, group="quotas")
        self.create_cluster()

    def test_resize_and_nodegroup_create(self):
        cluster = self.ready_cluster(node_count=1)
        self.set_quota("compute", instances=3)
        resp = self.request(
            "%s/%s/actions/resize" % (URL, cluster["uuid"]),
            method="POST", body={"node_count": 5},
            headers=helpers.at("1.7", self.demo))
        self.refused(resp, "instances")
        worker = self.nodegroups(cluster["uuid"])["default-worker"]
        self.assertEqual(1, db_nodegroups.get_by_uuid(
            worker.uuid).node_count)
        resp = self.request(
            "%s/%s/nodegroups" % (URL, cluster["uuid"]), method="POST",
            body={"name": "big", "node_count": 4},
            headers=helpers.at("1.9", self.demo))
        self.refused(resp, "instances")
        self.assertNotIn("big", self.nodegroups(cluster["uuid"]))


class TestAsServiceUser(QuotaChecks, helpers.ClusterTestCase):
    auth_strategy = "noauth"


class TestAsCaller(QuotaChecks, helpers.ClusterTestCase):
    auth_strategy = "keystone"
