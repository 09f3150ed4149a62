"""Delegation: OS-TRUST trusts and application credentials."""

import secrets

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked
from magnum_like.localcloud.world.identity.resources import public

AUTH_FAILED = "The request you have made requires authentication."


class DelegationMixin:
    """Trusts and application credentials, and the tokens they give."""

    def _reset_delegation(self):
        self.trusts = {}
        self.app_creds = {}

    def _role_ids(self, roles):
        """Role ids from ``[{"name": ..}|{"id": ..}|"name"]``."""
        ids = []
        for role in roles or []:
            key = role if isinstance(role, str) else (
                role.get("id") or role.get("name"))
            ids.append(self._role(key)["id"])
        return ids

    def _role_refs(self, role_ids):
        return [{"id": r, "name": self.roles[r]["name"], "domain_id": None}
                for r in role_ids if r in self.roles]

    # -- trusts ----------------------------------------------------------
    @locked
    def create_trust(self, trustor_user_id, trustee_user_id, project_id,
                     roles, impersonation=False, expires_at=None,
                     allow_redelegation=False, remaining_uses=None):
        """Create a trust from trustor to trustee on a project.

        The trustor must hold every delegated role on the project.
        ``roles`` is a list of role names/ids or ``{"name"|"id": ..}``.
        """
        trustor = self._user(trustor_user_id)
        trustee = self._user(trustee_user_id)
        project = self._project(project_id) if project_id else None
        role_ids = self._role_ids(roles)
        if project:
            held = self.expand_roles(self.direct_role_ids(
                trustor["id"], "project", project["id"]))
            if not set(role_ids) <= held:
                raise errors.Forbidden(
                    "At least one role should be specified and the trustor "
                    "must hold all delegated roles on the project.")
        rec = {"id": base.new_hex_id(), "trustor_user_id": trustor["id"],
               "trustee_user_id": trustee["id"],
               "project_id": project["id"] if project else None,
               "impersonation": bool(impersonation),
               "expires_at": base.parse_time(expires_at),
               "allow_redelegation": bool(allow_redelegation),
               "redelegation_count": 0, "redelegated_trust_id": None,
               "remaining_uses": remaining_uses, "_role_ids": role_ids}
        self.trusts[rec["id"]] = rec
        return self._trust_view(rec)

    def _trust_view(self, rec):
        view = public(rec)
        if rec["expires_at"] is not None:
            view["expires_at"] = base.keystone_time(rec["expires_at"])
        view["roles"] = self._role_refs(rec["_role_ids"])
        return view

    def _trust(self, trust_id):
        rec = self.trusts.get(trust_id)
        if rec is None:
            raise errors.NotFound("Could not find trust: %s." % trust_id)
        return rec

    @locked
    def get_trust(self, trust_id):
        return self._trust_view(self._trust(trust_id))

    @locked
    def list_trusts(self, trustor_user_id=None, trustee_user_id=None):
        return [self._trust_view(t) for t in self.trusts.values()
                if (trustor_user_id is None
                    or t["trustor_user_id"] == trustor_user_id)
                and (trustee_user_id is None
                     or t["trustee_user_id"] == trustee_user_id)]

    @locked
    def delete_trust(self, trust_id):
        """Delete a trust; the tokens it gave stop validating."""
        self._trust(trust_id)
        del self.trusts[trust_id]
        self._revoke_where("trust_id", trust_id)

    def _trust_expired(self, trust):
        return trust["expires_at"] is not None and (
            trust["expires_at"] <= base.utcnow())

    def _apply_trust(self, rec, trust_id):
        trust = self.trusts.get(trust_id)
        if trust is None or self._trust_expired(trust):
            raise errors.Unauthorized(AUTH_FAILED)
        if trust["trustee_user_id"] != rec["user_id"]:
            raise errors.Forbidden("User is not a trustee.")
        if trust["remaining_uses"] is not None:
            if trust["remaining_uses"] <= 0:
                raise errors.Unauthorized(AUTH_FAILED)
            trust["remaining_uses"] -= 1
        rec["trust_id"] = trust["id"]
        rec["project_id"] = trust["project_id"]
        if trust["impersonation"]:
            rec["user_id"] = trust["trustor_user_id"]
        if trust["expires_at"] is not None:
            rec["expires_at"] = min(rec["expires_at"], trust["expires_at"])

    def _trust_role_ids(self, rec, info):
        trust = self.trusts.get(rec["trust_id"])
        if trust is None or self._trust_expired(trust):
            return None
        trustor = self.users.get(trust["trustor_user_id"])
        if trustor is None or not trustor["enabled"]:
            return None
        held = self.expand_roles(self.direct_role_ids(
            trustor["id"], "project", trust["project_id"]))
        wanted = self.expand_roles(trust["_role_ids"])
        if not set(trust["_role_ids"]) <= held:
            return None
        info.update(trustor_user_id=trust["trustor_user_id"],
                    trustee_user_id=trust["trustee_user_id"])
        return wanted & held

    # -- application credentials ----------------------------------------
    @locked
    def create_app_cred(self, user_id, project_id, name, secret=None,
                        roles=None, expires_at=None, unrestricted=False,
                        description=None):
        """Create an application credential; the result holds the secret
        (the only time it is shown). ``roles`` default to all the user's
        roles on the project."""
        user = self._user(user_id)
        if any(a["user_id"] == user["id"] and a["name"] == name
               for a in self.app_creds.values()):
            raise errors.Conflict(
                "Conflict occurred attempting to store "
                "application_credential - Duplicate entry.")
        held = self.expand_roles(self.direct_role_ids(
            user["id"], "project", project_id))
        role_ids = self._role_ids(roles) if roles else sorted(held)
        if not role_ids or not set(role_ids) <= held:
            raise errors.Forbidden(
                "The user does not hold the requested roles on the project.")
        secret = secret or secrets.token_urlsafe(64)
        rec = {"id": base.new_hex_id(), "name": name, "user_id": user["id"],
               "project_id": project_id, "description": description,
               "expires_at": base.parse_time(expires_at),
               "unrestricted": bool(unrestricted), "system": None,
               "access_rules": [], "_secret": secret, "_role_ids": role_ids}
        self.app_creds[rec["id"]] = rec
        return dict(self._app_cred_view(rec), secret=secret)

    def _app_cred_view(self, rec):
        view = public(rec)
        if rec["expires_at"] is not None:
            view["expires_at"] = base.keystone_time(rec["expires_at"])
        view["roles"] = self._role_refs(rec["_role_ids"])
        return view

    def _app_cred(self, user_id, app_cred_id):
        rec = self.app_creds.get(app_cred_id)
        if rec is None or rec["user_id"] != user_id:
            raise errors.NotFound("Could not find Application Credential: "
                                  "%s." % app_cred_id)
        return rec

    @locked
    def get_app_cred(self, user_id, app_cred_id):
        return self._app_cred_view(self._app_cred(user_id, app_cred_id))

    @locked
    def list_app_creds(self, user_id, name=None):
        return [self._app_cred_view(a) for a in self.app_creds.values()
                if a["user_id"] == user_id
                and (name is None or a["name"] == name)]

    @locked
    def delete_app_cred(self, user_id, app_cred_id):
        self._app_cred(user_id, app_cred_id)
        del self.app_creds[app_cred_id]
        self._revoke_where("app_cred_id", app_cred_id)

    def _find_app_cred(self, spec):
        if spec.get("id"):
            return self.app_creds.get(spec["id"])
        user_spec = spec.get("user") or {}
        try:
            if user_spec.get("id"):
                user = self._user(user_spec["id"])
            else:
                dom = user_spec.get("domain") or {}
                user = self._user(user_spec.get("name"),
                                  dom.get("id") or dom.get("name"))
        except (errors.NotFound, errors.Conflict):
            return None
        for rec in self.app_creds.values():
            if rec["user_id"] == user["id"] and rec["name"] == spec.get(
                    "name"):
                return rec
        return None

    def _auth_app_cred(self, spec, scope):
        if scope:
            raise errors.Unauthorized(
                "Application credentials cannot request a scope.")
        cred = self._find_app_cred(spec)
        if (cred is None or cred["_secret"] != spec.get("secret")
                or (cred["expires_at"] is not None
                    and cred["expires_at"] <= base.utcnow())):
            raise errors.Unauthorized(AUTH_FAILED)
        rec = self._new_token(cred["user_id"], ["application_credential"],
                              "unscoped")
        rec["project_id"] = cred["project_id"]
        rec["app_cred_id"] = cred["id"]
        if cred["expires_at"] is not None:
            rec["expires_at"] = min(rec["expires_at"], cred["expires_at"])
        if self._context(rec) is None:
            raise errors.Unauthorized(AUTH_FAILED)
        return rec

    def _app_cred_role_ids(self, rec):
        cred = self.app_creds.get(rec["app_cred_id"])
        if cred is None:
            return None
        held = self.expand_roles(self.direct_role_ids(
            cred["user_id"], "project", cred["project_id"]))
        if not set(cred["_role_ids"]) <= held:
            return None
        return self.expand_roles(cred["_role_ids"])

    def _delegation_body(self, rec, info, token):
        if rec["trust_id"]:
            trust = self.trusts[rec["trust_id"]]
            token["OS-TRUST:trust"] = {
                "id": trust["id"], "impersonation": trust["impersonation"],
                "trustee_user": {"id": trust["trustee_user_id"]},
                "trustor_user": {"id": trust["trustor_user_id"]}}
        if rec["app_cred_id"]:
            cred = self.app_creds[rec["app_cred_id"]]
            token["application_credential"] = {
                "id": cred["id"], "name": cred["name"],
                "restricted": not cred["unrestricted"]}
