"""Key manager (Barbican): ownership, expiry, containers, summary."""

import datetime

from magnum_like.localcloud.world import errors
from tests.unit.localcloud import base

OCTETS = "application/octet-stream"


class TestKeyManager(base.WorldTestCase):
    def setUp(self):
        super().setUp()
        self.km = self.world.key_manager

    def secret(self, project=None, **kwargs):
        return self.km.create_secret(project or self.demo, self.demo_user,
                                     payload=b"data", content_type=OCTETS,
                                     **kwargs)

    def test_unknown_is_404_and_foreign_is_403(self):
        rec = self.secret()
        self.assertEqual(b"data", self.km.get_secret(rec["id"],
                                                     self.demo)["payload"])
        self.assertEqual("opaque", rec["secret_type"])
        error = self.assertRaises(errors.Forbidden, self.km.get_secret,
                                  rec["id"], self.alt)
        self.assertIn("Secret retrieval attempt not allowed", error.message)
        self.assertRaises(errors.Forbidden, self.km.delete_secret,
                          rec["id"], self.alt)
        self.assertRaises(errors.NotFound, self.km.get_secret, "nope",
                          self.demo)

    def test_expired_secrets_are_gone(self):
        past = (datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
                - datetime.timedelta(seconds=1))
        rec = self.secret(expiration=past)
        self.assertRaises(errors.NotFound, self.km.get_secret, rec["id"])
        self.assertEqual(0, self.km.list_secrets(self.demo)[1])

    def test_containers_hold_secrets_of_their_project(self):
        cert, key = self.secret(), self.secret()
        container = self.km.create_container(
            self.demo, container_type="certificate", secret_refs=[
                {"name": "certificate", "secret_id": cert["id"]},
                {"name": "private_key", "secret_id": key["id"]}])
        self.assertRaises(errors.NotFound, self.km.create_container,
                          self.alt, secret_refs=[
                              {"name": "x", "secret_id": cert["id"]}])
        self.km.delete_secret(key["id"])
        self.assertEqual(["certificate"], [
            r["name"] for r in self.km.get_container(
                container["id"], self.demo)["secret_refs"]])
        self.assertRaises(errors.Forbidden, self.km.delete_container,
                          container["id"], self.alt)
        self.km.delete_container(container["id"], self.demo)
        self.assertEqual(cert["id"], self.km.get_secret(cert["id"])["id"])
        self.assertEqual({"secrets": 1, "containers": 0},
                         {k: self.world.summary()["projects"]["demo"][k]
                          for k in ("secrets", "containers")})

    def test_reset_forgets_everything(self):
        self.secret()
        self.world.reset()
        self.assertEqual(([], 0), self.km.list_secrets(self.demo))
