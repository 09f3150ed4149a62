"""Keystone v3 version discovery and the ``/v3/auth`` routes."""

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.wsgi import base

UPDATED = "2023-03-01T00:00:00Z"


def version_doc(url):
    return {"id": "v3.14", "status": "stable", "updated": UPDATED,
            "links": [{"rel": "self", "href": url.rstrip("/") + "/v3/"}],
            "media-types": [{"base": "application/json",
                             "type": "application/"
                                     "vnd.openstack.identity-v3+json"}]}


class AuthRoutes:
    """Versions, tokens, and the ``/v3/auth/*`` listings."""

    def _auth_routes(self):
        self.add("GET", "/", self.versions, auth=False)
        self.add("GET", "/v3", self.version, auth=False)
        self.add("POST", "/v3/auth/tokens", self.create_token, auth=False)
        self.add("GET", "/v3/auth/tokens", self.check_token)
        self.add("DELETE", "/v3/auth/tokens", self.revoke_token)
        self.add("GET", "/v3/auth/catalog", self.auth_catalog)
        self.add("GET", "/v3/auth/projects", self.auth_projects)
        self.add("GET", "/v3/auth/domains", self.auth_domains)
        self.add("GET", "/v3/auth/system", self.auth_system)

    def versions(self, req, ctx):
        return 300, {"versions": {"values": [
            version_doc(req.application_url)]}}

    def version(self, req, ctx):
        return 200, {"version": version_doc(req.application_url)}

    def create_token(self, req, ctx):
        auth = base.member(base.read_json(req), "auth")
        issued = self.world.identity.authenticate(auth)
        token = issued["token"]
        if "nocatalog" in req.GET:
            token.pop("catalog", None)
        return 201, {"token": token}, {"X-Subject-Token": issued["id"]}

    def _subject(self, req):
        subject = req.headers.get("X-Subject-Token")
        if not subject:
            raise errors.BadRequest("X-Subject-Token is missing.")
        return subject

    def check_token(self, req, ctx):
        """GET validates (keystonemiddleware), HEAD only checks."""
        subject = self._subject(req)
        body = self.world.identity.token_body(
            subject, include_catalog="nocatalog" not in req.GET,
            allow_expired=base.truthy(req.GET.get("allow_expired")))
        return 200, {"token": body}, {"X-Subject-Token": subject}

    def revoke_token(self, req, ctx):
        self.world.identity.revoke_token(self._subject(req))

    def auth_catalog(self, req, ctx):
        if not ctx["project_id"] and not ctx["domain_id"] and not ctx[
                "system"]:
            raise errors.Forbidden("The authenticated token must be "
                                   "scoped to get a catalog.")
        return 200, {"catalog": self.world.identity.catalog(
            ctx["project_id"]), "links": self.collection_links(req)}

    def auth_projects(self, req, ctx):
        projects = self.world.identity.list_user_projects(ctx["user_id"])
        return 200, {"projects": [self.with_links(req, "projects", p)
                                  for p in projects if p["enabled"]],
                     "links": self.collection_links(req)}

    def auth_domains(self, req, ctx):
        domains = self.world.identity.list_user_domains(ctx["user_id"])
        return 200, {"domains": [self.with_links(req, "domains", d)
                                 for d in domains],
                     "links": self.collection_links(req)}

    def auth_system(self, req, ctx):
        roles = self.world.identity.user_roles(ctx["user_id"], system="all")
        return 200, {"system": [{"all": True}] if roles else [],
                     "links": self.collection_links(req)}
