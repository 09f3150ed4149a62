"""Identity: trusts and application credentials."""

from magnum_like.localcloud.world import errors
from tests.unit.localcloud import base


class TestTrusts(base.WorldTestCase):
    def setUp(self):
        super().setUp()
        ident = self.world.identity
        domain = ident.find_domain("magnum_like")["id"]
        self.trustee = ident.create_user("trustee", "trustee-pw", domain)
        self.trust = ident.create_trust(self.demo_user, self.trustee["id"],
                                        self.demo, ["member"],
                                        impersonation=True)

    def _trust_auth(self, trust_id=None, user="trustee", pw="trustee-pw"):
        return self.world.identity.authenticate({
            "identity": {"methods": ["password"], "password": {"user": {
                "name": user, "domain": {"name": "magnum_like"},
                "password": pw}}},
            "scope": {"OS-TRUST:trust": {"id": trust_id
                                         or self.trust["id"]}}})

    def test_trust_shape(self):
        self.assertTrue(self.trust["impersonation"])
        self.assertEqual(["member"], [r["name"]
                                      for r in self.trust["roles"]])
        self.assertEqual(self.demo, self.trust["project_id"])

    def test_impersonating_token(self):
        issued = self._trust_auth()
        token = issued["token"]
        self.assertEqual(self.demo_user, token["user"]["id"])
        self.assertEqual(self.trust["id"], token["OS-TRUST:trust"]["id"])
        self.assertEqual({"member", "reader"},
                         {r["name"] for r in token["roles"]})
        info = self.world.identity.validate_token(issued["id"])
        self.assertEqual(self.trust["id"], info["trust_id"])
        self.assertEqual(self.trustee["id"], info["trustee_user_id"])

    def test_non_impersonating_token(self):
        trust = self.world.identity.create_trust(
            self.demo_user, self.trustee["id"], self.demo, ["reader"])
        token = self._trust_auth(trust["id"])["token"]
        self.assertEqual(self.trustee["id"], token["user"]["id"])
        self.assertEqual(["reader"], [r["name"] for r in token["roles"]])

    def test_only_trustee_may_use(self):
        self.assertRaises(errors.Forbidden, self.world.identity.authenticate,
                          {"identity": {"methods": ["password"],
                                        "password": {"user": {
                                            "id": self.alt_user,
                                            "password": "alt-demo-secret"}}},
                           "scope": {"OS-TRUST:trust": {
                               "id": self.trust["id"]}}})

    def test_trustor_must_hold_roles(self):
        self.assertRaises(errors.Forbidden, self.world.identity.create_trust,
                          self.demo_user, self.trustee["id"], self.demo,
                          ["admin"])

    def test_delete_trust_invalidates_tokens(self):
        issued = self._trust_auth()
        self.world.identity.delete_trust(self.trust["id"])
        self.assertIsNone(self.world.identity.validate_token(issued["id"]))
        self.assertRaises(errors.Unauthorized, self._trust_auth)

    def test_list_filters(self):
        ident = self.world.identity
        self.assertEqual(1, len(ident.list_trusts(
            trustor_user_id=self.demo_user)))
        self.assertEqual(0, len(ident.list_trusts(
            trustee_user_id=self.alt_user)))

    def test_remaining_uses(self):
        trust = self.world.identity.create_trust(
            self.demo_user, self.trustee["id"], self.demo, ["member"],
            remaining_uses=1)
        self._trust_auth(trust["id"])
        self.assertRaises(errors.Unauthorized, self._trust_auth,
                          trust["id"])


class TestApplicationCredentials(base.WorldTestCase):
    def test_create_and_authenticate(self):
        ident = self.world.identity
        cred = ident.create_app_cred(self.demo_user, self.demo, "ci",
                                     roles=["reader"])
        self.assertIn("secret", cred)
        self.assertNotIn("secret", ident.get_app_cred(self.demo_user,
                                                      cred["id"]))
        issued = ident.authenticate({"identity": {
            "methods": ["application_credential"],
            "application_credential": {"id": cred["id"],
                                       "secret": cred["secret"]}}})
        token = issued["token"]
        self.assertEqual(self.demo, token["project"]["id"])
        self.assertEqual(["reader"], [r["name"] for r in token["roles"]])
        self.assertEqual(cred["id"], token["application_credential"]["id"])
        ident.delete_app_cred(self.demo_user, cred["id"])
        self.assertIsNone(ident.validate_token(issued["id"]))

    def test_by_name_and_bad_secret(self):
        ident = self.world.identity
        cred = ident.create_app_cred(self.demo_user, self.demo, "ci")
        spec = {"name": "ci", "secret": cred["secret"],
                "user": {"name": "demo", "domain": {"id": "default"}}}
        auth = {"identity": {"methods": ["application_credential"],
                             "application_credential": spec}}
        self.assertEqual(self.demo,
                         ident.authenticate(auth)["token"]["project"]["id"])
        spec["secret"] = "wrong"
        self.assertRaises(errors.Unauthorized, ident.authenticate, auth)

    def test_duplicate_name(self):
        ident = self.world.identity
        ident.create_app_cred(self.demo_user, self.demo, "ci")
        self.assertRaises(errors.Conflict, ident.create_app_cred,
                          self.demo_user, self.demo, "ci")
