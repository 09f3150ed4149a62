"""The service catalog and the token body rendering."""

import uuid

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked

INTERFACES = ("public", "internal", "admin")

# (type, name, path below the base URL); ``{project_id}`` is substituted.
BUILTIN_SERVICES = (
    ("identity", "keystone", "/identity"),
    ("image", "glance", "/image"),
    ("compute", "nova", "/compute/v2.1"),
    ("network", "neutron", "/network"),
    ("orchestration", "heat", "/heat-api/v1/{project_id}"),
    ("load-balancer", "octavia", "/load-balancer"),
    ("key-manager", "barbican", "/key-manager"),
    ("volumev3", "cinderv3", "/volume/v3/{project_id}"),
)


def _stable_id(*parts):
    return uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)).hex


def _substitute(url, project_id):
    """Fill a project id into a URL template; None if one is needed."""
    marks = ("{project_id}", "%(project_id)s", "$(project_id)s",
             "%(tenant_id)s", "$(tenant_id)s")
    if not any(m in url for m in marks):
        return url
    if project_id is None:
        return None
    for mark in marks:
        url = url.replace(mark, project_id)
    return url


class CatalogMixin:
    """Catalog entries: the emulated services plus registered extras."""

    def _reset_catalog(self):
        self.extra_services = {}   # type -> {"name", "url", "region"}

    @locked
    def register_service(self, service_type, name, url, region=None):
        """Add (or replace) a catalog entry, e.g. ``container-infra``.

        ``url`` may contain ``{project_id}``, ``%(project_id)s`` or
        ``$(project_id)s``. The same URL serves all three interfaces.
        """
        if not service_type or not url:
            raise errors.BadRequest("A service type and a URL are required.")
        self.extra_services[service_type] = {
            "name": name or service_type, "url": url,
            "region": region or self._region()}
        return self._service_entries(None, service_type)[0]

    @locked
    def unregister_service(self, service_type):
        if self.extra_services.pop(service_type, None) is None:
            raise errors.NotFound("Could not find service: %s."
                                  % service_type)

    def _region(self):
        return self.world.settings.get("region_name", "RegionOne")

    def _all_services(self):
        root = (self.world.base_url or "http://localhost").rstrip("/")
        out = {stype: {"name": name, "url": root + path,
                       "region": self._region()}
               for stype, name, path in BUILTIN_SERVICES}
        out.update(self.extra_services)
        return out

    def _service_entries(self, project_id, only_type=None):
        entries = []
        for stype, svc in sorted(self._all_services().items()):
            if only_type and stype != only_type:
                continue
            url = _substitute(svc["url"], project_id)
            endpoints = [] if url is None else [
                {"id": _stable_id(stype, iface), "interface": iface,
                 "region": svc["region"], "region_id": svc["region"],
                 "url": url} for iface in INTERFACES]
            entries.append({"id": _stable_id(stype), "type": stype,
                            "name": svc["name"], "endpoints": endpoints})
        return entries

    @locked
    def catalog(self, project_id=None):
        """Catalog as in a token body (endpoints needing a project are
        left out of unscoped catalogs)."""
        return [e for e in self._service_entries(project_id)
                if e["endpoints"]]

    @locked
    def list_services(self):
        return [{"id": e["id"], "type": e["type"], "name": e["name"],
                 "enabled": True, "description": ""}
                for e in self._service_entries("{project_id}")]

    @locked
    def list_endpoints(self):
        out = []
        for svc in self._service_entries("$(project_id)s"):
            for ep in svc["endpoints"]:
                out.append(dict(ep, service_id=svc["id"], enabled=True))
        return out

    # -- token body ------------------------------------------------------
    def _token_body(self, rec, include_catalog):
        info = self._context(rec)
        user = self.users[rec["user_id"]]
        token = {
            "methods": list(rec["methods"]),
            "user": {"id": user["id"], "name": user["name"],
                     "domain": {"id": info["user_domain_id"],
                                "name": info["user_domain_name"]},
                     "password_expires_at": None},
            "audit_ids": list(rec["audit_ids"]),
            "expires_at": base.keystone_time(rec["expires_at"]),
            "issued_at": base.keystone_time(rec["issued_at"]),
        }
        if info["project_id"]:
            token["project"] = {
                "id": info["project_id"], "name": info["project_name"],
                "domain": {"id": info["project_domain_id"],
                           "name": info["project_domain_name"]}}
            token["is_domain"] = False
        elif info["domain_id"]:
            token["domain"] = {"id": info["domain_id"],
                               "name": info["domain_name"]}
        elif info["system"]:
            token["system"] = {"all": True}
        if info["project_id"] or info["domain_id"] or info["system"]:
            token["roles"] = [{"id": r, "name": self.roles[r]["name"]}
                              for r in info["role_ids"]]
            if include_catalog:
                token["catalog"] = [
                    e for e in self._service_entries(info["project_id"])
                    if e["endpoints"]]
        self._delegation_body(rec, info, token)
        return token
