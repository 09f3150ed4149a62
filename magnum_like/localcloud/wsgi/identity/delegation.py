"""Keystone OS-TRUST trusts and application credentials routes."""

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.wsgi import base
from magnum_like.localcloud.wsgi.identity.resources import FORBIDDEN

TRUSTS = "/v3/OS-TRUST/trusts"
APP_CREDS = "/v3/users/{user}/application_credentials"


class DelegationRoutes:
    """Trusts (trustor creates, trustor/trustee read, trustor deletes;
    admins do anything) and a user's own application credentials."""

    def _delegation_routes(self):
        self.add("POST", TRUSTS, self.create_trust)
        self.add("GET", TRUSTS, self.list_trusts)
        self.add("GET", TRUSTS + "/{trust_id}", self.get_trust)
        self.add("DELETE", TRUSTS + "/{trust_id}", self.delete_trust)
        self.add("GET", TRUSTS + "/{trust_id}/roles", self.trust_roles)
        self.add("POST", APP_CREDS, self.create_app_cred)
        self.add("GET", APP_CREDS, self.list_app_creds)
        self.add("GET", APP_CREDS + "/{cred_id}", self.get_app_cred)
        self.add("DELETE", APP_CREDS + "/{cred_id}", self.delete_app_cred)

    def _trust_view(self, req, trust):
        trust = self.with_links(req, "OS-TRUST/trusts", trust)
        trust["roles_links"] = {"self": None, "previous": None,
                                "next": None}
        return trust

    # -- trusts ----------------------------------------------------------
    def create_trust(self, req, ctx):
        spec = base.member(base.read_json(req), "trust")
        if spec.get("trustor_user_id") != ctx["user_id"]:
            raise errors.Forbidden(
                "The authenticated user should match the trustor.")
        if ctx["trust_id"]:
            raise errors.Forbidden("Redelegation is not allowed.")
        for key in ("trustee_user_id", "impersonation"):
            if key not in spec:
                raise errors.BadRequest("'%s' is a required property" % key)
        trust = self.world.identity.create_trust(
            ctx["user_id"], spec["trustee_user_id"], spec.get("project_id"),
            spec.get("roles") or [], spec["impersonation"],
            spec.get("expires_at"), spec.get("allow_redelegation", False),
            spec.get("remaining_uses"))
        return 201, {"trust": self._trust_view(req, trust)}

    def list_trusts(self, req, ctx):
        trustor = req.GET.get("trustor_user_id")
        trustee = req.GET.get("trustee_user_id")
        if not ctx["is_admin"] and ctx["user_id"] not in (trustor, trustee):
            raise errors.Forbidden(FORBIDDEN)
        rows = self.world.identity.list_trusts(trustor, trustee)
        return 200, {"trusts": [self._trust_view(req, t) for t in rows],
                     "links": self.collection_links(req)}

    def _readable_trust(self, ctx, trust_id):
        trust = self.world.identity.get_trust(trust_id)
        if not ctx["is_admin"] and ctx["user_id"] not in (
                trust["trustor_user_id"], trust["trustee_user_id"]):
            raise errors.Forbidden(FORBIDDEN)
        return trust

    def get_trust(self, req, ctx, trust_id):
        trust = self._readable_trust(ctx, trust_id)
        return 200, {"trust": self._trust_view(req, trust)}

    def trust_roles(self, req, ctx, trust_id):
        trust = self._readable_trust(ctx, trust_id)
        return 200, {"roles": trust["roles"],
                     "links": self.collection_links(req)}

    def delete_trust(self, req, ctx, trust_id):
        trust = self.world.identity.get_trust(trust_id)
        if not ctx["is_admin"] and ctx["user_id"] != trust[
                "trustor_user_id"]:
            raise errors.Forbidden(FORBIDDEN)
        self.world.identity.delete_trust(trust_id)

    # -- application credentials ----------------------------------------
    def _own(self, ctx, user):
        if user != ctx["user_id"] and not ctx["is_admin"]:
            raise errors.Forbidden(FORBIDDEN)

    def create_app_cred(self, req, ctx, user):
        if user != ctx["user_id"]:
            raise errors.Forbidden(FORBIDDEN)
        if not ctx["project_id"] or ctx["trust_id"] or ctx["app_cred_id"]:
            raise errors.Forbidden(
                "Application credentials need a project-scoped token that "
                "is not a trust or application credential token.")
        spec = base.member(base.read_json(req), "application_credential")
        if not spec.get("name"):
            raise errors.BadRequest("'name' is a required property")
        cred = self.world.identity.create_app_cred(
            user, ctx["project_id"], spec["name"], spec.get("secret"),
            spec.get("roles"), spec.get("expires_at"),
            spec.get("unrestricted", False), spec.get("description"))
        return 201, {"application_credential": self.with_links(
            req, "users/%s/application_credentials" % user, cred)}

    def list_app_creds(self, req, ctx, user):
        self._own(ctx, user)
        rows = self.world.identity.list_app_creds(user, req.GET.get("name"))
        path = "users/%s/application_credentials" % user
        return 200, {"application_credentials": [
            self.with_links(req, path, c) for c in rows],
            "links": self.collection_links(req)}

    def get_app_cred(self, req, ctx, user, cred_id):
        self._own(ctx, user)
        cred = self.world.identity.get_app_cred(user, cred_id)
        return 200, {"application_credential": self.with_links(
            req, "users/%s/application_credentials" % user, cred)}

    def delete_app_cred(self, req, ctx, user, cred_id):
        self._own(ctx, user)
        self.world.identity.delete_app_cred(user, cred_id)
