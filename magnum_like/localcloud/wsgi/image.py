"""Glance v2 over HTTP, mounted at ``/image``."""

import copy
import json
import urllib.parse

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.wsgi import base
from magnum_like.localcloud.wsgi import image_schemas

VERSIONS = ("2.16", "2.15", "2.13", "2.12", "2.11", "2.9", "2.7", "2.6",
            "2.5", "2.4", "2.3", "2.2", "2.1", "2.0")
PAGE_DEFAULT = 25
PAGE_MAX = 1000
NOT_FILTERS = ("limit", "marker", "sort", "sort_key", "sort_dir",
               "visibility", "member_status")
PATCH_CONTENT = "application/openstack-images-v2.1-json-patch"


class ImageApp(base.JsonApp):
    """Images with filters, pagination, JSON-patch updates and schemas."""

    service = "image"

    def setup_routes(self):
        self.add("GET", "/", self.versions, auth=False)
        self.add("GET", "/versions", self.versions, auth=False)
        self.add("GET", "/v2", self.version_v2, auth=False)
        self.add("GET", "/v2/schemas/image", self.schema_image, auth=False)
        self.add("GET", "/v2/schemas/images", self.schema_images, auth=False)
        self.add("GET", "/v2/images", self.list_images)
        self.add("POST", "/v2/images", self.create_image)
        self.add("GET", "/v2/images/{image_id}", self.get_image)
        self.add("PATCH", "/v2/images/{image_id}", self.update_image)
        self.add("DELETE", "/v2/images/{image_id}", self.delete_image)
        self.add("PUT", "/v2/images/{image_id}/file", self.upload)
        self.add("GET", "/v2/images/{image_id}/file", self.download)

    def _version_list(self, req):
        return [{"id": "v" + v, "status": "CURRENT" if i == 0
                 else "SUPPORTED",
                 "links": [{"rel": "self",
                            "href": req.application_url + "/v2/"}]}
                for i, v in enumerate(VERSIONS)]

    def versions(self, req, ctx):
        status = 300 if req.path_info in ("", "/") else 200
        return status, {"versions": self._version_list(req)}

    def version_v2(self, req, ctx):
        return 300, {"versions": self._version_list(req)}

    def schema_image(self, req, ctx):
        return 200, copy.deepcopy(image_schemas.IMAGE_SCHEMA)

    def schema_images(self, req, ctx):
        return 200, image_schemas.images_schema()

    # -- images ----------------------------------------------------------
    def list_images(self, req, ctx):
        params = req.GET
        filters = {k: v for k, v in params.items() if k not in NOT_FILTERS}
        if params.get("visibility"):
            filters["visibility"] = params["visibility"]
        rows = self.world.image.list_images(ctx["project_id"],
                                            ctx["is_admin"], filters)
        rows = _sorted(rows, params)
        limit = _limit(params.get("limit"))
        if params.get("marker"):
            ids = [r["id"] for r in rows]
            if params["marker"] not in ids:
                raise errors.BadRequest("marker not found")
            rows = rows[ids.index(params["marker"]) + 1:]
        body = {"images": rows[:limit], "first": "/v2/images",
                "schema": "/v2/schemas/images"}
        if len(rows) > limit:
            query = [(k, v) for k, v in params.items() if k != "marker"]
            query.append(("marker", rows[limit - 1]["id"]))
            body["next"] = "/v2/images?" + urllib.parse.urlencode(query)
        return 200, body

    def get_image(self, req, ctx, image_id):
        return 200, self.world.image.get_image(image_id, ctx["project_id"],
                                               ctx["is_admin"])

    def create_image(self, req, ctx):
        spec = base.read_json(req)
        for key in ("status", "owner", "size", "checksum", "created_at",
                    "updated_at", "self", "file", "schema"):
            if key in spec and not (key == "owner" and ctx["is_admin"]):
                raise errors.Forbidden("Attribute '%s' is read-only." % key)
        if spec.get("visibility") in ("public",) and not ctx["is_admin"]:
            raise errors.Forbidden("You are not authorized to complete "
                                   "publicize_image action.")
        owner = spec.pop("owner", ctx["project_id"])
        rec = self.world.image.create_image(owner, status="queued", **spec)
        return 201, rec, {"Location": "%s/v2/images/%s" % (
            req.application_url, rec["id"])}

    def update_image(self, req, ctx, image_id):
        if req.content_type != PATCH_CONTENT:
            raise base.HTTPError(415, "Unsupported Content-Type")
        try:
            ops = json.loads(req.body)
        except ValueError:
            raise errors.BadRequest("Malformed JSON in request body.")
        if not isinstance(ops, list):
            raise errors.BadRequest("Expected a list of JSON-patch ops.")
        changes = {}
        for op in ops:
            path = str(op.get("path", "")).lstrip("/")
            if op.get("op") in ("add", "replace") and path:
                changes[path] = op.get("value")
            elif op.get("op") == "remove" and path:
                changes[path] = None
            else:
                raise errors.BadRequest("Invalid JSON-patch operation %s"
                                        % op)
        return 200, self.world.image.update_image(
            image_id, ctx["project_id"], ctx["is_admin"], **changes)

    def delete_image(self, req, ctx, image_id):
        self.world.image.delete_image(image_id, ctx["project_id"],
                                      ctx["is_admin"])

    def upload(self, req, ctx, image_id):
        size = len(req.body or b"")
        image = self.world.image
        rec = image.get_image(image_id, ctx["project_id"], ctx["is_admin"])
        if rec["owner"] != ctx["project_id"] and not ctx["is_admin"]:
            raise errors.Forbidden("You are not permitted to upload data "
                                   "for image %s." % image_id)
        with self.world.lock:
            stored = image.images[image_id]
            stored.update(status="active", size=size)

    def download(self, req, ctx, image_id):
        self.world.image.get_image(image_id, ctx["project_id"],
                                   ctx["is_admin"])
        return None


def _limit(value):
    if value is None:
        return PAGE_DEFAULT
    try:
        limit = int(value)
    except ValueError:
        raise errors.BadRequest("limit param must be an integer")
    if limit < 0:
        raise errors.BadRequest("limit param must be positive")
    return min(limit, PAGE_MAX)


def _sorted(rows, params):
    key = params.get("sort_key", "created_at")
    direction = params.get("sort_dir", "desc")
    if params.get("sort"):
        key, _sep, direction = params["sort"].split(",")[0].partition(":")
        direction = direction or "desc"
    if direction not in ("asc", "desc"):
        raise errors.BadRequest("Invalid sort direction: %s" % direction)
    return sorted(rows, key=lambda r: (str(r.get(key) or ""), r["id"]),
                  reverse=direction == "desc")


def make_app(world):
    return ImageApp(world)
