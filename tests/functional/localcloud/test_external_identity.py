"""[localcloud] external_identity_url: a local cloud accepts the tokens
of another Keystone (here a second local cloud's, over real HTTP),
mirrors the caller under the same ids and refuses unknown tokens."""

import requests

from magnum_like.localcloud.service import LocalCloud
from tests.functional.localcloud import base


class TestExternalIdentity(base.LocalCloudTestCase):
    def setUp(self):
        super().setUp()
        # self.cloud is the "real" Keystone; `cloud` trusts its tokens.
        self.cloud_b = LocalCloud(settings={
            "external_identity_url": self.cloud.auth_url})
        self.cloud_b.start()
        self.addCleanup(self.cloud_b.stop)
        self.sess = self.session("demo")
        self.token = self.sess.get_token()
        self.access = self.sess.auth.get_access(self.sess)

    def _get(self, path, token):
        return requests.get(self.cloud_b.url + path, timeout=10,
                            headers={"X-Auth-Token": token})

    def test_foreign_token_is_accepted_as_its_project(self):
        resp = self._get("/compute/v2.1/os-keypairs", self.token)
        self.assertEqual(200, resp.status_code, resp.text)
        resp = self._get("/network/v2.0/networks", self.token)
        self.assertEqual(200, resp.status_code, resp.text)
        identity = self.cloud_b.world.identity
        # Same ids. Seeded records get stable ids (from their kind and
        # name), so both clouds' "demo" share theirs: the mirror is that
        # one record, not a second "demo".
        project = identity.find_project(self.access.project_id)
        self.assertEqual("demo", project["name"])
        self.assertEqual(1, sum(p["name"] == "demo"
                                for p in identity.projects.values()))
        user = identity.find_user(self.access.user_id)
        self.assertEqual("demo", user["name"])
        info = identity.check_token(self.token)
        self.assertEqual({"member", "reader"},
                         set(info["roles"]) & {"member", "reader"})
        self.assertFalse(info["is_admin"])

    def test_unknown_token_is_refused(self):
        self.assertEqual(401, self._get("/compute/v2.1/os-keypairs",
                                        "not-a-token").status_code)

    def test_without_the_option_foreign_tokens_are_refused(self):
        plain = LocalCloud()
        plain.start()
        self.addCleanup(plain.stop)
        resp = requests.get(plain.url + "/compute/v2.1/os-keypairs",
                            headers={"X-Auth-Token": self.token},
                            timeout=10)
        self.assertEqual(401, resp.status_code)
