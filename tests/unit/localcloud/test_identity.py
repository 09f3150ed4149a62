"""Identity: authentication, scoping, implied roles, expiry."""

import datetime

from magnum_like.localcloud.world import errors
from tests.unit.localcloud import base


class TestPasswordAuth(base.WorldTestCase):
    def test_project_scoped_token(self):
        issued = self.password_auth("demo", "demo-secret", "demo")
        token = issued["token"]
        self.assertEqual(["password"], token["methods"])
        self.assertEqual("demo", token["project"]["name"])
        self.assertEqual({"member", "reader"},
                         {r["name"] for r in token["roles"]})
        types = {s["type"] for s in token["catalog"]}
        self.assertIn("orchestration", types)
        self.assertTrue(token["expires_at"].endswith("Z"))

    def test_by_user_id(self):
        auth = {"identity": {"methods": ["password"], "password": {
            "user": {"id": self.demo_user, "password": "demo-secret"}}}}
        token = self.world.identity.authenticate(auth)["token"]
        # Without a scope the default project is used, as in Keystone.
        self.assertEqual(self.demo, token["project"]["id"])

    def test_unscoped(self):
        auth = {"identity": {"methods": ["password"], "password": {
            "user": {"id": self.demo_user, "password": "demo-secret"}}},
            "scope": "unscoped"}
        token = self.world.identity.authenticate(auth)["token"]
        self.assertNotIn("project", token)
        self.assertNotIn("catalog", token)

    def test_bad_password(self):
        self.assertRaises(errors.Unauthorized, self.password_auth,
                          "demo", "wrong", "demo")

    def test_unknown_user(self):
        self.assertRaises(errors.Unauthorized, self.password_auth,
                          "nobody", "x", "demo")

    def test_no_role_on_project(self):
        self.assertRaises(errors.Unauthorized, self.password_auth,
                          "demo", "demo-secret", "alt_demo")

    def test_admin_implies_member_and_reader(self):
        issued = self.password_auth("admin", "admin-secret", "admin")
        info = self.world.identity.validate_token(issued["id"])
        self.assertEqual(["admin", "member", "reader"], info["roles"])
        self.assertTrue(info["is_admin"])

    def test_domain_scope(self):
        auth = {"identity": {"methods": ["password"], "password": {
            "user": {"name": "magnum_like_domain_admin",
                     "domain": {"name": "magnum_like"},
                     "password": "domain-admin-secret"}}},
            "scope": {"domain": {"name": "magnum_like"}}}
        token = self.world.identity.authenticate(auth)["token"]
        self.assertEqual("magnum_like", token["domain"]["name"])

    def test_rescope_with_token(self):
        first = self.password_auth("admin", "admin-secret", "admin")
        auth = {"identity": {"methods": ["token"],
                             "token": {"id": first["id"]}},
                "scope": {"project": {"id": self.demo}}}
        second = self.world.identity.authenticate(auth)
        self.assertEqual(self.demo, second["token"]["project"]["id"])
        self.assertEqual(first["token"]["expires_at"],
                         second["token"]["expires_at"])
        self.assertEqual(first["token"]["audit_ids"][0],
                         second["token"]["audit_ids"][1])


class TestValidation(base.WorldTestCase):
    def test_unknown_token(self):
        self.assertIsNone(self.world.identity.validate_token("nope"))

    def test_expired_token(self):
        issued = self.password_auth("demo", "demo-secret", "demo")
        with self.world.lock:
            rec = self.world.identity.tokens[issued["id"]]
            rec["expires_at"] -= datetime.timedelta(hours=2)
        self.assertIsNone(self.world.identity.validate_token(issued["id"]))
        info = self.world.identity.validate_token(issued["id"],
                                                  allow_expired=True)
        self.assertEqual(self.demo_user, info["user_id"])

    def test_token_lifetime_setting(self):
        self.world.settings["token_expiration"] = 60
        issued = self.password_auth("demo", "demo-secret", "demo")
        info = self.world.identity.validate_token(issued["id"])
        self.assertLessEqual(info["expires_at"] - info["issued_at"],
                             datetime.timedelta(seconds=60))

    def test_deleted_user_invalidates(self):
        ident = self.world.identity
        user = ident.create_user("tmp", "pw", default_project_id=self.demo)
        ident.grant_role("member", user["id"], project_id=self.demo)
        issued = self.password_auth("tmp", "pw", "demo")
        ident.delete_user(user["id"])
        self.assertIsNone(ident.validate_token(issued["id"]))

    def test_revoked_grant_invalidates(self):
        ident = self.world.identity
        issued = self.password_auth("demo", "demo-secret", "demo")
        ident.revoke_role("member", self.demo_user, project_id=self.demo)
        self.assertIsNone(ident.validate_token(issued["id"]))

    def test_revoke_token(self):
        issued = self.password_auth("demo", "demo-secret", "demo")
        self.world.identity.revoke_token(issued["id"])
        self.assertRaises(errors.NotFound, self.world.identity.token_body,
                          issued["id"])


class TestCatalog(base.WorldTestCase):
    def test_register_service_with_project_template(self):
        self.world.set_base_url("http://cloud.test")
        self.world.identity.register_service(
            "container-infra", "magnum", "http://api.test/v1/{project_id}")
        catalog = self.world.identity.catalog(self.demo)
        entry = [e for e in catalog if e["type"] == "container-infra"][0]
        self.assertEqual({"public", "internal", "admin"},
                         {e["interface"] for e in entry["endpoints"]})
        self.assertEqual("http://api.test/v1/" + self.demo,
                         entry["endpoints"][0]["url"])
        compute = [e for e in catalog if e["type"] == "compute"][0]
        self.assertEqual("http://cloud.test/compute/v2.1",
                         compute["endpoints"][0]["url"])
        self.assertEqual("RegionOne", compute["endpoints"][0]["region"])

    def test_unscoped_catalog_drops_project_urls(self):
        types = {e["type"] for e in self.world.identity.catalog(None)}
        self.assertNotIn("orchestration", types)
        self.assertIn("compute", types)
