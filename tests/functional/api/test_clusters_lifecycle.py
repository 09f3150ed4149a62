"""A cluster's life driven through the API (Keystone tokens of the local
cloud) with the real conductor behind it over fake://: create, resize
removing a named server, a nodegroup, an upgrade, credential rotation,
delete."""

import time

from tests.functional.api.clusters import URL
from tests.functional.conductor import base

TEMPLATES = "/v1/clustertemplates"


class TestLifecycleThroughTheAPI(base.ConductorCloudTestCase):
    auth_strategy = "keystone"

    def setUp(self):
        super().setUp()
        self.demo = self.as_user("demo")

    def call(self, path, method="GET", body=None, expect=None):
        resp = self.request(path, method=method, body=body,
                            headers=self.demo)
        if expect is not None:
            self.assertEqual(expect, resp.status_int, resp.text)
        return resp

    def wait(self, ident, status, timeout=60):
        deadline = time.monotonic() + timeout
        shown = None
        while time.monotonic() < deadline:
            resp = self.call("%s/%s" % (URL, ident))
            if status is None and resp.status_int == 404:
                return None
            shown = resp.json
            if resp.status_int == 200 and shown["status"] == status:
                return shown
            if shown.get("status", "").endswith("FAILED"):
                self.fail("%s: %s %s" % (shown["status"],
                                         shown["status_reason"],
                                         shown.get("faults")))
            time.sleep(0.2)
        self.fail("cluster %s never reached %s: %s" % (ident, status,
                                                       shown))

    def template(self, name, kube_tag):
        return self.call(TEMPLATES, "POST", {
            "name": name, "coe": "kubernetes",
            "image_id": "fedora-coreos-40", "flavor_id": "m1.small",
            "master_flavor_id": "m1.medium", "keypair_id": "default",
            "external_network_id": "public",
            "labels": {"kube_tag": kube_tag}}, expect=201).json

    def servers(self):
        return {s["name"]: s["id"] for s in
                self.cloud.world.compute.list_servers(
                    self.project_id("demo"))}

    def test_lifecycle(self):
        self.template("k8s", "v1.30.4")
        uuid = self.call(URL, "POST", {"name": "k1",
                                       "cluster_template_id": "k8s",
                                       "node_count": 2},
                         expect=202).json["uuid"]
        self.assertEqual("CREATE_IN_PROGRESS",
                         self.call(URL + "/k1").json["status"])
        cluster = self.wait("k1", "CREATE_COMPLETE")
        self.assertTrue(cluster["api_address"].startswith("https://"))
        self.assertEqual(2, len(cluster["node_addresses"]))
        self.assertEqual(1, len(cluster["master_addresses"]))

        before = self.servers()
        victim = sorted(n for n in before if "node" in n or
                        "minion" in n)[-1]
        self.call("%s/%s/actions/resize" % (URL, uuid), "POST",
                  {"node_count": 1, "nodes_to_remove": [victim]},
                  expect=202)
        cluster = self.wait("k1", "UPDATE_COMPLETE")
        self.assertEqual(1, cluster["node_count"])
        self.assertNotIn(before[victim], self.servers().values())

        ngs = "%s/k1/nodegroups" % URL
        self.call(ngs, "POST", {"name": "extra", "node_count": 1},
                  expect=202)
        self.wait("k1", "UPDATE_COMPLETE")
        extra = self.call(ngs + "/extra").json
        self.assertEqual("CREATE_COMPLETE", extra["status"])
        self.assertEqual(1, len(extra["node_addresses"]))

        new = self.template("k8s-new", "v1.31.0")
        self.call("%s/%s/actions/upgrade" % (URL, uuid), "POST",
                  {"cluster_template": "k8s-new", "max_batch_size": 1},
                  expect=202)
        cluster = self.wait("k1", "UPDATE_COMPLETE")
        self.assertEqual(new["uuid"], cluster["cluster_template_id"])
        resp = self.call("%s/%s/actions/upgrade" % (URL, uuid), "POST",
                         {"cluster_template": "k8s", "nodegroup": "extra"})
        self.assert_error(resp, 409, "not valid for upgrade")

        self.call("/v1/credentials/k1", "PATCH", expect=202)
        self.wait("k1", "UPDATE_COMPLETE")

        self.call(ngs + "/extra", "DELETE", expect=204)
        self.wait("k1", "UPDATE_COMPLETE")
        self.assert_error(self.call(ngs + "/extra"), 404)

        self.call(URL + "/k1", "DELETE", expect=204)
        self.wait("k1", None)
        self.assertEqual({}, self.servers())
