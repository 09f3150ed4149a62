"""Keystone v3 domains, projects, users, roles, grants, catalog lists."""

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.wsgi import base

FORBIDDEN = "You are not authorized to perform the requested action."


class ResourceRoutes:
    """CRUD on identity resources with Keystone-like policy checks:
    cloud admins may do anything, domain admins manage users of their
    domain, users may read themselves."""

    def _resource_routes(self):
        for kind in ("domains", "projects", "users"):
            self.add("GET", "/v3/" + kind, getattr(self, "list_" + kind))
            self.add("POST", "/v3/" + kind, self.create_entity(kind))
            self.add("GET", "/v3/%s/{eid}" % kind, self.get_entity(kind))
            self.add("PATCH", "/v3/%s/{eid}" % kind, self.update_entity(kind))
            self.add("DELETE", "/v3/%s/{eid}" % kind,
                     self.delete_entity(kind))
        self.add("GET", "/v3/users/{eid}/projects", self.user_projects)
        self.add("GET", "/v3/roles", self.list_roles)
        self.add("POST", "/v3/roles", self.create_role)
        self.add("GET", "/v3/roles/{eid}", self.get_role)
        self.add("GET", "/v3/role_assignments", self.role_assignments)
        for scope in ("projects", "domains"):
            path = "/v3/%s/{target}/users/{user}/roles" % scope
            self.add("GET", path, self.list_grants(scope))
            for method in ("PUT", "HEAD", "DELETE"):
                self.add(method, path + "/{role}", self.grant(scope))
        self.add("GET", "/v3/services", self.list_services)
        self.add("GET", "/v3/endpoints", self.list_endpoints)
        self.add("GET", "/v3/regions", self.list_regions)

    # -- policy ----------------------------------------------------------
    def _forbid_unless(self, allowed):
        if not allowed:
            raise errors.Forbidden(FORBIDDEN)

    def _domain_admin(self, ctx, domain_id):
        return ctx["domain_id"] == domain_id and "admin" in ctx["roles"]

    def _may_manage(self, ctx, kind, rec):
        """Cloud admins manage everything; an admin scoped to a domain
        manages that domain's users and projects (what Heat's stack
        domain admin does for its stack users)."""
        if ctx["is_admin"]:
            return True
        return kind in ("users", "projects") and self._domain_admin(
            ctx, rec["domain_id"])

    def _may_read(self, ctx, kind, rec):
        if self._may_manage(ctx, kind, rec):
            return True
        if kind == "users":
            return rec["id"] == ctx["user_id"]
        if kind == "projects":
            return rec["id"] == ctx["project_id"]
        return rec["id"] in (ctx["domain_id"], ctx["user_domain_id"],
                             ctx["project_domain_id"])

    def _find(self, kind, eid):
        finder = {"domains": self.world.identity.find_domain,
                  "projects": self.world.identity.find_project,
                  "users": self.world.identity.find_user}[kind]
        return finder(eid)

    # -- listing ---------------------------------------------------------
    def list_domains(self, req, ctx):
        self._forbid_unless(ctx["is_admin"])
        rows = self.world.identity.list_domains(
            name=req.GET.get("name"), enabled=_bool(req.GET.get("enabled")))
        return self.collection(req, "domains", rows)

    def list_projects(self, req, ctx):
        self._forbid_unless(ctx["is_admin"])
        rows = self.world.identity.list_projects(
            name=req.GET.get("name"), domain_id=req.GET.get("domain_id"),
            enabled=_bool(req.GET.get("enabled")))
        return self.collection(req, "projects", rows)

    def list_users(self, req, ctx):
        domain_id = req.GET.get("domain_id")
        if not ctx["is_admin"]:
            domain_id = domain_id or ctx["domain_id"]
            self._forbid_unless(self._domain_admin(ctx, domain_id))
        rows = self.world.identity.list_users(
            name=req.GET.get("name"), domain_id=domain_id,
            enabled=_bool(req.GET.get("enabled")))
        return self.collection(req, "users", rows)

    # -- entity CRUD -----------------------------------------------------
    def create_entity(self, kind):
        singular = kind[:-1]

        def handler(req, ctx):
            spec = dict(base.member(base.read_json(req), singular))
            identity = self.world.identity
            if "name" not in spec:
                raise errors.BadRequest("'name' is a required property")
            if kind == "domains":
                self._forbid_unless(ctx["is_admin"])
                rec = identity.create_domain(**_pick(spec, (
                    "name", "description", "enabled", "id")))
            elif kind == "projects":
                self._in_managed_domain(ctx, kind, spec)
                rec = identity.create_project(**_pick(spec, (
                    "name", "domain_id", "description", "enabled", "tags")))
            else:
                self._in_managed_domain(ctx, kind, spec)
                rec = identity.create_user(**_pick(spec, (
                    "name", "password", "domain_id", "default_project_id",
                    "enabled", "email", "description")))
            return 201, {singular: self.with_links(req, kind, rec)}
        return handler

    def _in_managed_domain(self, ctx, kind, spec):
        """Set the new project's or user's domain (the caller's when not
        given); 403 unless the caller may manage that domain."""
        domain = self.world.identity.find_domain(
            spec.get("domain_id") or ctx["domain_id"] or "default")
        self._forbid_unless(self._may_manage(
            ctx, kind, {"domain_id": domain["id"]}))
        spec["domain_id"] = domain["id"]

    def get_entity(self, kind):
        def handler(req, ctx, eid):
            rec = self._find(kind, eid)
            if rec["id"] != eid:
                raise errors.NotFound("Could not find %s: %s."
                                      % (kind[:-1], eid))
            self._forbid_unless(self._may_read(ctx, kind, rec))
            return 200, {kind[:-1]: self.with_links(req, kind, rec)}
        return handler

    def update_entity(self, kind):
        def handler(req, ctx, eid):
            rec = self._find(kind, eid)
            self._forbid_unless(self._may_manage(ctx, kind, rec))
            spec = dict(base.member(base.read_json(req), kind[:-1]))
            spec.pop("id", None)
            spec.pop("domain_id", None)
            update = getattr(self.world.identity, "update_" + kind[:-1])
            rec = update(rec["id"], **spec)
            return 200, {kind[:-1]: self.with_links(req, kind, rec)}
        return handler

    def delete_entity(self, kind):
        def handler(req, ctx, eid):
            rec = self._find(kind, eid)
            self._forbid_unless(self._may_manage(ctx, kind, rec))
            getattr(self.world.identity, "delete_" + kind[:-1])(rec["id"])
        return handler

    def user_projects(self, req, ctx, eid):
        user = self.world.identity.find_user(eid)
        self._forbid_unless(self._may_read(ctx, "users", user))
        rows = self.world.identity.list_user_projects(user["id"])
        return self.collection(req, "projects", rows)

    # -- roles and grants ------------------------------------------------
    def list_roles(self, req, ctx):
        rows = self.world.identity.list_roles(name=req.GET.get("name"))
        return self.collection(req, "roles", rows)

    def create_role(self, req, ctx):
        self._forbid_unless(ctx["is_admin"])
        spec = base.member(base.read_json(req), "role")
        rec = self.world.identity.create_role(spec.get("name"),
                                              description=spec.get(
                                                  "description"))
        return 201, {"role": self.with_links(req, "roles", rec)}

    def get_role(self, req, ctx, eid):
        rec = self.world.identity.find_role(eid)
        return 200, {"role": self.with_links(req, "roles", rec)}

    def _grant_target(self, ctx, scope, target):
        identity = self.world.identity
        if scope == "projects":
            project = identity.find_project(target)
            allowed = ctx["is_admin"] or self._domain_admin(
                ctx, project["domain_id"])
            key = {"project_id": project["id"]}
        else:
            domain = identity.find_domain(target)
            allowed = ctx["is_admin"] or self._domain_admin(ctx, domain["id"])
            key = {"domain_id": domain["id"]}
        self._forbid_unless(allowed)
        return key

    def list_grants(self, scope):
        def handler(req, ctx, target, user):
            key = self._grant_target(ctx, scope, target)
            rows = self.world.identity.user_roles(user, effective=False,
                                                  **key)
            return self.collection(req, "roles", rows)
        return handler

    def grant(self, scope):
        def handler(req, ctx, target, user, role):
            key = self._grant_target(ctx, scope, target)
            identity = self.world.identity
            user_id = identity.find_user(user)["id"]
            if req.method == "PUT":
                identity.grant_role(role, user_id, **key)
            elif req.method == "DELETE":
                identity.revoke_role(role, user_id, **key)
            elif identity.find_role(role)["id"] not in [
                    r["id"] for r in identity.user_roles(
                        user_id, effective=False, **key)]:
                raise errors.NotFound("Could not find role assignment.")
        return handler

    def role_assignments(self, req, ctx):
        user_id = req.GET.get("user.id")
        self._forbid_unless(ctx["is_admin"] or user_id == ctx["user_id"])
        rows = self.world.identity.list_role_assignments(
            user_id=user_id, project_id=req.GET.get("scope.project.id"),
            domain_id=req.GET.get("scope.domain.id"),
            role_id=req.GET.get("role.id"),
            effective="effective" in req.GET)
        for row in rows:
            if "include_names" in req.GET:
                self._add_names(row)
            else:
                row["role"].pop("name", None)
        return 200, {"role_assignments": rows,
                     "links": self.collection_links(req)}

    def _add_names(self, row):
        identity = self.world.identity

        def named(rec):
            domain = identity.find_domain(rec["domain_id"])
            return {"id": rec["id"], "name": rec["name"],
                    "domain": {"id": domain["id"], "name": domain["name"]}}

        row["user"] = named(identity.find_user(row["user"]["id"]))
        scope = row["scope"]
        if "project" in scope:
            scope["project"] = named(identity.find_project(
                scope["project"]["id"]))
        elif "domain" in scope:
            domain = identity.find_domain(scope["domain"]["id"])
            scope["domain"] = {"id": domain["id"], "name": domain["name"]}

    # -- catalog listings ------------------------------------------------
    def list_services(self, req, ctx):
        rows = self.world.identity.list_services()
        if req.GET.get("type"):
            rows = [r for r in rows if r["type"] == req.GET["type"]]
        return self.collection(req, "services", rows)

    def list_endpoints(self, req, ctx):
        rows = self.world.identity.list_endpoints()
        for key in ("interface", "service_id", "region_id"):
            if req.GET.get(key):
                rows = [r for r in rows if r[key] == req.GET[key]]
        return self.collection(req, "endpoints", rows)

    def list_regions(self, req, ctx):
        region = self.world.settings.get("region_name", "RegionOne")
        rows = [{"id": region, "description": "", "parent_region_id": None}]
        return self.collection(req, "regions", rows)


def _bool(value):
    return None if value is None else base.truthy(value)


def _pick(spec, keys):
    return {k: spec[k] for k in keys if k in spec}
