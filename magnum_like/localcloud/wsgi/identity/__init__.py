"""Keystone v3 over HTTP, mounted at ``/identity``."""

from magnum_like.localcloud.wsgi import base
from magnum_like.localcloud.wsgi.identity.auth import AuthRoutes
from magnum_like.localcloud.wsgi.identity.delegation import DelegationRoutes
from magnum_like.localcloud.wsgi.identity.resources import ResourceRoutes


class IdentityApp(AuthRoutes, ResourceRoutes, DelegationRoutes,
                  base.JsonApp):
    """The Keystone v3 subset used by keystoneauth1, keystonemiddleware,
    openstackclient and the product."""

    service = "identity"

    def setup_routes(self):
        self._auth_routes()
        self._resource_routes()
        self._delegation_routes()

    def entity_url(self, req, path):
        return "%s/v3/%s" % (req.application_url, path)

    def with_links(self, req, collection, rec):
        rec = dict(rec)
        rec["links"] = {"self": self.entity_url(
            req, "%s/%s" % (collection, rec["id"]))}
        return rec

    def collection_links(self, req):
        return {"self": req.url, "previous": None, "next": None}

    def collection(self, req, kind, rows):
        return 200, {kind: [self.with_links(req, kind, r) for r in rows],
                     "links": self.collection_links(req)}


def make_app(world):
    return IdentityApp(world)
