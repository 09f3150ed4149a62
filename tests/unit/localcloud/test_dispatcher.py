"""The WSGI dispatcher, the fault middleware and the error shapes,
driven in-process with webob (no sockets)."""

import json

import testtools
import webob

from magnum_like.localcloud.world import World
from magnum_like.localcloud.wsgi.dispatcher import Dispatcher


class TestDispatcher(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.world = World()
        self.world.set_base_url("http://cloud.test")
        self.app = Dispatcher(self.world, "admin-tok")

    def call(self, path, method="GET", body=None, **headers):
        req = webob.Request.blank(path, method=method, headers=headers)
        if body is not None:
            req.body = json.dumps(body).encode()
            req.content_type = "application/json"
        return req.get_response(self.app)

    def token(self, user="demo", password="demo-secret",  # noqa: S107
              domain="default", scope=None):
        auth = {"identity": {"methods": ["password"], "password": {
            "user": {"name": user, "domain": {"name": domain},
                     "password": password}}}}
        if scope:
            auth["scope"] = scope
        resp = self.call("/identity/v3/auth/tokens", "POST",
                         {"auth": auth})
        self.assertEqual(201, resp.status_int)
        return resp.headers["X-Subject-Token"]

    def test_mount_semantics(self):
        resp = self.call("/compute/v2.1/")
        self.assertEqual(200, resp.status_int)
        href = resp.json["version"]["links"][0]["href"]
        self.assertEqual("http://localhost/compute/v2.1/", href)

    def test_unknown_prefix(self):
        self.assertEqual(404, self.call("/nothing").status_int)

    def test_keystone_error_shape(self):
        resp = self.call("/identity/v3/auth/tokens", "POST", {"auth": {
            "identity": {"methods": ["password"], "password": {"user": {
                "name": "demo", "domain": {"id": "default"},
                "password": "bad"}}}}})
        self.assertEqual(401, resp.status_int)
        self.assertEqual(401, resp.json["error"]["code"])
        self.assertIn("Keystone uri=", resp.headers["WWW-Authenticate"])

    def test_nova_error_shape_and_microversion(self):
        token = self.token()
        resp = self.call("/compute/v2.1/servers/nope",
                         **{"X-Auth-Token": token,
                            "OpenStack-API-Version": "compute 2.79"})
        self.assertEqual(404, resp.status_int)
        self.assertEqual(404, resp.json["itemNotFound"]["code"])
        self.assertEqual("compute 2.79",
                         resp.headers["OpenStack-API-Version"])
        resp = self.call("/compute/v2.1/flavors",
                         **{"X-Auth-Token": token,
                            "X-OpenStack-Nova-API-Version": "3.0"})
        self.assertEqual(406, resp.status_int)

    def test_neutron_error_shape(self):
        token = self.token()
        resp = self.call("/network/v2.0/networks/nope.json",
                         **{"X-Auth-Token": token})
        self.assertEqual(404, resp.status_int)
        self.assertEqual("NetworkNotFound",
                         resp.json["NeutronError"]["type"])

    def test_service_fault_middleware(self):
        self.world.faults.add_service_fault("image", status=503, count=1)
        token = self.token()
        resp = self.call("/image/v2/images", **{"X-Auth-Token": token})
        self.assertEqual(503, resp.status_int)
        resp = self.call("/image/v2/images", **{"X-Auth-Token": token})
        self.assertEqual(200, resp.status_int)

    def test_admin_requires_token(self):
        self.assertEqual(401, self.call(
            "/localcloud/admin/summary").status_int)
        resp = self.call("/localcloud/admin/summary",
                         **{"X-Admin-Token": "admin-tok"})
        self.assertEqual(200, resp.status_int)
        self.assertIn("demo", resp.json["projects"])

    def test_admin_fault_injection(self):
        resp = self.call("/localcloud/admin/faults/resource", "POST",
                         {"resource_name": "kube_masters", "kind": "fail"},
                         **{"X-Admin-Token": "admin-tok"})
        self.assertEqual(201, resp.status_int)
        self.assertIsNotNone(self.world.faults.resource_fault(
            "s", "kube_masters", "T", "CREATE"))
        resp = self.call("/localcloud/admin/faults", "POST",
                         {"service": "compute", "bogus": 1},
                         **{"X-Admin-Token": "admin-tok"})
        self.assertEqual(400, resp.status_int)
        resp = self.call("/localcloud/admin/faults", "DELETE",
                         **{"X-Admin-Token": "admin-tok"})
        self.assertEqual(204, resp.status_int)

    def test_domain_admin_manages_trustee_users(self):
        token = self.token("magnum_like_domain_admin", "domain-admin-secret",
                           "magnum_like",
                           {"domain": {"name": "magnum_like"}})
        domain = self.world.identity.find_domain("magnum_like")["id"]
        resp = self.call("/identity/v3/users", "POST", {"user": {
            "name": "cluster-trustee", "password": "x",
            "domain_id": domain}}, **{"X-Auth-Token": token})
        self.assertEqual(201, resp.status_int)
        user_id = resp.json["user"]["id"]
        self.assertNotIn("password", resp.json["user"])
        demo = self.token()
        resp = self.call("/identity/v3/users/" + user_id, "DELETE",
                         **{"X-Auth-Token": demo})
        self.assertEqual(403, resp.status_int)
        resp = self.call("/identity/v3/users", "POST", {"user": {
            "name": "x", "domain_id": "default"}},
            **{"X-Auth-Token": token})
        self.assertEqual(403, resp.status_int)
        resp = self.call("/identity/v3/users/" + user_id, "DELETE",
                         **{"X-Auth-Token": token})
        self.assertEqual(204, resp.status_int)

    def test_validate_with_service_token(self):
        service = self.token("magnum-like", "magnum-like-secret")
        user = self.token()
        resp = self.call("/identity/v3/auth/tokens?nocatalog",
                         **{"X-Auth-Token": service,
                            "X-Subject-Token": user})
        self.assertEqual(200, resp.status_int)
        self.assertEqual(user, resp.headers["X-Subject-Token"])
        self.assertNotIn("catalog", resp.json["token"])
        resp = self.call("/identity/v3/auth/tokens", "HEAD",
                         **{"X-Auth-Token": service,
                            "X-Subject-Token": "bogus"})
        self.assertEqual(404, resp.status_int)

    def test_register_service(self):
        resp = self.call("/localcloud/admin/services", "POST",
                         {"type": "container-infra", "name": "magnum",
                          "url": "http://api.test:9511/v1"},
                         **{"X-Admin-Token": "admin-tok"})
        self.assertEqual(201, resp.status_int)
        token = self.token()
        resp = self.call("/identity/v3/auth/catalog",
                         **{"X-Auth-Token": token})
        types = [e["type"] for e in resp.json["catalog"]]
        self.assertIn("container-infra", types)
