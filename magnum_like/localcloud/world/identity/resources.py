"""Keystone resources: domains, projects, users, roles and assignments."""

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked


def public(record):
    """A copy of ``record`` without the private ``_`` keys."""
    return {k: v for k, v in record.items() if not k.startswith("_")}


class ResourcesMixin:
    """Domains, projects, users, roles and role assignments.

    All methods return Keystone API shaped dicts (without ``links``).
    """

    def _reset_resources(self):
        self.domains = {}
        self.projects = {}
        self.users = {}
        self.roles = {}
        self.implied = {}          # prior role id -> set of implied ids
        self.assignments = []      # {"user_id", "scope", "target", "role_id"}

    # -- domains ---------------------------------------------------------
    @locked
    def create_domain(self, name, description="", enabled=True, id=None):
        if any(d["name"] == name for d in self.domains.values()):
            raise errors.Conflict("Duplicate entry: domain %s" % name)
        rec = {"id": id or base.new_hex_id(), "name": name,
               "description": description, "enabled": enabled,
               "tags": [], "options": {}}
        self.domains[rec["id"]] = rec
        return rec

    def _domain(self, name_or_id):
        return base.find_by_name_or_id(self.domains, name_or_id, "domain")

    @locked
    def find_domain(self, name_or_id):
        """Domain by id or name; raises NotFound."""
        return self._domain(name_or_id)

    @locked
    def list_domains(self, name=None, enabled=None):
        return [d for d in self.domains.values()
                if (name is None or d["name"] == name)
                and (enabled is None or d["enabled"] == enabled)]

    @locked
    def update_domain(self, domain_id, **fields):
        rec = self._domain(domain_id)
        rec.update(_updatable(fields, ("name", "description", "enabled")))
        return rec

    @locked
    def delete_domain(self, domain_id):
        rec = self._domain(domain_id)
        if rec["enabled"]:
            raise errors.Forbidden(
                "Cannot delete a domain that is enabled, please disable it "
                "first.")
        for pid in [p for p, r in self.projects.items()
                    if r["domain_id"] == rec["id"]]:
            self._delete_project(pid)
        for uid in [u for u, r in self.users.items()
                    if r["domain_id"] == rec["id"]]:
            self._delete_user(uid)
        del self.domains[rec["id"]]

    # -- projects --------------------------------------------------------
    @locked
    def create_project(self, name, domain_id="default", description="",
                       enabled=True, id=None, tags=None):
        domain = self._domain(domain_id)
        if any(p["name"] == name and p["domain_id"] == domain["id"]
               for p in self.projects.values()):
            raise errors.Conflict(
                "Conflict occurred attempting to store project - it is not "
                "permitted to have two projects with the same name in the "
                "same domain : %s." % name)
        rec = {"id": id or base.new_hex_id(), "name": name,
               "domain_id": domain["id"], "parent_id": domain["id"],
               "description": description, "enabled": enabled,
               "is_domain": False, "tags": list(tags or []),
               "options": {}}
        self.projects[rec["id"]] = rec
        return rec

    def _project(self, name_or_id, domain_id=None):
        visible = None
        if domain_id is not None:
            did = self._domain(domain_id)["id"]
            visible = (lambda r: r["domain_id"] == did)  # noqa: E731
        return base.find_by_name_or_id(self.projects, name_or_id, "project",
                                       visible)

    @locked
    def find_project(self, name_or_id, domain_id=None):
        """Project by id, or by name (optionally within a domain)."""
        return self._project(name_or_id, domain_id)

    @locked
    def list_projects(self, name=None, domain_id=None, enabled=None):
        return [p for p in self.projects.values()
                if (name is None or p["name"] == name)
                and (domain_id is None or p["domain_id"] == domain_id)
                and (enabled is None or p["enabled"] == enabled)]

    @locked
    def update_project(self, project_id, **fields):
        rec = self._project(project_id)
        rec.update(_updatable(fields,
                              ("name", "description", "enabled", "tags")))
        return rec

    @locked
    def delete_project(self, project_id):
        self._delete_project(self._project(project_id)["id"])

    def _delete_project(self, project_id):
        self.assignments = [a for a in self.assignments
                            if a["target"] != project_id]
        for user in self.users.values():
            if user.get("default_project_id") == project_id:
                user["default_project_id"] = None
        del self.projects[project_id]

    # -- users -----------------------------------------------------------
    @locked
    def create_user(self, name, password=None, domain_id="default",
                    default_project_id=None, enabled=True, email=None,
                    description=None, id=None):
        """Create a user; the password is kept privately, never shown."""
        domain = self._domain(domain_id)
        if any(u["name"] == name and u["domain_id"] == domain["id"]
               for u in self.users.values()):
            raise errors.Conflict(
                "Conflict occurred attempting to store user - Duplicate "
                "entry found with name %s at domain ID %s."
                % (name, domain["id"]))
        rec = {"id": id or base.new_hex_id(), "name": name,
               "domain_id": domain["id"], "enabled": enabled,
               "default_project_id": default_project_id,
               "password_expires_at": None, "options": {},
               "_password": password}
        if email is not None:
            rec["email"] = email
        if description is not None:
            rec["description"] = description
        self.users[rec["id"]] = rec
        return public(rec)

    def _user(self, name_or_id, domain_id=None):
        visible = None
        if domain_id is not None:
            did = self._domain(domain_id)["id"]
            visible = (lambda r: r["domain_id"] == did)  # noqa: E731
        return base.find_by_name_or_id(self.users, name_or_id, "user",
                                       visible)

    @locked
    def find_user(self, name_or_id, domain_id=None):
        """User by id, or by name (optionally within a domain)."""
        return public(self._user(name_or_id, domain_id))

    @locked
    def list_users(self, name=None, domain_id=None, enabled=None):
        return [public(u) for u in self.users.values()
                if (name is None or u["name"] == name)
                and (domain_id is None or u["domain_id"] == domain_id)
                and (enabled is None or u["enabled"] == enabled)]

    @locked
    def update_user(self, user_id, **fields):
        rec = self._user(user_id)
        if "password" in fields:
            rec["_password"] = fields.pop("password")
        rec.update(_updatable(fields, ("name", "enabled", "email",
                                       "description", "default_project_id")))
        return public(rec)

    @locked
    def delete_user(self, user_id):
        """Delete a user with its grants, tokens, trusts and app creds."""
        self._delete_user(self._user(user_id)["id"])

    def _delete_user(self, user_id):
        self.assignments = [a for a in self.assignments
                            if a["user_id"] != user_id]
        self.trusts = {
            k: t for k, t in self.trusts.items()
            if user_id not in (t["trustor_user_id"], t["trustee_user_id"])}
        self.app_creds = {k: a for k, a in self.app_creds.items()
                          if a["user_id"] != user_id}
        self.tokens = {k: t for k, t in self.tokens.items()
                       if t["user_id"] != user_id}
        del self.users[user_id]

    def check_password(self, user_id, password):
        rec = self.users.get(user_id)
        return bool(rec and rec["_password"] is not None
                    and rec["_password"] == password)

    # -- roles -----------------------------------------------------------
    @locked
    def create_role(self, name, id=None, description=None):
        if any(r["name"] == name for r in self.roles.values()):
            raise errors.Conflict("Duplicate entry: role %s" % name)
        rec = {"id": id or base.new_hex_id(), "name": name,
               "domain_id": None, "description": description,
               "options": {}}
        self.roles[rec["id"]] = rec
        return rec

    def _role(self, name_or_id):
        return base.find_by_name_or_id(self.roles, name_or_id, "role")

    @locked
    def find_role(self, name_or_id):
        return self._role(name_or_id)

    @locked
    def list_roles(self, name=None):
        return [r for r in self.roles.values()
                if name is None or r["name"] == name]

    @locked
    def add_implied_role(self, prior, implied):
        """Make role ``prior`` imply role ``implied`` (names or ids)."""
        prior_id, implied_id = self._role(prior)["id"], self._role(
            implied)["id"]
        self.implied.setdefault(prior_id, set()).add(implied_id)

    def expand_roles(self, role_ids):
        """Role ids plus every role they imply, transitively."""
        result, todo = set(), list(role_ids)
        while todo:
            rid = todo.pop()
            if rid in result or rid not in self.roles:
                continue
            result.add(rid)
            todo.extend(self.implied.get(rid, ()))
        return result

    def role_names(self, role_ids):
        return sorted(self.roles[r]["name"] for r in role_ids
                      if r in self.roles)

    # -- assignments -----------------------------------------------------
    def _scope(self, project_id=None, domain_id=None, system=None):
        if project_id is not None:
            return "project", self._project(project_id)["id"]
        if domain_id is not None:
            return "domain", self._domain(domain_id)["id"]
        if system is not None:
            return "system", "all"
        raise errors.BadRequest("A project, domain or system is required.")

    @locked
    def grant_role(self, role, user_id, project_id=None, domain_id=None,
                   system=None):
        """Grant ``role`` (name or id) to a user on a project/domain/system.
        """
        scope, target = self._scope(project_id, domain_id, system)
        entry = {"user_id": self._user(user_id)["id"], "scope": scope,
                 "target": target, "role_id": self._role(role)["id"]}
        if entry not in self.assignments:
            self.assignments.append(entry)

    @locked
    def revoke_role(self, role, user_id, project_id=None, domain_id=None,
                    system=None):
        scope, target = self._scope(project_id, domain_id, system)
        entry = {"user_id": self._user(user_id)["id"], "scope": scope,
                 "target": target, "role_id": self._role(role)["id"]}
        if entry not in self.assignments:
            raise errors.NotFound("Could not find role assignment.")
        self.assignments.remove(entry)

    def direct_role_ids(self, user_id, scope, target):
        return {a["role_id"] for a in self.assignments
                if a["user_id"] == user_id and a["scope"] == scope
                and a["target"] == target}

    @locked
    def user_roles(self, user_id, project_id=None, domain_id=None,
                   system=None, effective=True):
        """Role dicts of a user on a target, implied roles included."""
        scope, target = self._scope(project_id, domain_id, system)
        ids = self.direct_role_ids(user_id, scope, target)
        if effective:
            ids = self.expand_roles(ids)
        return [self.roles[r] for r in sorted(ids)]

    @locked
    def list_role_assignments(self, user_id=None, project_id=None,
                              domain_id=None, role_id=None, effective=False):
        """Assignments in Keystone's ``role_assignments`` shape."""
        out = []
        for a in self.assignments:
            if (user_id and a["user_id"] != user_id
                    or project_id and (a["scope"], a["target"]) != (
                        "project", project_id)
                    or domain_id and (a["scope"], a["target"]) != (
                        "domain", domain_id)):
                continue
            ids = self.expand_roles([a["role_id"]]) if effective else [
                a["role_id"]]
            for rid in sorted(ids):
                if role_id and rid != role_id:
                    continue
                scope = ({"system": {"all": True}} if a["scope"] == "system"
                         else {a["scope"]: {"id": a["target"]}})
                out.append({"role": {"id": rid,
                                     "name": self.roles[rid]["name"]},
                            "user": {"id": a["user_id"]}, "scope": scope})
        return out

    @locked
    def list_user_projects(self, user_id):
        """Projects where the user has at least one role."""
        ids = {a["target"] for a in self.assignments
               if a["user_id"] == user_id and a["scope"] == "project"}
        return [self.projects[p] for p in sorted(ids) if p in self.projects]

    @locked
    def list_user_domains(self, user_id):
        ids = {a["target"] for a in self.assignments
               if a["user_id"] == user_id and a["scope"] == "domain"}
        return [self.domains[d] for d in sorted(ids) if d in self.domains]


def _updatable(fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise errors.BadRequest(
            "Invalid input: additional properties are not allowed (%s)."
            % ", ".join(sorted(unknown)))
    return fields
