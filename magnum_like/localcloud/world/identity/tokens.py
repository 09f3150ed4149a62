"""Keystone tokens: authentication methods, scoping, validation.

Tokens are random opaque ids kept in memory with an expiry. Roles are not
frozen into a token: they are recomputed at each validation from the live
assignments (as Keystone's fernet tokens are), so deleting a user, a
project, a grant, a trust or an application credential invalidates the
tokens that depend on it.
"""

import base64
import datetime
import os

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked

AUTH_FAILED = "The request you have made requires authentication."


def _audit_id():
    return base64.urlsafe_b64encode(os.urandom(16)).decode()[:22]


class TokensMixin:
    """Issue, validate and revoke tokens."""

    def _reset_tokens(self):
        self.tokens = {}

    # -- issuing ---------------------------------------------------------
    @locked
    def authenticate(self, auth):
        """Authenticate a Keystone ``{"auth": ...}`` body's inner dict.

        :param auth: ``{"identity": {"methods": [...], ...}, "scope": ...}``
        :returns: ``{"id": token_id, "token": <token body>}``
        :raises Unauthorized: bad credentials or no access to the scope
        :raises BadRequest: malformed request
        """
        identity = auth.get("identity") or {}
        methods = identity.get("methods") or []
        if not methods or not isinstance(methods, list):
            raise errors.BadRequest("Expecting to find identity in auth.")
        scope = auth.get("scope")
        if "application_credential" in methods:
            rec = self._auth_app_cred(identity["application_credential"],
                                      scope)
        elif "token" in methods:
            rec = self._auth_token(identity.get("token") or {}, scope)
        elif "password" in methods:
            user = self._auth_password(identity.get("password") or {})
            rec = self._new_token(user["id"], ["password"], scope)
        else:
            raise errors.Unauthorized(
                "Attempted to authenticate with an unsupported method.")
        self.tokens[rec["id"]] = rec
        return {"id": rec["id"], "token": self._token_body(rec, True)}

    @locked
    def issue_token(self, user_id, project_id=None, domain_id=None,
                    system=False, trust_id=None):
        """Issue a token directly (for tests and in-process callers)."""
        scope = None
        if trust_id:
            scope = {"OS-TRUST:trust": {"id": trust_id}}
        elif project_id:
            scope = {"project": {"id": project_id}}
        elif domain_id:
            scope = {"domain": {"id": domain_id}}
        elif system:
            scope = {"system": {"all": True}}
        rec = self._new_token(user_id, ["password"], scope)
        self.tokens[rec["id"]] = rec
        return {"id": rec["id"], "token": self._token_body(rec, True)}

    def _auth_password(self, password):
        spec = password.get("user") or {}
        try:
            if "id" in spec:
                user = self._user(spec["id"])
            else:
                dom = spec.get("domain") or {}
                domain = self._domain(dom.get("id") or dom.get("name"))
                user = self._user(spec.get("name"), domain["id"])
        except (errors.NotFound, errors.Conflict):
            raise errors.Unauthorized(AUTH_FAILED)
        if (not self.check_password(user["id"], spec.get("password"))
                or not user["enabled"]
                or not self.domains[user["domain_id"]]["enabled"]):
            raise errors.Unauthorized(AUTH_FAILED)
        return user

    def _auth_token(self, spec, scope):
        parent = self.tokens.get(spec.get("id"))
        if parent is None or self._expired(parent) or (
                self._context(parent) is None):
            raise errors.Unauthorized(AUTH_FAILED)
        if parent.get("trust_id") or parent.get("app_cred_id"):
            raise errors.Forbidden(
                "Re-scoping a trust or application credential token is "
                "not allowed.")
        methods = sorted(set(parent["methods"]) | {"token"})
        rec = self._new_token(parent["user_id"], methods, scope)
        rec["expires_at"] = parent["expires_at"]
        rec["audit_ids"].append(parent["audit_ids"][0])
        return rec

    def _new_token(self, user_id, methods, scope):
        now = base.utcnow()
        life = int(self.world.settings.get("token_expiration", 3600))
        rec = {"id": "gAAAA" + base.new_hex_id() + base.new_hex_id(),
               "user_id": user_id, "methods": list(methods),
               "issued_at": now,
               "expires_at": now + datetime.timedelta(seconds=life),
               "audit_ids": [_audit_id()], "project_id": None,
               "domain_id": None, "system": False, "trust_id": None,
               "app_cred_id": None}
        self._apply_scope(rec, scope)
        if self._context(rec) is None:
            raise errors.Unauthorized(AUTH_FAILED)
        return rec

    def _apply_scope(self, rec, scope):
        user = self.users[rec["user_id"]]
        if scope in (None, "unscoped"):
            default = user.get("default_project_id")
            if scope is None and default in self.projects and (
                    self.direct_role_ids(user["id"], "project", default)):
                rec["project_id"] = default
            return
        try:
            if "OS-TRUST:trust" in scope:
                self._apply_trust(rec, scope["OS-TRUST:trust"].get("id"))
            elif "project" in scope:
                spec = scope["project"]
                dom = spec.get("domain") or {}
                domain = dom.get("id") or dom.get("name")
                rec["project_id"] = self._project(
                    spec.get("id") or spec.get("name"),
                    None if spec.get("id") else domain)["id"]
            elif "domain" in scope:
                spec = scope["domain"]
                rec["domain_id"] = self._domain(
                    spec.get("id") or spec.get("name"))["id"]
            elif "system" in scope:
                rec["system"] = True
            else:
                raise errors.BadRequest("Invalid scope.")
        except (errors.NotFound, errors.Conflict):
            raise errors.Unauthorized(AUTH_FAILED)

    # -- validation ------------------------------------------------------
    def _expired(self, rec):
        return rec["expires_at"] <= base.utcnow()

    def _context(self, rec):
        """Token info from live state, or None if no longer valid."""
        user = self.users.get(rec["user_id"])
        if user is None or not user["enabled"]:
            return None
        info = {"token_id": rec["id"], "user_id": user["id"],
                "user_name": user["name"], "user_domain_id": user["domain_id"],
                "user_domain_name": self.domains[user["domain_id"]]["name"],
                "project_id": None, "project_name": None,
                "project_domain_id": None, "project_domain_name": None,
                "domain_id": None, "domain_name": None, "system": None,
                "trust_id": rec["trust_id"], "trustor_user_id": None,
                "trustee_user_id": None, "app_cred_id": rec["app_cred_id"],
                "methods": list(rec["methods"]),
                "audit_ids": list(rec["audit_ids"]),
                "issued_at": rec["issued_at"],
                "expires_at": rec["expires_at"]}
        role_ids = self._scoped_role_ids(rec, info)
        if role_ids is None:
            return None
        info["role_ids"] = sorted(role_ids)
        info["roles"] = self.role_names(role_ids)
        # A domain-scoped admin manages its domain only (see the HTTP
        # policy); project- or system-scoped admins are cloud admins.
        info["is_admin"] = "admin" in info["roles"] and not info[
            "domain_id"]
        return info

    def _scoped_role_ids(self, rec, info):
        if rec["project_id"]:
            project = self.projects.get(rec["project_id"])
            if project is None or not project["enabled"]:
                return None
            domain = self.domains[project["domain_id"]]
            info.update(project_id=project["id"], project_name=project["name"],
                        project_domain_id=domain["id"],
                        project_domain_name=domain["name"])
            if rec["trust_id"]:
                return self._trust_role_ids(rec, info)
            if rec["app_cred_id"]:
                return self._app_cred_role_ids(rec)
            ids = self.direct_role_ids(rec["user_id"], "project",
                                       project["id"])
        elif rec["domain_id"]:
            domain = self.domains.get(rec["domain_id"])
            if domain is None or not domain["enabled"]:
                return None
            info.update(domain_id=domain["id"], domain_name=domain["name"])
            ids = self.direct_role_ids(rec["user_id"], "domain", domain["id"])
        elif rec["system"]:
            info["system"] = "all"
            ids = self.direct_role_ids(rec["user_id"], "system", "all")
        else:
            return set()
        return self.expand_roles(ids) if ids else None

    @locked
    def validate_token(self, token_id, allow_expired=False):
        """Token info dict, or None when the token is unknown or invalid.

        Keys: token_id, user_id, user_name, user_domain_id,
        user_domain_name, project_id, project_name, project_domain_id,
        project_domain_name, domain_id, domain_name, system ("all"/None),
        roles (names, implied roles included), role_ids, is_admin (admin
        role on a project or the system), trust_id, trustor_user_id,
        trustee_user_id, app_cred_id, methods, audit_ids, issued_at,
        expires_at (datetimes).
        """
        rec = self.tokens.get(token_id)
        if rec is None or (self._expired(rec) and not allow_expired):
            return None
        return self._context(rec)

    @locked
    def token_body(self, token_id, include_catalog=True,
                   allow_expired=False):
        """The ``{"token": ...}`` body for a token; raises NotFound."""
        rec = self.tokens.get(token_id)
        if rec is None or (self._expired(rec) and not allow_expired) or (
                self._context(rec) is None):
            raise errors.NotFound("Could not find token: %s." % token_id)
        return self._token_body(rec, include_catalog)

    @locked
    def revoke_token(self, token_id):
        if self.tokens.pop(token_id, None) is None:
            raise errors.NotFound("Could not find token: %s." % token_id)

    def _revoke_where(self, key, value):
        self.tokens = {k: t for k, t in self.tokens.items()
                       if t.get(key) != value}

    @locked
    def purge_expired_tokens(self):
        self.tokens = {k: t for k, t in self.tokens.items()
                       if not self._expired(t)}
