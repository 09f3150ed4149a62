"""/v1/clusters/{ident}/nodegroups (≥1.9) through the whole pipeline:
views, links, role filter, pagination, and the create/update/delete
checks of facts §4.4 with the operation recorded before the cast."""

from tests.functional.api import clusters as helpers
from tests.functional.api.clusters import at


def replace(path, value):
    return {"op": "replace", "path": path, "value": value}


class NodeGroupTestCase(helpers.ClusterTestCase):
    def setUp(self):
        super().setUp()
        self.cluster = self.ready_cluster(name="k1", labels={"a": "1"})
        self.uuid = self.cluster["uuid"]
        self.url = "%s/%s/nodegroups" % (helpers.URL, self.uuid)

    def post(self, expect=202, headers=None, cluster="k1", **body):
        resp = self.request("%s/%s/nodegroups/" % (helpers.URL, cluster),
                            method="POST", body=body,
                            headers=headers or self.demo)
        if expect is not None:
            self.assertEqual(expect, resp.status_int, resp.text)
        return resp

    def ng(self, ident, headers=None, expect=200):
        return self.request("%s/%s" % (self.url, ident),
                            headers=headers or self.demo,
                            expect=expect).json

    def patch(self, ident, ops, headers=None):
        return self.request("%s/%s" % (self.url, ident), method="PATCH",
                            body=ops, headers=headers or self.demo)

    def finish(self):
        """The conductor finished the nodegroup operation."""
        self.complete(self.uuid, status="UPDATE_COMPLETE")


class TestViews(NodeGroupTestCase):
    def test_list_and_show(self):
        listed = self.get_json(self.url, headers=self.demo)["nodegroups"]
        self.assertEqual(["default-master", "default-worker"],
                         [ng["name"] for ng in listed])
        self.assertEqual(
            {"uuid", "name", "flavor_id", "node_count", "role",
             "is_default", "image_id", "status", "stack_id",
             "min_node_count", "max_node_count", "merge_labels"},
            set(listed[0]))
        worker = self.ng("default-worker")
        self.assertEqual(worker, self.ng(worker["uuid"]))
        self.assertEqual(worker, self.ng(str(worker["id"])))
        self.assertEqual(self.uuid, worker["cluster_id"])
        self.assertEqual({"a": "1"}, worker["labels"])
        self.assertEqual({}, worker["labels_added"])
        self.assertEqual({}, worker["node_labels"])
        self.assertEqual([], worker["node_taints"])
        path = "clusters/%s/nodegroups/%s" % (self.uuid, worker["uuid"])
        self.assertEqual(
            [{"href": "http://localhost/v1/" + path, "rel": "self"},
             {"href": "http://localhost/" + path, "rel": "bookmark"}],
            worker["links"])
        by_name = "%s/k1/nodegroups/" % helpers.URL
        self.assertEqual(2, len(self.get_json(
            by_name, headers=self.demo)["nodegroups"]))

    def test_role_filter_and_pagination(self):
        masters = self.get_json(self.url + "?role=master",
                                headers=self.demo)["nodegroups"]
        self.assertEqual(["default-master"], [n["name"] for n in masters])
        page = self.get_json(self.url + "?limit=1", headers=self.demo)
        first = page["nodegroups"][0]["uuid"]
        self.assertEqual(
            "http://localhost/v1/clusters/%s/nodegroups?sort_key=id&"
            "sort_dir=asc&limit=1&marker=%s" % (self.uuid, first),
            page["next"])
        rest = self.get_json(page["next"].replace("http://localhost", ""),
                             headers=self.demo)
        self.assertEqual(["default-worker"],
                         [n["name"] for n in rest["nodegroups"]])
        for query, status in (("limit=0", 400), ("sort_key=nope", 400),
                              ("marker=x", 400)):
            self.assert_error(self.request(self.url + "?" + query,
                                           headers=self.demo), status)

    def test_microversion_and_lookups(self):
        self.assert_error(self.request(self.url, headers=at(
            "1.8", self.demo)), 406)
        self.assert_error(self.request(self.url + "/default-worker",
                                       headers=at("1.8", self.demo)), 406)
        self.assert_error(self.request(self.url + "/nope",
                                       headers=self.demo), 404,
                          "Nodegroup nope could not be found")
        self.assert_error(self.request(
            "%s/nope/nodegroups" % helpers.URL, headers=self.demo), 404)
        self.assert_error(self.request(self.url, headers=self.alt), 404)
        self.assertEqual(2, len(self.get_json(
            self.url, headers=self.admin)["nodegroups"]))


class TestCreate(NodeGroupTestCase):
    def test_create_writes_the_row_and_the_operation(self):
        resp = self.post(name="gpu", node_count=2, min_node_count=1,
                         max_node_count=5, labels={"b": "2"},
                         merge_labels=True, flavor_id="m1.medium",
                         node_labels={"tier": "gpu"},
                         node_taints=[{"key": "gpu", "value": "yes",
                                       "effect": "NoSchedule"}])
        created = resp.json
        self.assertEqual("CREATE_IN_PROGRESS", created["status"])
        self.assertEqual({"a": "1", "b": "2"}, created["labels"])
        self.assertEqual({"b": "2"}, created["labels_added"])
        self.assertEqual("m1.medium", created["flavor_id"])
        self.assertEqual("fedora-coreos-40", created["image_id"])
        self.assertEqual("worker", created["role"])
        self.assertIs(False, created["is_default"])
        self.assertEqual(created, self.ng("gpu"))
        self.assertEqual("UPDATE_IN_PROGRESS",
                         self.get_cluster("k1")["status"])
        pending = self.pending(self.uuid)
        self.assertEqual("nodegroup_create", pending["op"])
        self.assertEqual(created["uuid"],
                         pending["params"]["nodegroup_uuid"])

    def test_defaults_and_generated_name(self):
        created = self.post().json
        self.assertRegex(created["name"], r"^[a-z]+-\d+-nodegroup$")
        self.assertEqual("m1.small", created["flavor_id"])
        self.assertEqual({"a": "1"}, created["labels"])
        self.assertEqual(1, created["node_count"])

    def test_cluster_must_have_an_api_address(self):
        other = self.create_cluster(name="k2")
        resp = self.post(expect=409, cluster=other["uuid"], name="x")
        self.assert_error(resp, 409, "no API address")

    def test_duplicate_name(self):
        resp = self.post(expect=409, name="default-worker")
        self.assert_error(resp, 409, "already exists")

    def test_counts(self):
        cases = (dict(node_count=1, min_node_count=2),
                 dict(node_count=5, max_node_count=4),
                 dict(node_count=2, min_node_count=3, max_node_count=2))
        for fields in cases:
            resp = self.post(expect=409, name="x", **fields)
            self.assert_error(resp, 409, "is invalid")
        self.assertEqual(
            400, self.post(expect=None, name="x",
                           node_count=-1).status_int)

    def test_master_role_refused(self):
        resp = self.post(expect=400, name="m", role="master")
        self.assert_error(resp, 400, "master nodegroups")

    def test_node_labels(self):
        allowed = ("tier", "example.com/team", "node.kubernetes.io/foo",
                   "kubelet.kubernetes.io/x", "kubernetes.io/arch",
                   "topology.kubernetes.io/zone", "a.node.kubernetes.io/b")
        for index, key in enumerate(allowed):
            self.post(name="ok%d" % index, node_labels={key: "v"})
            self.finish()
        for key in ("kubernetes.io/foo", "k8s.io/x", "x.kubernetes.io/y",
                    "sub.k8s.io/z"):
            resp = self.post(expect=409, name="bad",
                             node_labels={key: "v"})
            self.assert_error(resp, 409, "reserved")
        resp = self.post(expect=None, name="bad", node_labels={"a": 1})
        self.assertIn(resp.status_int, (400, 409))
        self.assertEqual(400, self.post(expect=None, name="bad",
                                        node_labels="a=b").status_int)

    def test_node_taints(self):
        self.post(name="t1", node_taints=[{"key": "k",
                                           "effect": "NoExecute"}])
        self.finish()
        bad = ([{"key": "", "effect": "NoSchedule"}],
               [{"value": "v", "effect": "NoSchedule"}],
               [{"key": "k", "effect": "Sometimes"}],
               [{"key": "k"}],
               [{"key": "k", "effect": "NoSchedule", "extra": 1}],
               ["k=v:NoSchedule"])
        for taints in bad:
            resp = self.post(expect=409, name="bad", node_taints=taints)
            self.assert_error(resp, 409, "node_taints")
        self.assertEqual(400, self.post(expect=None, name="bad",
                                        node_taints="k").status_int)

    def test_flavor_is_checked(self):
        resp = self.post(expect=400, name="x", flavor_id="m1.nope")
        self.assert_error(resp, 400, "Unable to find flavor")
        resp = self.post(expect=400, name="x", flavor_id="m1.zero-disk")
        self.assert_error(resp, 400, "m1.zero-disk")

    def test_busy_cluster_keeps_no_row(self):
        self.post(name="first")
        resp = self.post(expect=409, name="second")
        self.assert_error(resp, 409, "(nodegroup_create)")
        self.assertNotIn("second", self.nodegroups(self.uuid))

    def test_readonly_and_unknown_fields(self):
        for fields in ({"project_id": "x"}, {"stack_id": "x"},
                       {"bogus": 1}, {"node_addresses": []}):
            self.assert_error(self.post(expect=None, name="x", **fields),
                              400)

    def test_microversion_and_policy(self):
        resp = self.post(expect=406, headers=at("1.8", self.demo),
                         name="x")
        self.assert_error(resp, 406)
        reader = self.as_user("demo_reader", roles="reader")
        self.assert_error(self.post(expect=403, headers=reader, name="x"),
                          403, "nodegroup:create")


class TestUpdateDelete(NodeGroupTestCase):
    def setUp(self):
        super().setUp()
        self.post(name="extra", node_count=2)
        self.finish()

    def test_update_min_max_labels_taints(self):
        resp = self.patch("extra", [
            replace("/min_node_count", 1), replace("/max_node_count", 3),
            replace("/node_labels", "{'tier': 'web'}"),
            replace("/node_taints",
                    "[{'key': 'k', 'value': 'v', 'effect': 'NoSchedule'}]")])
        self.assertEqual(202, resp.status_int, resp.text)
        updated = resp.json
        self.assertEqual((1, 3), (updated["min_node_count"],
                                  updated["max_node_count"]))
        self.assertEqual({"tier": "web"}, updated["node_labels"])
        self.assertEqual([{"key": "k", "value": "v",
                           "effect": "NoSchedule"}], updated["node_taints"])
        self.assertEqual("UPDATE_IN_PROGRESS", updated["status"])
        pending = self.pending(self.uuid)
        self.assertEqual("nodegroup_update", pending["op"])
        self.assertEqual({"min_node_count": 0, "max_node_count": None,
                          "node_labels": {}, "node_taints": []},
                         pending["params"]["previous"])

    def test_update_checks(self):
        for ops in ([replace("/min_node_count", 3)],
                    [replace("/max_node_count", 1)],
                    [replace("/node_labels", "{'k8s.io/a': 'b'}")],
                    [replace("/node_taints", "[{'key': 'k'}]")]):
            self.assert_error(self.patch("extra", ops), 409, "invalid")
        for ops in ([replace("/node_count", 3)], [replace("/name", "x")],
                    [replace("/labels", "{}")], [replace("/role", "x")],
                    [replace("/flavor_id", "m1.small")],
                    [replace("/node_labels", "not a dict")],
                    [replace("/min_node_count", -1)],
                    [{"op": "add", "path": "/bogus", "value": 1}]):
            self.assert_error(self.patch("extra", ops), 400)
        master_ops = [replace("/node_labels", "{'a': 'b'}")]
        self.assert_error(self.patch("default-master", master_ops), 409,
                          "master")

    def test_unchanged_is_a_no_op(self):
        resp = self.patch("extra", [replace("/min_node_count", 0)])
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertFalse(self.pending(self.uuid))

    def test_delete(self):
        extra = self.ng("extra")
        self.request(self.url + "/extra", method="DELETE",
                     headers=self.demo, expect=204)
        self.assertEqual("DELETE_IN_PROGRESS", self.ng("extra")["status"])
        pending = self.pending(self.uuid)
        self.assertEqual(("nodegroup_delete", extra["uuid"]),
                         (pending["op"],
                          pending["params"]["nodegroup_uuid"]))
        resp = self.request(self.url + "/extra", method="DELETE",
                            headers=self.demo)
        self.assert_error(resp, 409, "(nodegroup_delete)")

    def test_default_nodegroups_cannot_be_deleted(self):
        for name in ("default-worker", "default-master"):
            resp = self.request(self.url + "/" + name, method="DELETE",
                                headers=self.demo)
            self.assert_error(resp, 400, "default nodegroup")

    def test_policy_and_versions(self):
        reader = self.as_user("demo_reader", roles="reader")
        self.assert_error(self.patch("extra", [
            replace("/min_node_count", 1)], headers=reader), 403)
        self.assert_error(self.request(self.url + "/extra",
                                       method="DELETE", headers=reader),
                          403)
        self.assert_error(self.request(self.url + "/extra",
                                       method="DELETE",
                                       headers=at("1.8", self.demo)), 406)
