"""Shared helpers for the local cloud's unit tests (no sockets)."""

import testtools

from magnum_like.localcloud.world import World


class WorldTestCase(testtools.TestCase):
    """A fresh world with the default seed for every test."""

    def setUp(self):
        super().setUp()
        self.world = World()
        ident = self.world.identity
        self.demo = ident.find_project("demo")["id"]
        self.alt = ident.find_project("alt_demo")["id"]
        self.admin_project = ident.find_project("admin")["id"]
        self.demo_user = ident.find_user("demo")["id"]
        self.alt_user = ident.find_user("alt_demo")["id"]
        self.admin_user = ident.find_user("admin")["id"]

    def password_auth(self, name, password, project=None, domain="Default"):
        auth = {"identity": {"methods": ["password"], "password": {
            "user": {"name": name, "domain": {"name": domain},
                     "password": password}}}}
        if project:
            auth["scope"] = {"project": {"name": project,
                                         "domain": {"id": "default"}}}
        return self.world.identity.authenticate(auth)
