"""PATCH /v1/clusters/{ident}: only node_count and the health fields may
change; node_count resizes the default worker through a recorded update
operation; busy clusters are 409s."""

from magnum_like.db import nodegroups as db_nodegroups
from tests.functional.api import clusters as helpers
from tests.functional.api.clusters import at


def replace(path, value):
    return {"op": "replace", "path": path, "value": value}


class TestPatch(helpers.ClusterTestCase):
    def setUp(self):
        super().setUp()
        self.cluster = self.ready_cluster(name="k1")
        self.uuid = self.cluster["uuid"]

    def test_node_count_resizes_the_default_worker(self):
        resp = self.patch_cluster("k1", [replace("/node_count", 3)])
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertEqual({"uuid": self.uuid}, resp.json)
        shown = self.get_cluster("k1")
        self.assertEqual("UPDATE_IN_PROGRESS", shown["status"])
        self.assertEqual(3, shown["node_count"])
        worker = self.nodegroups(self.uuid)["default-worker"]
        self.assertEqual(3, worker.node_count)
        pending = self.pending(self.uuid)
        self.assertEqual("update", pending["op"])
        self.assertEqual({"nodegroup_uuid": worker.uuid, "node_count": 3,
                          "previous_node_count": 1, "rollback": False},
                         pending["params"])

    def test_node_count_sets_the_default_worker_not_the_total(self):
        db_nodegroups.create({
            "name": "extra", "cluster_id": self.uuid, "role": "worker",
            "node_count": 2, "is_default": False,
            "status": "CREATE_COMPLETE"})
        self.assertEqual(3, self.get_cluster("k1")["node_count"])
        resp = self.patch_cluster("k1", [replace("/node_count", 3)])
        self.assertEqual(202, resp.status_int, resp.text)
        worker = self.nodegroups(self.uuid)["default-worker"]
        self.assertEqual(3, worker.node_count)

    def test_rollback_query_from_1_3(self):
        resp = self.patch_cluster(self.uuid, [replace("/node_count", 2)],
                                  query="/?rollback=True")
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertIs(True, self.pending(self.uuid)["params"]["rollback"])
        other = self.ready_cluster(name="k2")
        resp = self.patch_cluster("k2", [replace("/node_count", 2)],
                                  headers=at("1.2", self.demo),
                                  query="?rollback=true")
        self.assert_error(resp, 400, "rollback")
        resp = self.patch_cluster("k2", [replace("/node_count", 2)],
                                  headers=at("1.2", self.demo))
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertEqual(2, self.get_cluster(other["uuid"])["node_count"])
        self.assert_error(self.patch_cluster(
            self.uuid, [], query="?rollback=maybe"), 400)

    def test_health_fields_are_written_without_an_operation(self):
        resp = self.patch_cluster("k1", [
            replace("/health_status", "UNHEALTHY"),
            replace("/health_status_reason",
                    "{'api': 'ok', 'node-0.Ready': 'False'}")])
        self.assertEqual(202, resp.status_int, resp.text)
        shown = self.get_cluster("k1")
        self.assertEqual("UNHEALTHY", shown["health_status"])
        self.assertEqual({"api": "ok", "node-0.Ready": "False"},
                         shown["health_status_reason"])
        self.assertEqual("CREATE_COMPLETE", shown["status"])
        self.assertFalse(self.pending(self.uuid))
        self.assert_error(self.patch_cluster(
            "k1", [replace("/health_status", "SICK")]), 400)

    def test_other_properties_cannot_change(self):
        cases = ([replace("/name", "other")],
                 [replace("/master_count", 3)],
                 [{"op": "add", "path": "/labels/a", "value": "b"}],
                 [replace("/labels", "{'a': 'b'}")],
                 [replace("/flavor_id", "m1.medium")],
                 [replace("/status", "CREATE_FAILED")],
                 [replace("/node_count", 2), replace("/keypair", "x")])
        for ops in cases:
            resp = self.patch_cluster("k1", ops)
            self.assert_error(resp, 400,
                              "cannot change cluster property(ies)")
        self.assertEqual(1, self.get_cluster("k1")["node_count"])

    def test_patch_errors(self):
        cases = (([replace("/api_address", "x")], "internal attribute"),
                 ([replace("/stack_id", "x")], "internal attribute"),
                 ([replace("/cluster_id", "x")], "internal attribute"),
                 ([replace("/uuid", "x")], "internal attribute"),
                 ([{"op": "remove", "path": "/cluster_template_id"}],
                  "can not be removed"),
                 ([{"op": "add", "path": "/bogus", "value": 1}],
                  "not allowed"),
                 ([{"op": "replace", "path": "/node_count"}], "value"),
                 ([replace("/node_count", -1)], ""),
                 ([replace("/node_count", "three")], ""),
                 ([replace("/labels", "{not python")], "not a valid"),
                 ({"op": "replace"}, "list"),
                 ([{"op": "move", "path": "/name"}], "op"))
        for ops, detail in cases:
            self.assert_error(self.patch_cluster("k1", ops), 400, detail)

    def test_zero_nodes_from_1_10(self):
        resp = self.patch_cluster("k1", [replace("/node_count", 0)],
                                  headers=at("1.9", self.demo))
        self.assert_error(resp, 400, "microversion")
        resp = self.patch_cluster("k1", [replace("/node_count", 0)])
        self.assertEqual(202, resp.status_int, resp.text)

    def test_busy_and_failed_clusters(self):
        self.assertEqual(202, self.patch_cluster(
            "k1", [replace("/node_count", 2)]).status_int)
        resp = self.patch_cluster("k1", [replace("/node_count", 4)])
        self.assert_error(resp, 409, "operation in progress (update)")
        # Handed to Heat: no pending operation, still updating.
        from magnum_like.db import clusters as db_clusters
        db_clusters.update(self.uuid, {"pending_operation": {}})
        resp = self.patch_cluster("k1", [replace("/node_count", 4)])
        self.assert_error(resp, 409, "(update)")
        self.complete(self.uuid, status="UPDATE_FAILED")
        resp = self.patch_cluster("k1", [replace("/node_count", 4)])
        self.assert_error(resp, 400, "UPDATE_FAILED")

    def test_unchanged_node_count_is_a_no_op(self):
        resp = self.patch_cluster("k1", [replace("/node_count", 1)])
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertFalse(self.pending(self.uuid))
        self.assertEqual(202, self.patch_cluster("k1", []).status_int)

    def test_policy_and_projects(self):
        reader = self.as_user("demo_reader", roles="reader")
        self.assert_error(self.patch_cluster(
            "k1", [replace("/node_count", 2)], headers=reader), 403)
        self.assert_error(self.patch_cluster(
            "k1", [replace("/node_count", 2)], headers=self.alt), 404)
        resp = self.patch_cluster(self.uuid, [replace("/node_count", 2)],
                                  headers=self.admin)
        self.assertEqual(202, resp.status_int, resp.text)
