"""Neutron v2.0 over HTTP, mounted at ``/network`` (API at ``/v2.0``)."""

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.wsgi import base
from magnum_like.localcloud.wsgi.network_resources import EXTENSIONS
from magnum_like.localcloud.wsgi.network_resources import SPECS

V = "/v2.0"
NOT_FILTERS = ("fields", "limit", "marker", "sort_key", "sort_dir",
               "page_reverse", "all_tenants")


class NetworkApp(base.JsonApp):
    """Networks, subnets, ports, routers, floating IPs, security groups
    and rules, quotas, extensions; filters, ``fields`` and pagination."""

    service = "network"
    strip_suffix = ".json"

    def setup_routes(self):
        self.add("GET", "/", self.versions, auth=False)
        self.add("GET", V, self.resources)
        self.add("GET", V + "/extensions", self.extensions)
        self.add("GET", V + "/extensions/{alias}", self.extension)
        self.add("GET", V + "/quotas", self.list_quotas)
        self.add("GET", V + "/quotas/{project_id}", self.get_quota)
        self.add("GET", V + "/quotas/{project_id}/details",
                 self.quota_details)
        self.add("PUT", V + "/quotas/{project_id}", self.set_quota)
        for path in ("add_router_interface", "remove_router_interface"):
            self.add("PUT", V + "/routers/{rid}/" + path,
                     self.router_interface)
        for coll in SPECS:
            self.add("GET", "%s/%s" % (V, coll), self.lister(coll))
            self.add("POST", "%s/%s" % (V, coll), self.creator(coll))
            self.add("GET", "%s/%s/{rid}" % (V, coll), self.getter(coll))
            self.add("PUT", "%s/%s/{rid}" % (V, coll), self.updater(coll))
            self.add("DELETE", "%s/%s/{rid}" % (V, coll),
                     self.deleter(coll))

    def versions(self, req, ctx):
        return 200, {"versions": [{"id": "v2.0", "status": "CURRENT",
                                   "links": [{"rel": "self", "href":
                                              req.application_url +
                                              "/v2.0/"}]}]}

    def resources(self, req, ctx):
        return 200, {"resources": [
            {"name": spec.singular, "collection": coll.replace("-", "_"),
             "links": [{"rel": "self", "href": "%s/v2.0/%s" % (
                 req.application_url, coll)}]}
            for coll, spec in SPECS.items()]}

    def extensions(self, req, ctx):
        return 200, {"extensions": [_extension(a, n) for a, n in EXTENSIONS]}

    def extension(self, req, ctx, alias):
        for ext_alias, name in EXTENSIONS:
            if ext_alias == alias:
                return 200, {"extension": _extension(ext_alias, name)}
        raise errors.NotFound("Extension with alias %s does not exist"
                              % alias)

    # -- generic collections ---------------------------------------------
    def _not_found(self, coll, rid):
        spec = SPECS[coll]
        return errors.NotFound("%s %s could not be found." % (
            spec.type_name, rid), neutron_type=spec.type_name + "NotFound")

    def _fetch(self, coll, ctx, rid):
        for rec in SPECS[coll].list(self.world.network, ctx):
            if rec["id"] == rid:
                return rec
        raise self._not_found(coll, rid)

    def lister(self, coll):
        def handler(req, ctx):
            rows = [r for r in SPECS[coll].list(self.world.network, ctx)
                    if _matches(r, req.GET)]
            rows, links = _paginate(req, rows)
            body = {coll.replace("-", "_"): [_fields(r, req) for r in rows]}
            if links:
                body[coll.replace("-", "_") + "_links"] = links
            return 200, body
        return handler

    def getter(self, coll):
        def handler(req, ctx, rid):
            rec = self._fetch(coll, ctx, rid)
            return 200, {SPECS[coll].singular: _fields(rec, req)}
        return handler

    def creator(self, coll):
        def handler(req, ctx):
            spec = SPECS[coll]
            body = base.read_json(req)
            plural = coll.replace("-", "_")
            if isinstance(body.get(plural), list):
                return 201, {plural: self._bulk_create(coll, ctx,
                                                       body[plural])}
            item = dict(base.member(body, spec.singular))
            return 201, {spec.singular: self._create_one(spec, ctx, item)}
        return handler

    def _create_one(self, spec, ctx, item):
        try:
            return spec.create(self.world.network, ctx, item)
        except TypeError as exc:
            raise errors.BadRequest("Unrecognized attribute(s): %s" % exc)

    def _bulk_create(self, coll, ctx, items):
        """Neutron's bulk create (a list of bare attribute dicts under
        the plural key, e.g. ``{"security_group_rules": [{...}]}``): all or
        nothing -- what was made is removed again when one item fails."""
        spec = SPECS[coll]
        made = []
        try:
            for entry in items:
                if not isinstance(entry, dict):
                    raise errors.BadRequest(
                        "Resource body required for %s" % spec.singular)
                made.append(self._create_one(spec, ctx, dict(entry)))
        except errors.WorldError:
            for rec in reversed(made):
                spec.delete(self.world.network, ctx, rec["id"])
            raise
        return made

    def updater(self, coll):
        def handler(req, ctx, rid):
            spec = SPECS[coll]
            self._fetch(coll, ctx, rid)
            item = dict(base.member(base.read_json(req), spec.singular))
            rec = spec.update(self.world.network, ctx, rid, item)
            return 200, {spec.singular: rec}
        return handler

    def deleter(self, coll):
        def handler(req, ctx, rid):
            self._fetch(coll, ctx, rid)
            SPECS[coll].delete(self.world.network, ctx, rid)
        return handler

    def router_interface(self, req, ctx, rid):
        self._fetch("routers", ctx, rid)
        body = base.read_json(req)
        if not body.get("subnet_id") and not body.get("port_id"):
            raise errors.BadRequest("Either subnet_id or port_id must be "
                                    "specified")
        scope = None if ctx["is_admin"] else ctx["project_id"]
        if req.path_info.rstrip("/").endswith("add_router_interface"):
            info = self.world.network.add_router_interface(
                rid, body.get("subnet_id"), body.get("port_id"), scope)
        else:
            info = self.world.network.remove_router_interface(
                rid, body.get("subnet_id"), body.get("port_id"), scope)
        return 200, info

    # -- quotas ----------------------------------------------------------
    def _quota_project(self, ctx, project_id):
        if project_id != ctx["project_id"] and not ctx["is_admin"]:
            raise errors.Forbidden("Non-admin is not authorized to access "
                                   "quotas for another tenant",
                                   neutron_type="AdminRequired")
        return project_id

    def list_quotas(self, req, ctx):
        self.require_admin(ctx)
        with self.world.lock:
            projects = sorted(self.world.network.quotas)
        return 200, {"quotas": [
            dict(self.world.network.get_quota(p), project_id=p,
                 tenant_id=p) for p in projects]}

    def get_quota(self, req, ctx, project_id):
        project_id = self._quota_project(ctx, project_id)
        return 200, {"quota": self.world.network.get_quota(project_id)}

    def quota_details(self, req, ctx, project_id):
        project_id = self._quota_project(ctx, project_id)
        with self.world.lock:
            used = self.world.network.usage_for(project_id)
        quota = self.world.network.get_quota(project_id)
        return 200, {"quota": {k: {"limit": v, "used": used.get(k, 0),
                                   "reserved": 0}
                               for k, v in quota.items()}}

    def set_quota(self, req, ctx, project_id):
        """PUT quotas: `force` and `check_limit` as Neutron takes them;
        with check_limit a limit below the usage is refused."""
        self.require_admin(ctx)
        limits = dict(base.member(base.read_json(req), "quota"))
        limits.pop("force", None)
        check_limit = base.truthy(limits.pop("check_limit", False))
        parsed = {}
        for key, value in limits.items():
            try:
                parsed[key] = int(value)
            except (TypeError, ValueError):
                raise errors.BadRequest("Invalid input for %s. Reason: "
                                        "'%s' is not an integer." %
                                        (key, value))
            if parsed[key] < -1:
                raise errors.BadRequest("Invalid input for %s. Reason: "
                                        "'%s' is too small - must be at "
                                        "least '-1'." % (key, value))
        with self.world.lock:
            used = self.world.network.usage_for(project_id)
            for key, limit in parsed.items():
                if check_limit and limit != -1 and used.get(key, 0) > limit:
                    raise errors.BadRequest(
                        "Quota limit %s for %s must be greater than or "
                        "equal to already used %s" % (limit, key,
                                                      used[key]))
            quota = self.world.network.set_quota(project_id, **parsed)
        return 200, {"quota": quota}


def _extension(alias, name):
    return {"alias": alias, "name": name, "description": name,
            "updated": "2023-01-01T00:00:00-00:00", "links": []}


def _text(value):
    if isinstance(value, bool):
        return str(value).lower()
    return "" if value is None else str(value)


def _matches(rec, params):
    for key in set(params) - set(NOT_FILTERS):
        wanted = [v.lower() if v in ("True", "False") else v
                  for v in params.getall(key)]
        if key == "fixed_ips":
            pairs = [w.split("=", 1) for w in wanted if "=" in w]
            if not all(any(ip.get(k) == v for ip in rec["fixed_ips"])
                       for k, v in pairs):
                return False
        elif key in rec and _text(rec[key]) not in wanted:
            return False
    return True


def _fields(rec, req):
    fields = req.GET.getall("fields")
    if not fields:
        return rec
    return {k: v for k, v in rec.items() if k in fields}


def _paginate(req, rows):
    key = req.GET.get("sort_key", "id")
    rows = sorted(rows, key=lambda r: (_text(r.get(key)), r["id"]),
                  reverse=req.GET.get("sort_dir") == "desc")
    marker = req.GET.get("marker")
    if marker:
        ids = [r["id"] for r in rows]
        rows = rows[ids.index(marker) + 1:] if marker in ids else []
    links = []
    if req.GET.get("limit"):
        limit = int(req.GET["limit"])
        if limit and len(rows) > limit:
            links.append({"rel": "next", "href": "%s%s?limit=%d&marker=%s"
                          % (req.application_url, req.path_info, limit,
                             rows[limit - 1]["id"])})
            rows = rows[:limit]
    return rows, links


def make_app(world):
    return NetworkApp(world)
