"""/v1/stats: clusters and nodes (masters included) of a project, or of
every project for admins."""

from tests.functional.api import clusters as helpers


class TestStats(helpers.ClusterTestCase):
    def test_stats(self):
        self.create_cluster(node_count=2)
        self.create_cluster(master_count=3, master_lb_enabled=True)
        self.make_template(name="k8s", headers=self.alt)
        self.create_cluster(headers=self.alt, cluster_template_id="k8s")
        mine = {"clusters": 2, "nodes": 7}
        self.assertEqual(mine, self.get_json("/v1/stats",
                                             headers=self.demo))
        demo = self.project_id("demo")
        self.assertEqual(mine, self.get_json(
            "/v1/stats?project_id=%s&type=Cluster" % demo,
            headers=self.demo))
        self.assertEqual({"clusters": 3, "nodes": 9},
                         self.get_json("/v1/stats", headers=self.admin))
        self.assertEqual(mine, self.get_json(
            "/v1/stats?project_id=%s" % demo, headers=self.admin))
        alt = self.project_id("alt_demo")
        self.assert_error(self.request("/v1/stats?project_id=%s" % alt,
                                       headers=self.demo), 403)
        self.assert_error(self.request("/v1/stats?type=pods",
                                       headers=self.demo), 400,
                          "Invalid stats type")
        # Stats exist at every microversion.
        self.assertEqual(mine, self.get_json("/v1/stats", headers=dict(
            self.demo, **{"OpenStack-API-Version": "container-infra 1.1"})))
