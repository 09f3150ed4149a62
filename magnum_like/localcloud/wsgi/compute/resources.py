"""Nova flavors, keypairs, limits, quotas, zones and server groups."""

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.compute import catalogs
from magnum_like.localcloud.wsgi import base

V = "/v2.1"


class ResourceRoutes:
    """Everything in the Nova API but the servers."""

    def _resource_routes(self):
        self.add("GET", V + "/flavors", self.list_flavors)
        self.add("GET", V + "/flavors/detail", self.list_flavors_detail)
        self.add("GET", V + "/flavors/{flavor_id}", self.get_flavor)
        self.add("GET", V + "/flavors/{flavor_id}/os-extra_specs",
                 self.flavor_extra_specs)
        self.add("GET", V + "/os-keypairs", self.list_keypairs)
        self.add("POST", V + "/os-keypairs", self.create_keypair)
        self.add("GET", V + "/os-keypairs/{name}", self.get_keypair)
        self.add("DELETE", V + "/os-keypairs/{name}", self.delete_keypair)
        self.add("GET", V + "/limits", self.limits)
        self.add("GET", V + "/os-quota-sets/{project_id}", self.quota_set)
        self.add("PUT", V + "/os-quota-sets/{project_id}",
                 self.update_quota_set)
        self.add("GET", V + "/os-availability-zone", self.zones)
        self.add("GET", V + "/os-availability-zone/detail", self.zones)
        self.add("GET", V + "/os-server-groups", self.list_groups)
        self.add("POST", V + "/os-server-groups", self.create_group)
        self.add("GET", V + "/os-server-groups/{group_id}", self.get_group)
        self.add("DELETE", V + "/os-server-groups/{group_id}",
                 self.delete_group)

    # -- flavors ---------------------------------------------------------
    def _flavor_view(self, req, flavor, detail):
        mv = self.mv(req)
        view = {"id": flavor["id"], "name": flavor["name"],
                "links": self.link(req, "flavors/" + flavor["id"])}
        if mv >= (2, 55):
            view["description"] = flavor["description"]
        if not detail:
            return view
        for key in ("ram", "vcpus", "disk", "OS-FLV-EXT-DATA:ephemeral",
                    "OS-FLV-DISABLED:disabled", "rxtx_factor",
                    "os-flavor-access:is_public"):
            view[key] = flavor[key]
        view["swap"] = (flavor["swap"] or 0) if mv >= (2, 75) else flavor[
            "swap"]
        if mv >= (2, 61):
            view["extra_specs"] = dict(flavor["extra_specs"])
        return view

    def _flavors(self, req, ctx):
        is_public = True
        if ctx["is_admin"] and "is_public" in req.GET:
            value = req.GET["is_public"].lower()
            is_public = None if value == "none" else base.truthy(value)
        rows = self.world.compute.list_flavors(is_public)
        for key, field in (("minRam", "ram"), ("minDisk", "disk")):
            if req.GET.get(key):
                rows = [f for f in rows if f[field] >= int(req.GET[key])]
        return page(rows, req)

    def list_flavors(self, req, ctx):
        return 200, {"flavors": [self._flavor_view(req, f, False)
                                 for f in self._flavors(req, ctx)]}

    def list_flavors_detail(self, req, ctx):
        return 200, {"flavors": [self._flavor_view(req, f, True)
                                 for f in self._flavors(req, ctx)]}

    def get_flavor(self, req, ctx, flavor_id):
        flavor = self.world.compute.get_flavor(flavor_id)
        return 200, {"flavor": self._flavor_view(req, flavor, True)}

    def flavor_extra_specs(self, req, ctx, flavor_id):
        flavor = self.world.compute.get_flavor(flavor_id)
        return 200, {"extra_specs": flavor["extra_specs"]}

    # -- keypairs --------------------------------------------------------
    def _keypair_user(self, req, ctx):
        user_id = req.GET.get("user_id")
        if user_id and user_id != ctx["user_id"]:
            if not ctx["is_admin"]:
                raise errors.Forbidden("Policy doesn't allow "
                                       "os_compute_api:os-keypairs:index "
                                       "to be performed.")
            return user_id
        return ctx["user_id"]

    def _keypair_view(self, req, key, full):
        keys = ["name", "public_key", "fingerprint"]
        if self.mv(req) >= (2, 2):
            keys.append("type")
        if full:
            keys += ["user_id", "id", "created_at", "deleted",
                     "deleted_at", "updated_at"]
        return {k: key[k] for k in keys}

    def list_keypairs(self, req, ctx):
        rows = self.world.compute.list_keypairs(self._keypair_user(req, ctx))
        if self.mv(req) >= (2, 35):
            rows = page(rows, req, key="name")
        return 200, {"keypairs": [{"keypair": self._keypair_view(
            req, k, False)} for k in rows]}

    def get_keypair(self, req, ctx, name):
        key = self.world.compute.find_keypair(self._keypair_user(req, ctx),
                                              name)
        return 200, {"keypair": self._keypair_view(req, key, True)}

    def create_keypair(self, req, ctx):
        spec = base.member(base.read_json(req), "keypair")
        user_id = ctx["user_id"]
        if spec.get("user_id") and self.mv(req) >= (2, 10):
            if spec["user_id"] != user_id and not ctx["is_admin"]:
                raise errors.Forbidden("Policy doesn't allow creating "
                                       "keypairs for other users.")
            user_id = spec["user_id"]
        if self.mv(req) >= (2, 92) and not spec.get("public_key"):
            raise errors.BadRequest("Invalid input for field/attribute "
                                    "keypair. 'public_key' is a required "
                                    "property")
        key = self.world.compute.create_keypair(
            user_id, spec.get("name"), spec.get("public_key"),
            spec.get("type", "ssh"))
        view = self._keypair_view(req, key, False)
        view["user_id"] = key["user_id"]
        if key.get("private_key"):
            view["private_key"] = key["private_key"]
        return (201 if self.mv(req) >= (2, 2) else 200), {"keypair": view}

    def delete_keypair(self, req, ctx, name):
        self.world.compute.delete_keypair(self._keypair_user(req, ctx), name)
        if self.mv(req) < (2, 2):
            return 202, None
        return None

    # -- limits, quotas, zones -------------------------------------------
    def limits(self, req, ctx):
        project_id = ctx["project_id"]
        if req.GET.get("tenant_id") and ctx["is_admin"]:
            project_id = req.GET["tenant_id"]
        limits = self.world.compute.limits(project_id)
        if self.mv(req) < (2, 36):
            quota = self.world.network.get_quota(project_id)
            limits["absolute"].update(
                maxSecurityGroups=quota["security_group"],
                maxSecurityGroupRules=quota["security_group_rule"],
                maxTotalFloatingIps=quota["floatingip"],
                totalFloatingIpsUsed=0, totalSecurityGroupsUsed=0)
        return 200, {"limits": limits}

    def quota_set(self, req, ctx, project_id):
        if project_id != ctx["project_id"] and not ctx["is_admin"]:
            raise errors.Forbidden("Policy doesn't allow "
                                   "os_compute_api:os-quota-sets:show to "
                                   "be performed.")
        with self.world.lock:
            quota = self.world.compute.quota_for(project_id)
        return 200, {"quota_set": dict(quota, id=project_id)}

    def update_quota_set(self, req, ctx, project_id):
        """PUT os-quota-sets: admin only, for an existing project; the
        body's limits (integers or digit strings, -1 unlimited) and
        `force`, the quota set without id in the answer."""
        if not ctx["is_admin"]:
            raise errors.Forbidden("Policy doesn't allow "
                                   "os_compute_api:os-quota-sets:update to "
                                   "be performed.")
        body = base.read_json(req)
        if set(body) != {"quota_set"} or not isinstance(
                body["quota_set"], dict):
            raise errors.BadRequest(
                "Invalid input for field/attribute quota_set. Value: %s. "
                "'quota_set' is a required property" % (body,))
        limits = dict(body["quota_set"])
        force = base.truthy(limits.pop("force", False))
        allowed = set(quota_keys(self.mv(req)))
        parsed = {}
        for key, value in limits.items():
            if key not in allowed:
                raise errors.BadRequest(
                    "Invalid input for field/attribute quota_set. "
                    "Additional properties are not allowed ('%s' was "
                    "unexpected)" % key)
            parsed[key] = _quota_value(key, value)
        with self.world.lock:
            if project_id not in self.world.identity.projects:
                raise errors.BadRequest("Project ID %s is not a valid "
                                        "project." % project_id)
            quota = self.world.compute.update_quota(project_id, parsed,
                                                    force=force)
        return 200, {"quota_set": quota}

    def zones(self, req, ctx):
        return 200, {"availabilityZoneInfo":
                     self.world.compute.availability_zones()}

    # -- server groups ---------------------------------------------------
    def _group_view(self, req, group):
        view = {"id": group["id"], "name": group["name"],
                "members": group["members"]}
        if self.mv(req) >= (2, 64):
            view.update(policy=group["policy"], rules=group["rules"])
        else:
            view.update(policies=group["policies"], metadata={})
        if self.mv(req) >= (2, 13):
            view.update(project_id=group["project_id"],
                        user_id=group["user_id"])
        return view

    def list_groups(self, req, ctx):
        every = ctx["is_admin"] and base.truthy(req.GET.get("all_projects"))
        rows = self.world.compute.list_server_groups(ctx["project_id"],
                                                     every)
        return 200, {"server_groups": [self._group_view(req, g)
                                       for g in page(rows, req)]}

    def create_group(self, req, ctx):
        spec = base.member(base.read_json(req), "server_group")
        if self.mv(req) >= (2, 64):
            policy = spec.get("policy")
        else:
            policy = (spec.get("policies") or [None])[0]
        group = self.world.compute.create_server_group(
            ctx["project_id"], ctx["user_id"], spec.get("name"), policy,
            spec.get("rules"))
        return 200, {"server_group": self._group_view(req, group)}

    def get_group(self, req, ctx, group_id):
        group = self.world.compute.get_server_group(
            group_id, ctx["project_id"], ctx["is_admin"])
        return 200, {"server_group": self._group_view(req, group)}

    def delete_group(self, req, ctx, group_id):
        self.world.compute.delete_server_group(group_id, ctx["project_id"],
                                               ctx["is_admin"])


def page(rows, req, key="id"):
    """Nova's limit/marker pagination."""
    marker = req.GET.get("marker")
    if marker:
        ids = [str(r[key]) for r in rows]
        if marker not in ids:
            raise errors.BadRequest("marker [%s] not found" % marker)
        rows = rows[ids.index(marker) + 1:]
    if req.GET.get("limit"):
        try:
            rows = rows[:int(req.GET["limit"])]
        except ValueError:
            raise errors.BadRequest("limit param must be an integer")
    return rows


# Nova 2.57 dropped the injected-file quotas from the API.
_INJECTED = ("injected_files", "injected_file_content_bytes",
             "injected_file_path_bytes")


def quota_keys(version):
    """The quota names Nova's API takes at microversion `version`."""
    keys = list(catalogs.DEFAULT_QUOTAS)
    if version >= (2, 57):
        keys = [k for k in keys if k not in _INJECTED]
    return keys


def _quota_value(key, value):
    """An int from a JSON integer or a digit string, -1 or more."""
    text = str(value)
    if isinstance(value, bool) or not text.lstrip("-").isdigit() or \
            int(text) < -1:
        raise errors.BadRequest(
            "Invalid input for field/attribute %s. Value: %s. It must be "
            "an integer of -1 or more." % (key, value))
    return int(text)
