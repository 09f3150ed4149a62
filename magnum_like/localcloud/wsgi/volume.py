"""Cinder v3 over HTTP, mounted at ``/volume`` (catalog type ``volumev3``).

What Heat's Cinder client plugin and Nova use: version discovery (with
the microversion range cinderclient negotiates), volumes (create, show,
list, list detail, delete), volume types (list, show) and attachments
(the 3.27 attachments API: create, show, list, delete). Volumes attach
to servers through Nova's ``os-volume_attachments`` as well.
"""

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world import volume_quotas
from magnum_like.localcloud.wsgi import base

V = "/v3/{project_id}"
MAX_MICROVERSION = "3.70"


class VolumeApp(base.JsonApp):
    service = "volume"

    def setup_routes(self):
        self.add("GET", "/", self.versions, auth=False)
        self.add("GET", "/v3", self.version, auth=False)
        self.add("POST", V + "/volumes", self.create_volume)
        self.add("GET", V + "/volumes", self.list_volumes)
        self.add("GET", V + "/volumes/detail", self.list_volumes)
        self.add("GET", V + "/volumes/{volume_id}", self.get_volume)
        self.add("DELETE", V + "/volumes/{volume_id}", self.delete_volume)
        self.add("GET", V + "/types", self.list_types)
        self.add("GET", V + "/types/default", self.default_type)
        self.add("GET", V + "/types/{type_id}", self.get_type)
        self.add("POST", V + "/attachments", self.create_attachment)
        self.add("GET", V + "/attachments", self.list_attachments)
        self.add("GET", V + "/attachments/detail", self.list_attachments)
        self.add("GET", V + "/attachments/{attachment_id}",
                 self.get_attachment)
        self.add("DELETE", V + "/attachments/{attachment_id}",
                 self.delete_attachment)
        self.add("GET", V + "/limits", self.limits)
        self.add("GET", V + "/os-quota-sets/{target}/defaults",
                 self.quota_defaults)
        self.add("GET", V + "/os-quota-sets/{target}", self.show_quotas)
        self.add("PUT", V + "/os-quota-sets/{target}", self.update_quotas)

    def _version_doc(self, req):
        return {"id": "v3.0", "status": "CURRENT",
                "version": MAX_MICROVERSION, "min_version": "3.0",
                "updated": "2023-01-01T00:00:00Z",
                "media-types": [{
                    "base": "application/json",
                    "type": "application/vnd.openstack.volume+json;"
                            "version=3"}],
                "links": [{"rel": "self",
                           "href": req.application_url + "/v3/"}]}

    def versions(self, req, ctx):
        return 300, {"versions": [self._version_doc(req)]}

    def version(self, req, ctx):
        return 200, {"version": self._version_doc(req)}

    def after(self, req, resp, request_id):
        resp.headers["OpenStack-API-Version"] = "volume %s" % (
            _requested_version(req))

    @staticmethod
    def _project(ctx, project_id):
        if project_id != ctx["project_id"] and not ctx["is_admin"]:
            raise errors.Forbidden("Policy doesn't allow this operation to "
                                   "be performed.")
        return project_id

    def _quota_target(self, ctx, target):
        # Cinder: a project reads its own quotas, an admin any project's.
        if target != ctx["project_id"] and not ctx["is_admin"]:
            raise errors.Forbidden("Policy doesn't allow "
                                   "volume_extension:quotas:show to be "
                                   "performed.")
        self.world.identity.find_project(target)
        return target

    def limits(self, req, ctx, project_id):
        # From 3.39 an admin may ask for another project's limits.
        target = self._quota_target(
            ctx, req.params.get("project_id") or ctx["project_id"])
        return 200, {"limits": {"rate": [], "absolute":
                                volume_quotas.absolute_limits(
                                    self.world.volume, target)}}

    def quota_defaults(self, req, ctx, project_id, target):
        return 200, {"quota_set": dict(volume_quotas.DEFAULTS, id=target)}

    def show_quotas(self, req, ctx, project_id, target):
        target = self._quota_target(ctx, target)
        usage = req.params.get("usage", "false").lower() in ("1", "true")
        quotas = volume_quotas.show(self.world.volume, target, usage=usage)
        return 200, {"quota_set": dict(quotas, id=target)}

    def update_quotas(self, req, ctx, project_id, target):
        if not ctx["is_admin"]:
            raise errors.Forbidden("Policy doesn't allow "
                                   "volume_extension:quotas:update to be "
                                   "performed.")
        self.world.identity.find_project(target)
        values = base.member(base.read_json(req), "quota_set")
        return 200, {"quota_set": volume_quotas.update(
            self.world.volume, target, values)}

    def _view(self, req, rec):
        out = {k: v for k, v in rec.items()
               if k not in ("project_id", "image_id")}
        out.update({
            "os-vol-tenant-attr:tenant_id": rec["project_id"],
            "snapshot_id": None, "source_volid": None,
            "consistencygroup_id": None, "replication_status": None,
            "links": [{"rel": "self", "href": "%s/v3/%s/volumes/%s" % (
                req.application_url, rec["project_id"], rec["id"])}],
            "attachments": [_attachment_summary(a)
                            for a in rec["attachments"]]})
        if rec.get("image_id"):
            out["volume_image_metadata"] = {"image_id": rec["image_id"]}
        return out

    def create_volume(self, req, ctx, project_id):
        project_id = self._project(ctx, project_id)
        spec = base.member(base.read_json(req), "volume")
        image_id = spec.get("imageRef") or spec.get("image_id")
        if image_id:
            self.world.image.get_image(image_id, ctx["project_id"])
        rec = self.world.volume.create_volume(
            project_id, spec.get("size"), name=spec.get("name"),
            volume_type=self._type_name(spec), image_id=image_id,
            metadata=spec.get("metadata"),
            description=spec.get("description"),
            availability_zone=spec.get("availability_zone") or "nova",
            user_id=ctx["user_id"])
        return 202, {"volume": self._view(req, rec)}

    def _type_name(self, spec):
        """The volume type asked for, checked as Cinder does: absent or
        null means the default type; any other value must name (or be
        the id of) an existing type."""
        if "volume_type" not in spec or spec["volume_type"] is None:
            return self.world.volume.default_type()["name"]
        return self.world.volume.find_type(spec["volume_type"])["name"]

    def get_volume(self, req, ctx, project_id, volume_id):
        self._project(ctx, project_id)
        rec = self.world.volume.get_volume(volume_id, project_id)
        return 200, {"volume": self._view(req, rec)}

    def list_volumes(self, req, ctx, project_id):
        self._project(ctx, project_id)
        rows = self.world.volume.list_volumes(project_id)
        name = req.GET.get("name")
        rows = [r for r in rows if name in (None, r["name"])]
        return 200, {"volumes": [self._view(req, r) for r in rows]}

    def delete_volume(self, req, ctx, project_id, volume_id):
        self._project(ctx, project_id)
        self.world.volume.delete_volume(volume_id, project_id)
        return 202, None

    def list_types(self, req, ctx, project_id):
        return 200, {"volume_types": self.world.volume.list_types()}

    def default_type(self, req, ctx, project_id):
        return 200, {"volume_type": self.world.volume.default_type()}

    def get_type(self, req, ctx, project_id, type_id):
        return 200, {"volume_type": self.world.volume.find_type(type_id)}

    def create_attachment(self, req, ctx, project_id):
        self._project(ctx, project_id)
        spec = base.member(base.read_json(req), "attachment")
        attachment = self.world.volume.attach(
            spec.get("volume_uuid"), spec.get("instance_uuid"),
            project_id=project_id)
        return 200, {"attachment": _attachment_view(attachment)}

    def list_attachments(self, req, ctx, project_id):
        self._project(ctx, project_id)
        rows = [a for v in self.world.volume.list_volumes(project_id)
                for a in v["attachments"]]
        return 200, {"attachments": [_attachment_view(a) for a in rows]}

    def _find_attachment(self, project_id, attachment_id):
        for vol in self.world.volume.list_volumes(project_id):
            for att in vol["attachments"]:
                if att["attachment_id"] == attachment_id:
                    return att
        raise errors.NotFound("Volume attachment could not be found with "
                              "filter: attachment_id = %s." % attachment_id)

    def get_attachment(self, req, ctx, project_id, attachment_id):
        self._project(ctx, project_id)
        return 200, {"attachment": _attachment_view(
            self._find_attachment(project_id, attachment_id))}

    def delete_attachment(self, req, ctx, project_id, attachment_id):
        self._project(ctx, project_id)
        att = self._find_attachment(project_id, attachment_id)
        self.world.volume.detach(att["volume_id"],
                                 attachment_id=attachment_id,
                                 project_id=project_id)
        return 200, {"attachments": []}


def _requested_version(req):
    asked = req.headers.get("OpenStack-API-Version", "")
    parts = asked.split()
    if len(parts) == 2 and parts[0] == "volume" and parts[1] != "latest":
        return parts[1]
    return "3.0" if not asked else MAX_MICROVERSION


def _attachment_summary(att):
    return {"id": att["volume_id"], "attachment_id": att["attachment_id"],
            "volume_id": att["volume_id"], "server_id": att["server_id"],
            "host_name": att.get("host_name"), "device": att["device"],
            "attached_at": att["attached_at"]}


def _attachment_view(att):
    return {"id": att["attachment_id"], "status": "attached",
            "instance": att["server_id"], "volume_id": att["volume_id"],
            "attach_mode": "rw", "attached_at": att["attached_at"],
            "detached_at": None, "connection_info": {}}


def make_app(world):
    return VolumeApp(world)
