"""POST /v1/clusters/{ident}/actions/resize (≥1.7) and .../upgrade (≥1.8),
and PATCH /v1/credentials/{ident} (≥1.12): microversion gates, the
checks before the operation is recorded, and the synchronous calls whose
failures reach the client."""

from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db_nodegroups
from tests.functional.api import clusters as helpers
from tests.functional.api.clusters import at

UUID = "5c9a4e9b-4c02-4d0b-92b6-3b1b2a6b2a55"


class ActionTestCase(helpers.ClusterTestCase):
    def setUp(self):
        super().setUp()
        # Calls that no conductor answers fail fast.
        self.config(rpc_response_timeout=1)
        self.cluster = self.ready_cluster(name="k1", node_count=2)
        self.uuid = self.cluster["uuid"]

    def action(self, name, body, ident=None, headers=None):
        return self.request("%s/%s/actions/%s" % (
            helpers.URL, ident or self.uuid, name), method="POST",
            body=body, headers=headers or self.demo)

    def add_nodegroup(self, name="extra", **values):
        values = dict({"name": name, "cluster_id": self.uuid,
                       "role": "worker", "node_count": 2,
                       "is_default": False, "min_node_count": 1,
                       "max_node_count": 4, "status": "CREATE_COMPLETE"},
                      **values)
        return db_nodegroups.create(values)


class TestResize(ActionTestCase):
    def test_resize_records_the_operation(self):
        worker = self.nodegroups(self.uuid)["default-worker"]
        resp = self.action("resize", {"node_count": 1,
                                      "nodes_to_remove": ["server-1"]})
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertEqual({"uuid": self.uuid}, resp.json)
        self.assertEqual("UPDATE_IN_PROGRESS",
                         self.get_cluster(self.uuid)["status"])
        pending = self.pending(self.uuid)
        self.assertEqual("resize", pending["op"])
        self.assertEqual({"nodegroup_uuid": worker.uuid, "node_count": 1,
                          "previous_node_count": 2,
                          "nodes_to_remove": ["server-1"]},
                         pending["params"])
        self.assertEqual(1, self.get_cluster(self.uuid)["node_count"])
        self.assertEqual({worker.uuid: {"node_count": 2}},
                         pending["previous_nodegroups"])

    def test_resize_by_name_and_of_another_nodegroup(self):
        extra = self.add_nodegroup()
        resp = self.action("resize", {"node_count": 3,
                                      "nodegroup": "extra"}, ident="k1")
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertEqual(extra.uuid,
                         self.pending(self.uuid)["params"]["nodegroup_uuid"])

    def test_bounds(self):
        self.add_nodegroup()
        for count in (0, 5):
            resp = self.action("resize", {"node_count": count,
                                          "nodegroup": "extra"})
            self.assert_error(resp, 400, "outside the allowed range")
        worker = self.nodegroups(self.uuid)["default-worker"]
        db_nodegroups.update(worker.uuid, {"min_node_count": 2})
        self.assert_error(self.action("resize", {"node_count": 1}), 400,
                          "min_node_count = 2")

    def test_master_resize_is_up_to_the_driver(self):
        resp = self.action("resize", {"node_count": 3,
                                      "nodegroup": "default-master"})
        self.assert_error(resp, 400, "master nodegroup")

    def test_microversions(self):
        resp = self.action("resize", {"node_count": 3},
                           headers=at("1.6", self.demo))
        self.assert_error(resp, 406)
        resp = self.action("resize", {"node_count": 0},
                           headers=at("1.9", self.demo))
        self.assert_error(resp, 400, "microversion")
        resp = self.action("resize", {"node_count": 0})
        self.assertEqual(202, resp.status_int, resp.text)

    def test_body_errors(self):
        cases = (({}, "Mandatory field missing"),
                 ({"node_count": -1}, "node_count"),
                 ({"node_count": 1, "bogus": 1}, "bogus"),
                 ({"node_count": 1, "nodes_to_remove": "x"}, ""),
                 ([], "object"), (None, "Missing"))
        for body, detail in cases:
            self.assert_error(self.action("resize", body), 400, detail)
        resp = self.action("resize", {"node_count": 1, "nodegroup": "nope"})
        self.assert_error(resp, 404, "nope")
        self.assert_error(self.action("resize", {"node_count": 1},
                                      ident="nope"), 404)

    def test_busy_cluster_and_policy(self):
        self.assertEqual(202, self.action(
            "resize", {"node_count": 3}).status_int)
        self.assert_error(self.action("resize", {"node_count": 4}), 409,
                          "operation in progress (resize)")
        reader = self.as_user("demo_reader", roles="reader")
        self.assert_error(self.action("resize", {"node_count": 4},
                                      headers=reader), 403)
        # Admins stay in their project on resize (facts §15.15).
        self.assert_error(self.action("resize", {"node_count": 4},
                                      headers=self.admin), 404)

    def test_resize_from_update_failed(self):
        self.complete(self.uuid, status="UPDATE_FAILED")
        resp = self.action("resize", {"node_count": 3})
        self.assertEqual(202, resp.status_int, resp.text)
        self.complete(self.uuid, status="CREATE_FAILED")
        self.assert_error(self.action("resize", {"node_count": 3}), 400,
                          "CREATE_FAILED")


class TestUpgrade(ActionTestCase):
    def test_microversions(self):
        body = {"cluster_template": "k8s", "max_batch_size": 1}
        self.assert_error(self.action("upgrade", body,
                                      headers=at("1.6", self.demo)), 406)
        self.assert_error(self.action("upgrade", body,
                                      headers=at("1.7", self.demo)), 400,
                          "1.8")

    def test_checks_before_the_call(self):
        self.assert_error(self.action("upgrade", {
            "cluster_template": "nope"}), 404, "nope")
        self.assert_error(self.action("upgrade", {
            "cluster_template": UUID}), 404)
        self.assert_error(self.action("upgrade", {}), 400, "Mandatory")
        self.assert_error(self.action("upgrade", {
            "cluster_template": "k8s", "max_batch_size": 0}), 400)
        self.add_nodegroup()
        self.make_template(name="k8s-next", labels={"kube_tag": "v1.31"})
        resp = self.action("upgrade", {"cluster_template": "k8s-next",
                                       "nodegroup": "extra"})
        self.assert_error(resp, 409, "not valid for upgrade")

    def test_the_call_reaches_the_conductor(self):
        # No conductor runs here: the synchronous call times out, and
        # the client gets a 503, not a 202.
        self.make_template(name="k8s-next", labels={"kube_tag": "v1.31"})
        resp = self.action("upgrade", {"cluster_template": "k8s-next",
                                       "max_batch_size": 1})
        self.assert_error(resp, 503, "cluster_upgrade")
        pending = self.pending(self.uuid)
        worker = self.nodegroups(self.uuid)["default-worker"]
        self.assertEqual("upgrade", pending["op"])
        self.assertEqual({"cluster_template_uuid": self.get_json(
            helpers.TEMPLATE_URL + "/k8s-next", headers=self.demo)["uuid"],
            "max_batch_size": 1, "nodegroup_uuid": worker.uuid},
            pending["params"])


class TestCredentials(ActionTestCase):
    def url(self, ident):
        return "/v1/credentials/%s" % ident

    def test_microversion_policy_and_lookup(self):
        resp = self.request(self.url("k1"), method="PATCH",
                            headers=at("1.11", self.demo))
        self.assert_error(resp, 406)
        reader = self.as_user("demo_reader", roles="reader")
        self.assert_error(self.request(self.url("k1"), method="PATCH",
                                       headers=reader), 403,
                          "credential:rotate")
        self.assert_error(self.request(self.url("nope"), method="PATCH",
                                       headers=self.demo), 404)

    def test_the_call_reaches_the_conductor(self):
        resp = self.request(self.url("k1"), method="PATCH",
                            headers=self.demo)
        self.assert_error(resp, 503, "credential_rotate")
        # Recorded first: the conductor's reconciliation restores the
        # status of a call nobody answered.
        row = db_clusters.get_by_uuid(self.uuid)
        self.assertEqual("credential_rotate", row.pending_operation["op"])
        resp = self.request(self.url("k1"), method="PATCH",
                            headers=self.demo)
        self.assert_error(resp, 409, "(credential_rotate)")

    def test_status_must_allow_it(self):
        self.complete(self.uuid, status="CREATE_FAILED")
        resp = self.request(self.url("k1"), method="PATCH",
                            headers=self.demo)
        self.assert_error(resp, 400, "CREATE_FAILED")
