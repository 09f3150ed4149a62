"""Random cluster and nodegroup bodies, patches, resize requests, query
strings and idents sent to the real app must only ever get the
documented codes, errors in Magnum's body, never a 500."""

import json
import urllib.parse

from hypothesis import given
from hypothesis import strategies as st

from magnum_like.api.controllers.v1 import cluster_types
from magnum_like.api.controllers.v1 import nodegroups
from tests.functional.api import clusters as helpers
from tests.functional.api.test_cluster_templates_fuzz import FUZZ
from tests.functional.api.test_cluster_templates_fuzz import json_values

CLUSTER_FIELDS = list(cluster_types.FIELDS) + ["links", "bogus"]
NG_FIELDS = list(nodegroups.FIELDS) + ["links", "bogus"]
REAL = {"cluster_template_id": ["k8s", "nope", "1", "0"],
        "name": ["k", "1k", "a.b-c_d"],
        "node_count": [0, 1, 3, -1],
        "master_count": [1, 2, 3, 0],
        "flavor_id": ["m1.small", "m1.zero-disk", "nope"],
        "master_flavor_id": ["ds2G", "nope"],
        "keypair": ["default", "nope"],
        "fixed_network": ["private", "public", "dup-net"],
        "fixed_subnet": ["private-subnet", "nope"],
        "labels": [{"min_node_count": "x"}, {"boot_volume_size": "5"},
                   {"a": 1}],
        "master_lb_enabled": [True, "yes", "maybe"],
        "merge_labels": [True, False],
        "docker_volume_size": [1, 0],
        "role": ["worker", "master", ""],
        "min_node_count": [0, 2, -1], "max_node_count": [0, 1, 5],
        "node_labels": [{"kubernetes.io/x": "y"}, {"a": "b"}, {"a": 1}],
        "node_taints": [[{"key": "k", "effect": "NoSchedule"}],
                        [{"key": "k"}], ["x"], [{"key": 1}]]}


def field_value(name):
    return st.one_of(st.sampled_from(REAL.get(name, ["x"])), json_values)


def bodies(fields, base):
    random_fields = st.lists(st.sampled_from(fields), max_size=6,
                             unique=True).flatmap(
        lambda names: st.fixed_dictionaries(
            {n: field_value(n) for n in names}))
    plausible = st.lists(st.sampled_from(sorted(REAL)), max_size=3,
                         unique=True).flatmap(
        lambda names: st.fixed_dictionaries(
            {n: st.sampled_from(REAL[n]) for n in names})).map(
        lambda extra: dict(base, **extra))
    return st.one_of(json_values, random_fields, plausible)


def patches(fields):
    op = st.fixed_dictionaries(
        {"op": st.sampled_from(["add", "replace", "remove", "move", 1]),
         "path": st.one_of(
             st.sampled_from(["/" + f for f in fields] +
                             ["/labels/a", "/", "", "/a/b"]),
             st.text(max_size=20))},
        optional={"value": st.one_of(json_values, st.sampled_from(
            ["{'a': 'b'}", "[{'key': 'k', 'effect': 'NoSchedule'}]",
             "{", "True", "HEALTHY"]))})
    return st.one_of(json_values, st.lists(op, max_size=4))


query_params = st.dictionaries(
    st.sampled_from(["marker", "limit", "sort_key", "sort_dir", "role",
                     "rollback", "x"]),
    st.one_of(st.text(max_size=40), st.integers(-5, 5).map(str),
              st.sampled_from(["name", "id", "uuid", "asc", "desc",
                               "worker", "True", "5c9a4e9b-4c02-4d0b-92b6-"
                               "3b1b2a6b2a55"])),
    max_size=4)
versions = st.sampled_from(["1.1", "1.6", "1.7", "1.9", "1.10", "latest"])


class TestFuzz(helpers.ClusterTestCase):
    def setUp(self):
        super().setUp()
        self.config(max_clusters_per_project=100000, group="quotas")
        self.config(rpc_response_timeout=1)
        self.target = self.ready_cluster(name="target")
        self.uuid = self.target["uuid"]

    def send(self, path, method="GET", raw=None, version="latest"):
        return self.send_raw(path, method, raw,
                             helpers.at(version, self.demo))

    def check(self, resp, allowed):
        self.assert_documented(resp, allowed)

    def reset(self):
        """Each example starts from an idle, completed cluster."""
        self.complete(self.uuid, status="UPDATE_COMPLETE")

    @FUZZ
    @given(bodies(CLUSTER_FIELDS, {"cluster_template_id": "k8s"}),
           versions)
    def test_create(self, body, version):
        resp = self.send(helpers.URL, "POST", json.dumps(body).encode(),
                         version)
        self.check(resp, (202, 400, 403, 404, 409))

    @FUZZ
    @given(patches(CLUSTER_FIELDS), versions)
    def test_patch(self, patch, version):
        self.reset()
        resp = self.send("%s/%s" % (helpers.URL, self.uuid), "PATCH",
                         json.dumps(patch).encode(), version)
        self.check(resp, (202, 400, 403, 404, 409))

    @FUZZ
    @given(query_params, st.sampled_from(["", "/detail", "/target/",
                                          "/target/nodegroups"]))
    def test_list(self, params, suffix):
        query = urllib.parse.urlencode(params)
        resp = self.send("%s%s?%s" % (helpers.URL, suffix, query))
        self.check(resp, (200, 400, 404, 405))

    @FUZZ
    @given(st.text(min_size=1, max_size=300),
           st.sampled_from(["GET", "DELETE", "PATCH"]),
           st.sampled_from(["", "/nodegroups/default-worker",
                            "/nodegroups"]))
    def test_ident(self, ident, method, suffix):
        self.reset()
        path = "%s/%s%s" % (helpers.URL, urllib.parse.quote(ident, safe=""),
                            suffix)
        raw = b"[]" if method == "PATCH" else None
        resp = self.send(path, method, raw)
        self.check(resp, (200, 202, 204, 400, 404, 405, 409))

    @FUZZ
    @given(json_values | st.fixed_dictionaries(
        {"node_count": st.sampled_from([0, 1, 3, -1, "2", None])},
        optional={"nodes_to_remove": st.one_of(json_values, st.lists(
            st.text(max_size=5), max_size=2)),
                  "nodegroup": st.sampled_from(
                      ["default-master", "default-worker", "nope", 1]),
                  "bogus": json_values}), versions)
    def test_resize(self, body, version):
        self.reset()
        resp = self.send("%s/%s/actions/resize" % (helpers.URL, self.uuid),
                         "POST", json.dumps(body).encode(), version)
        self.check(resp, (202, 400, 404, 406, 409))

    @FUZZ
    @given(json_values | st.fixed_dictionaries(
        {"cluster_template": st.sampled_from(["k8s", "nope", "", 1])},
        optional={"max_batch_size": st.sampled_from([0, 1, "x"]),
                  "nodegroup": st.sampled_from(["default-worker", "x"])}),
        st.sampled_from(["1.6", "1.7", "1.8", "1.9"]))
    def test_upgrade_checks(self, body, version):
        # Up to 1.9, so that a valid body is refused before the call.
        resp = self.send("%s/%s/actions/upgrade" % (helpers.URL, self.uuid),
                         "POST", json.dumps(body).encode(), version)
        self.check(resp, (400, 404, 406, 409, 503))

    @FUZZ
    @given(bodies(NG_FIELDS, {"name": "ng"}), versions)
    def test_nodegroup_create(self, body, version):
        self.reset()
        resp = self.send("%s/%s/nodegroups" % (helpers.URL, self.uuid),
                         "POST", json.dumps(body).encode(), version)
        self.check(resp, (202, 400, 404, 406, 409))

    @FUZZ
    @given(patches(NG_FIELDS), st.sampled_from(["default-worker",
                                                "default-master"]))
    def test_nodegroup_patch(self, patch, ng):
        self.reset()
        resp = self.send("%s/%s/nodegroups/%s" % (helpers.URL, self.uuid,
                                                  ng),
                         "PATCH", json.dumps(patch).encode())
        self.check(resp, (202, 400, 404, 409))

    @FUZZ
    @given(st.binary(max_size=200), st.sampled_from(
        ["", "/target/nodegroups", "/target/actions/resize"]))
    def test_raw_bytes(self, raw, suffix):
        resp = self.send(helpers.URL + suffix, "POST", raw)
        self.check(resp, (400, 415))
