"""Glance v2 emulation: the ``world.image`` service.

Images are flat dicts in Glance v2's shape: the core attributes plus any
custom property (``os_distro``, ``magnum_driver``...) at the top level.
Visibility follows Glance: ``public`` and ``community`` images are seen by
everyone, ``private`` ones by the owner, ``shared`` ones by the owner and
the accepted members; admins see everything.
"""

import hashlib

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked

VISIBILITIES = ("public", "private", "shared", "community")
READ_ONLY = ("id", "status", "created_at", "updated_at", "checksum", "size",
             "owner_specified", "file", "schema", "self", "virtual_size",
             "os_hash_algo", "os_hash_value", "direct_url", "locations")


class Image(base.Service):
    """Images with properties, visibility and members."""

    def reset(self):
        self.images = {}
        self.members = {}   # image id -> {project id: status}

    def _visible(self, rec, project_id, is_admin=False):
        if is_admin or rec["visibility"] in ("public", "community"):
            return True
        if rec["owner"] == project_id:
            return True
        return rec["visibility"] == "shared" and self.members.get(
            rec["id"], {}).get(project_id) in ("accepted", "pending")

    @locked
    def create_image(self, project_id, name=None, visibility="shared",
                     disk_format="qcow2", container_format="bare",
                     status="active", min_disk=0, min_ram=0,
                     protected=False, tags=None, id=None, size=None,
                     **properties):
        """Create an image owned by ``project_id`` (None for no owner).

        Extra keyword arguments become image properties (``os_distro``).
        Seeded images are ``active`` with fake data; images created
        through the API start ``queued`` as in Glance.
        """
        if visibility not in VISIBILITIES:
            raise errors.BadRequest("Invalid visibility value: %s"
                                    % visibility)
        image_id = id or base.new_id()
        if image_id in self.images:
            raise errors.Conflict("An image with identifier %s already "
                                  "exists" % image_id)
        now = base.isotime()
        active = status == "active"
        rec = {"id": image_id, "name": name, "status": status,
               "visibility": visibility, "owner": project_id,
               "disk_format": disk_format,
               "container_format": container_format,
               "min_disk": min_disk, "min_ram": min_ram,
               "protected": protected, "tags": list(tags or []),
               "size": (size or 1073741824) if active else None,
               "virtual_size": None,
               "checksum": _digest(image_id, "md5") if active else None,
               "os_hash_algo": "sha512" if active else None,
               "os_hash_value": _digest(image_id, "sha512")
               if active else None,
               "os_hidden": False, "created_at": now, "updated_at": now,
               "self": "/v2/images/%s" % image_id,
               "file": "/v2/images/%s/file" % image_id,
               "schema": "/v2/schemas/image"}
        rec.update({k: v for k, v in properties.items() if v is not None})
        self.images[image_id] = rec
        return rec

    def _image(self, image_id, project_id, is_admin=False):
        rec = self.images.get(image_id)
        if rec is None or not self._visible(rec, project_id, is_admin):
            raise errors.NotFound("No image found with ID %s" % image_id)
        return rec

    @locked
    def get_image(self, image_id, project_id=None, is_admin=False):
        """One image visible to the project; raises NotFound."""
        return self._image(image_id, project_id, is_admin)

    @locked
    def find_image(self, project_id, name_or_id, is_admin=False):
        """Image by id or unique name among those the project sees.

        :raises NotFound: no such image
        :raises Conflict: several images carry that name
        """
        return base.find_by_name_or_id(
            self.images, name_or_id, "image",
            lambda r: self._visible(r, project_id, is_admin))

    @locked
    def list_images(self, project_id, is_admin=False, filters=None):
        """Images the project sees, sorted by creation time (newest first).

        ``filters`` may hold any attribute (``name``, ``status``,
        ``owner``, ``os_distro``...) and ``visibility``. Without a
        visibility filter, community images are left out (as Glance does
        unless the caller owns them).
        """
        filters = dict(filters or {})
        vis = filters.pop("visibility", None)
        out = []
        for rec in self.images.values():
            if not self._visible(rec, project_id, is_admin and vis != "all"):
                continue
            if vis in (None, "all"):
                if rec["visibility"] == "community" and (
                        rec["owner"] != project_id) and vis is None:
                    continue
            elif rec["visibility"] != vis:
                continue
            if all(_same(rec.get(k), v) for k, v in filters.items()):
                out.append(rec)
        out.sort(key=lambda r: (r["created_at"], r["id"]), reverse=True)
        return out

    @locked
    def update_image(self, image_id, project_id, is_admin=False, **changes):
        """Set or (value None) remove attributes; owner or admin only."""
        rec = self._image(image_id, project_id, is_admin)
        if rec["owner"] != project_id and not is_admin:
            raise errors.Forbidden("You are not permitted to modify image "
                                   "%s." % image_id)
        for key, value in changes.items():
            if key in READ_ONLY:
                raise errors.Forbidden("Attribute '%s' is read-only." % key)
            if key == "visibility" and value not in VISIBILITIES:
                raise errors.BadRequest("Invalid visibility value: %s"
                                        % value)
            if value is None:
                rec.pop(key, None)
            else:
                rec[key] = value
        rec["updated_at"] = base.isotime()
        return rec

    @locked
    def delete_image(self, image_id, project_id, is_admin=False):
        rec = self._image(image_id, project_id, is_admin)
        if rec["owner"] != project_id and not is_admin:
            raise errors.Forbidden("You are not permitted to delete image "
                                   "%s." % image_id)
        if rec["protected"]:
            raise errors.Forbidden("Image %s is protected and cannot be "
                                   "deleted." % image_id)
        del self.images[image_id]
        self.members.pop(image_id, None)

    @locked
    def add_member(self, image_id, member_project_id, status="accepted"):
        """Share a ``shared`` image with another project."""
        if image_id not in self.images:
            raise errors.NotFound("No image found with ID %s" % image_id)
        self.members.setdefault(image_id, {})[member_project_id] = status

    def summary(self):
        return {"images": len(self.images)}


def _same(value, wanted):
    wanted = str(wanted)
    if wanted.startswith("in:"):
        choices = [c.strip('"') for c in wanted[3:].split(",")]
        return any(_same(value, choice) for choice in choices)
    if isinstance(value, bool):
        return str(value).lower() == str(wanted).lower()
    return str(value) == str(wanted)


def _digest(seed, algo):
    return hashlib.new(algo, seed.encode(), usedforsecurity=False).hexdigest()
