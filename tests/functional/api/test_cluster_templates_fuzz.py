"""Random bodies, query strings, idents and patches sent to the real app
must only ever get the documented codes, errors in Magnum's body."""

import json
import urllib.parse

from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from magnum_like.api.controllers.v1 import cluster_templates
from tests.functional.api import templates
from tests.functional.api.templates import URL

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))

FIELDS = list(cluster_templates.SETTABLE) + [
    "uuid", "project_id", "links", "created_at", "bogus"]
REAL = {"coe": ["kubernetes", "swarm", "swarm-mode", "mesos", "nomad"],
        "image_id": ["fedora-coreos-40", "ubuntu-mesos", "no-os-distro",
                     "dup-image", "fedora-atomic-29", "nope"],
        "flavor_id": ["m1.small", "m1.zero-disk", "nope"],
        "server_type": ["vm", "bm", "xx"],
        "network_driver": ["flannel", "calico", "docker", "x"],
        "volume_driver": ["cinder", "rexray", "x"],
        "keypair_id": ["default", "nope"],
        "external_network_id": ["public", "private", "dup-ext"],
        "fixed_network": ["private", "public", "dup-net"],
        "docker_storage_driver": ["devicemapper", "overlay2"],
        "driver": ["k8s_fedora_coreos_v1", "mesos_ubuntu_v1", "nope"]}

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40),
                    st.floats(allow_nan=False), st.text(max_size=300))
json_values = st.recursive(
    scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=10), inner, max_size=3)),
    max_leaves=6)


def field_value(name):
    return st.one_of(st.sampled_from(REAL.get(name, ["x"])), json_values)


def _merged(dicts):
    base, extra = dicts
    return dict(base, **extra)


random_fields = st.lists(st.sampled_from(FIELDS), max_size=6,
                         unique=True).flatmap(
    lambda names: st.fixed_dictionaries(
        {n: field_value(n) for n in names}))
# Mostly-valid bodies reach the cloud checks and the database.
plausible = st.tuples(
    st.one_of(
        st.sampled_from(list(templates.BODIES.values())),
        st.fixed_dictionaries({
            "coe": st.sampled_from(REAL["coe"]),
            "image_id": st.sampled_from(REAL["image_id"])})),
    st.lists(st.sampled_from(sorted(REAL) + ["labels", "tags", "name",
                                             "public", "dns_nameserver"]),
             max_size=3, unique=True).flatmap(
        lambda names: st.fixed_dictionaries(
            {n: st.sampled_from(REAL[n]) if n in REAL else json_values
             for n in names}))).map(_merged)
bodies = st.one_of(json_values, random_fields, plausible)

patch_ops = st.fixed_dictionaries(
    {"op": st.sampled_from(["add", "replace", "remove", "move", 1]),
     "path": st.one_of(
         st.sampled_from(["/" + f for f in FIELDS] +
                         ["/labels/a", "/labels/b/c", "/", "", "/a/b"]),
         st.text(max_size=20))},
    optional={"value": st.one_of(
        json_values, st.sampled_from(
            ["{'a': 'b'}", "['x']", "{", "True", "m1.small"]))})
plausible_ops = st.sampled_from(sorted(REAL) + ["name", "tags"]).flatmap(
    lambda name: st.fixed_dictionaries({
        "op": st.just("replace"), "path": st.just("/" + name),
        "value": st.sampled_from(REAL.get(name, ["x", "y"]))}))
patches = st.one_of(json_values,
                    st.lists(st.one_of(patch_ops, plausible_ops),
                             max_size=4))

query_params = st.dictionaries(
    st.sampled_from(["marker", "limit", "sort_key", "sort_dir", "x"]),
    st.one_of(st.text(max_size=40), st.integers(-5, 5).map(str),
              st.sampled_from(["name", "id", "labels", "uuid", "asc",
                               "desc", "5c9a4e9b-4c02-4d0b-92b6-"
                               "3b1b2a6b2a55"])),
    max_size=4)


class TestFuzz(templates.TemplateTestCase):
    def setUp(self):
        super().setUp()
        self.ct = self.create(name="target", labels={"a": "1"})

    def send(self, path, method="GET", raw=None):
        return self.send_raw(path, method, raw, self.demo)

    def check(self, resp, allowed):
        self.assert_documented(resp, allowed)

    @FUZZ
    @given(bodies)
    def test_create(self, body):
        resp = self.send(URL, "POST", json.dumps(body).encode())
        self.check(resp, (201, 400, 403, 404, 409))

    @FUZZ
    @given(st.binary(max_size=200))
    def test_create_raw_bytes(self, raw):
        self.check(self.send(URL, "POST", raw), (400, 415))

    @FUZZ
    @given(patches)
    def test_patch(self, patch):
        resp = self.send("%s/%s" % (URL, self.ct["uuid"]), "PATCH",
                         json.dumps(patch).encode())
        self.check(resp, (200, 400, 403, 404, 409))

    @FUZZ
    @given(query_params, st.sampled_from(["", "/detail"]))
    def test_list(self, params, suffix):
        query = urllib.parse.urlencode(params)
        resp = self.send("%s%s?%s" % (URL, suffix, query))
        self.check(resp, (200, 400, 404))

    @FUZZ
    @given(st.text(min_size=1, max_size=300),
           st.sampled_from(["GET", "DELETE", "PATCH"]))
    def test_ident(self, ident, method):
        path = "%s/%s" % (URL, urllib.parse.quote(ident, safe=""))
        raw = b"[]" if method == "PATCH" else None
        resp = self.send(path, method, raw)
        self.check(resp, (200, 204, 400, 404, 405, 409))
