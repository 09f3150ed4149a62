"""Cinder emulation: ``world.volume`` (volumes, volume types and their
attachments); served over HTTP by ``wsgi/volume.py``."""

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked


class Volume(base.Service):
    """Volumes and their attachments to servers."""

    def reset(self):
        self.volumes = {}
        self.quotas = {}     # project id -> {key: limit} (os-quota-sets)
        # Cinder's own default type and devstack's LVM backend type; the
        # latter is the default (``default_volume_type``).
        self.types = {}
        for name, desc in (("lvmdriver-1", "LVM backend"),
                           ("__DEFAULT__", "Default Volume Type")):
            rec = {"id": base.new_id(), "name": name, "description": desc,
                   "is_public": True, "extra_specs": {},
                   "os-volume-type-access:is_public": True,
                   "qos_specs_id": None}
            self.types[rec["id"]] = rec

    @locked
    def list_types(self):
        return sorted(self.types.values(), key=lambda t: t["name"])

    @locked
    def default_type(self):
        return self._type("lvmdriver-1")

    def _type(self, name_or_id):
        for rec in self.types.values():
            if name_or_id in (rec["id"], rec["name"]):
                return rec
        raise errors.NotFound("Volume type with name %s could not be "
                              "found." % name_or_id)

    @locked
    def find_type(self, name_or_id):
        return self._type(name_or_id)

    @locked
    def create_volume(self, project_id, size, name=None, volume_type=None,
                      image_id=None, metadata=None, description=None,
                      availability_zone="nova", user_id=None):
        """Create an ``available`` volume of ``size`` GiB."""
        try:
            size = int(size)
        except (TypeError, ValueError):
            size = 0
        if size < 1:
            raise errors.BadRequest("Invalid input received: 'size' must be "
                                    "a positive integer.")
        rec = {"id": base.new_id(), "name": name, "size": size,
               "status": "available", "attachments": [],
               "volume_type": volume_type or "lvmdriver-1",
               "bootable": "true" if image_id else "false",
               "image_id": image_id, "metadata": dict(metadata or {}),
               "description": description,
               "availability_zone": availability_zone,
               "project_id": project_id, "user_id": user_id,
               "multiattach": False, "encrypted": False,
               "created_at": base.isotime(), "updated_at": None}
        self.volumes[rec["id"]] = rec
        return rec

    def _volume(self, volume_id, project_id=None):
        rec = self.volumes.get(volume_id)
        if rec is None or project_id not in (None, rec["project_id"]):
            raise errors.NotFound("Volume %s could not be found."
                                  % volume_id)
        return rec

    @locked
    def get_volume(self, volume_id, project_id=None):
        return self._volume(volume_id, project_id)

    @locked
    def list_volumes(self, project_id=None):
        return [v for v in self.volumes.values()
                if project_id in (None, v["project_id"])]

    @locked
    def attach(self, volume_id, server_id, device=None, project_id=None):
        """Attach to a server; returns the attachment dict
        ``{"id", "server_id", "volume_id", "device", "attachment_id"}``.
        """
        rec = self._volume(volume_id, project_id)
        self.world.compute._server(server_id, project_id)
        if rec["status"] != "available":
            raise errors.BadRequest(
                "Invalid volume: volume %s status must be available, but "
                "current status is: %s." % (volume_id, rec["status"]))
        letter = "bcdefghijklmnop"[len(self.volumes_of(server_id)) % 15]
        attachment_id = base.new_id()
        attachment = {"id": volume_id, "attachment_id": attachment_id,
                      "server_id": server_id, "volume_id": volume_id,
                      "device": device or "/dev/vd%s" % letter,
                      "host_name": None,
                      "attached_at": base.isotime()}
        rec["attachments"].append(attachment)
        rec["status"] = "in-use"
        return attachment

    @locked
    def detach(self, volume_id, server_id=None, attachment_id=None,
               project_id=None):
        """Detach from a server (or by attachment id)."""
        rec = self._volume(volume_id, project_id)
        kept = [a for a in rec["attachments"]
                if not (a["server_id"] == server_id
                        or a["attachment_id"] == attachment_id)]
        if len(kept) == len(rec["attachments"]):
            raise errors.NotFound("Volume %s is not attached to %s."
                                  % (volume_id, server_id or attachment_id))
        rec["attachments"] = kept
        rec["status"] = "in-use" if kept else "available"

    def detach_all(self, server_id):
        """Detach every volume of a deleted server (world-internal)."""
        for rec in self.volumes.values():
            kept = [a for a in rec["attachments"]
                    if a["server_id"] != server_id]
            if len(kept) != len(rec["attachments"]):
                rec["attachments"] = kept
                rec["status"] = "in-use" if kept else "available"

    def volumes_of(self, server_id):
        return sorted(v["id"] for v in self.volumes.values()
                      if any(a["server_id"] == server_id
                             for a in v["attachments"]))

    @locked
    def delete_volume(self, volume_id, project_id=None):
        """Delete; 409-like Conflict (Cinder answers 400) while in use."""
        rec = self._volume(volume_id, project_id)
        if rec["attachments"]:
            raise errors.BadRequest(
                "Invalid volume: Volume status must be available or error "
                "or error_restoring or error_extending or error_managing "
                "and must not be migrating, attached, belong to a group, "
                "have snapshots or be disassociated from snapshots after "
                "volume transfer.")
        del self.volumes[volume_id]

    def summary_for(self, project_id):
        return {"volumes": sum(1 for v in self.volumes.values()
                               if v["project_id"] == project_id)}
