"""Tokens of an external (real) Keystone, accepted by the local cloud.

With ``world.settings["external_identity_url"]`` (the ``/v3`` URL of a
real Keystone) the emulated Nova, Glance, Neutron, Heat... also accept
that Keystone's tokens, so a real Keystone's catalog may point its
compute, image, network and orchestration endpoints at the local cloud.

A token the local cloud did not issue is validated by asking the real
Keystone (``GET /v3/auth/tokens`` with the token as both the caller and
the subject: a user may validate its own token). Its user, project,
domains and roles are then mirrored into the local identity under the
SAME ids, so that everything keyed by a project or user id (networks,
keypairs, image visibility, stacks) works as for a local user. The
answer is remembered for at most ``EXTERNAL_TOKEN_TTL`` seconds, as a
real service's keystonemiddleware caches it (its default
``token_cache_time``): a token revoked in the real Keystone is refused
at the latest that much later.

With ``world.settings["external_token_cache_servers"]`` (memcached
``host:port`` list) the local cloud first reads the token cache that
keystonemiddleware keeps there (without ``memcache_security_strategy``),
as devstack's services all share one memcached: a token another service
validated is accepted from that cache, as a real Nova or Glance would.
"""

import datetime
import hashlib
import json
import logging

import requests

from magnum_like.localcloud.world import base

LOG = logging.getLogger(__name__)
EXTERNAL_TOKEN_TTL = 300


def fetch_token(identity_url, token_id, timeout=10):
    """The ``token`` body a real Keystone gives for ``token_id``, or None
    when it does not know the token (or cannot be reached)."""
    try:
        resp = requests.get(
            identity_url.rstrip("/") + "/auth/tokens?nocatalog",
            headers={"X-Auth-Token": token_id, "X-Subject-Token": token_id,
                     "Accept": "application/json"}, timeout=timeout)
    except requests.RequestException as e:
        LOG.warning("External Keystone could not validate a token: %s", e)
        return None
    if resp.status_code != 200:
        if resp.status_code not in (401, 403, 404):
            LOG.warning("External Keystone answered %s validating a token",
                        resp.status_code)
        return None
    try:
        return resp.json()["token"]
    except (ValueError, KeyError) as e:
        LOG.warning("External Keystone's token body is unusable: %s", e)
        return None


def cached_token(servers, token_id):
    """The ``token`` body keystonemiddleware cached for ``token_id`` in
    memcached (its plain format: ``tokens/<sha256>`` -> the JSON of
    Keystone's answer), or None."""
    import memcache  # python-memcached, as keystonemiddleware uses
    key = "tokens/%s" % hashlib.sha256(token_id.encode()).hexdigest()
    client = memcache.Client(list(servers))
    try:
        data = client.get(key)
    finally:
        client.disconnect_all()
    if not data:
        return None
    try:
        if isinstance(data, bytes):
            data = data.decode()
        data = json.loads(data)
        if isinstance(data, list) and len(data) == 2:
            data = data[0]   # keystonemiddleware's old (data, expiry)
        return data["token"]
    except (ValueError, KeyError, TypeError):
        return None


class ExternalTokensMixin:
    """``check_token``: local tokens, else the external Keystone's."""

    def check_token(self, token_id):
        """Token info (as ``validate_token``) or None; not locked while
        the external Keystone is asked."""
        info = self.validate_token(token_id)
        url = self.world.settings.get("external_identity_url")
        if info is not None or not url or not token_id:
            return info
        body = None
        servers = self.world.settings.get("external_token_cache_servers")
        if servers:
            body = cached_token(servers, token_id)
        if body is None:
            body = fetch_token(url, token_id)
        if body is None:
            return None
        with self.world.lock:
            return self._adopt_external(token_id, body)

    def _adopt_external(self, token_id, body):
        user = body["user"]
        self._mirror_domain(user["domain"])
        self._mirror_user(user)
        scope, target = None, None
        if body.get("project"):
            project = body["project"]
            self._mirror_domain(project["domain"])
            self._mirror_project(project)
            scope, target = "project", project["id"]
        elif body.get("domain"):
            self._mirror_domain(body["domain"])
            scope, target = "domain", body["domain"]["id"]
        elif body.get("system"):
            scope, target = "system", "all"
        if scope:
            self._mirror_roles(user["id"], scope, target,
                               body.get("roles") or [])
        rec = self._external_record(token_id, body, scope, target)
        self.tokens[token_id] = rec
        return self._context(rec)

    def _external_record(self, token_id, body, scope, target):
        now = base.utcnow()
        expires = now + datetime.timedelta(seconds=EXTERNAL_TOKEN_TTL)
        if body.get("expires_at"):
            real = datetime.datetime.fromisoformat(body["expires_at"])
            expires = min(expires, real.astimezone(datetime.UTC))
        return {"id": token_id, "user_id": body["user"]["id"],
                "methods": list(body.get("methods") or ["password"]),
                "issued_at": now, "expires_at": expires,
                "audit_ids": list(body.get("audit_ids") or ["external"]),
                "project_id": target if scope == "project" else None,
                "domain_id": target if scope == "domain" else None,
                "system": scope == "system", "trust_id": None,
                "app_cred_id": None}

    def _free_name(self, records, name, record_id, same_group):
        taken = any(r["name"] == name and r["id"] != record_id and
                    same_group(r) for r in records.values())
        return "%s-%s" % (name, record_id[:8]) if taken else name

    def _mirror_domain(self, domain):
        if domain["id"] in self.domains:
            return
        name = self._free_name(self.domains, domain.get("name") or
                               domain["id"], domain["id"], lambda r: True)
        self.domains[domain["id"]] = {
            "id": domain["id"], "name": name, "description": "external",
            "enabled": True, "tags": [], "options": {}}

    def _mirror_project(self, project):
        if project["id"] in self.projects:
            return
        domain_id = project["domain"]["id"]
        name = self._free_name(
            self.projects, project["name"], project["id"],
            lambda r: r["domain_id"] == domain_id)
        self.projects[project["id"]] = {
            "id": project["id"], "name": name, "domain_id": domain_id,
            "parent_id": domain_id, "description": "external",
            "enabled": True, "is_domain": False, "tags": [], "options": {}}

    def _mirror_user(self, user):
        if user["id"] in self.users:
            return
        domain_id = user["domain"]["id"]
        name = self._free_name(
            self.users, user["name"], user["id"],
            lambda r: r["domain_id"] == domain_id)
        self.users[user["id"]] = {
            "id": user["id"], "name": name, "domain_id": domain_id,
            "enabled": True, "default_project_id": None,
            "password_expires_at": None, "options": {}, "_password": None}

    def _mirror_roles(self, user_id, scope, target, roles):
        """The user's assignments on the target become the token's roles
        (mapped by name onto the local roles)."""
        wanted = set()
        for role in roles:
            local = [r for r in self.roles.values()
                     if r["name"] == role["name"]]
            if not local:
                rid = role.get("id") or base.new_hex_id()
                self.roles[rid] = {"id": rid, "name": role["name"],
                                   "domain_id": None, "description": None,
                                   "options": {}}
                local = [self.roles[rid]]
            wanted.add(local[0]["id"])
        self.assignments = [
            a for a in self.assignments
            if not (a["user_id"] == user_id and a["scope"] == scope and
                    a["target"] == target)]
        for role_id in sorted(wanted):
            self.assignments.append({"user_id": user_id, "scope": scope,
                                     "target": target, "role_id": role_id})
