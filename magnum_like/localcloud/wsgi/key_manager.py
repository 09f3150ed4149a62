"""Barbican (key-manager API v1) over HTTP, mounted at ``/key-manager``.

Version discovery at ``/`` (300, unauthenticated) and ``/v1``, with
Barbican's microversions 1.0 and 1.1 (``OpenStack-API-Version:
key-manager 1.1``); secrets (store, metadata, payload by Accept type,
two-step PUT of a payload, delete, list) and containers (generic, rsa,
certificate: create, get, delete, list). References are URLs below the
cloud's base URL, as a Barbican with ``host_href`` set answers.

Access follows Barbican's default policy: the caller needs the member
(or admin) role on the project of its token, and reaches only that
project's secrets and containers. An unknown id is 404, another
project's is 403. Errors carry Barbican's body ``{"code", "title",
"description"}``.
"""

import json
import re

import webob

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world import key_manager
from magnum_like.localcloud.wsgi import base
from magnum_like.localcloud.wsgi import key_manager_validation as valid

MICROVERSIONS = ("1.0", "1.1")
VERSION_HEADER = "OpenStack-API-Version"
ENV_VERSION = "key-manager.microversion"
PAGE_DEFAULT = 10
PAGE_MAX = 100
JSON_ACCEPTS = ("application/json", "*/*")


class KeyManagerApp(base.JsonApp):
    service = "key-manager"

    def setup_routes(self):
        self.add("GET", "/", self.versions, auth=False)
        self.add("GET", "/v1", self.version_v1)
        self.add("GET", "/v1/secrets", self.list_secrets)
        self.add("POST", "/v1/secrets", self.create_secret)
        self.add("GET", "/v1/secrets/{secret_id}", self.get_secret)
        self.add("PUT", "/v1/secrets/{secret_id}", self.put_payload)
        self.add("DELETE", "/v1/secrets/{secret_id}", self.delete_secret)
        self.add("GET", "/v1/secrets/{secret_id}/payload", self.get_payload)
        self.add("GET", "/v1/containers", self.list_containers)
        self.add("POST", "/v1/containers", self.create_container)
        self.add("GET", "/v1/containers/{container_id}", self.get_container)
        self.add("DELETE", "/v1/containers/{container_id}",
                 self.delete_container)

    # -- microversions -----------------------------------------------------
    def before(self, req, ctx):
        req.environ[ENV_VERSION] = _microversion(
            req.headers.get(VERSION_HEADER))

    def after(self, req, resp, request_id):
        version = req.environ.get(ENV_VERSION)
        if version:
            resp.headers[VERSION_HEADER] = "key-manager " + version
            resp.headers["Vary"] = VERSION_HEADER

    # -- references --------------------------------------------------------
    def root(self, req):
        if self.world.base_url:
            return self.world.base_url + "/key-manager"
        return req.application_url

    def href(self, req, collection, item_id=None):
        url = "%s/v1/%s" % (self.root(req), collection)
        return url + "/" + item_id if item_id else url

    # -- versions ----------------------------------------------------------
    def _v1(self, req, stable):
        info = {"id": "v1", "status": "CURRENT",
                "min_version": MICROVERSIONS[0],
                "max_version": MICROVERSIONS[-1],
                "links": [{"rel": "self", "href": self.root(req) + "/v1/"},
                          {"rel": "describedby", "type": "text/html",
                           "href": "https://docs.openstack.org/"}]}
        if stable:
            del info["min_version"], info["max_version"]
            info["status"] = "stable"
            info["media-types"] = [{
                "base": "application/json",
                "type": "application/vnd.openstack.key-manager-v1+json"}]
        return info

    def versions(self, req, ctx):
        if req.environ[ENV_VERSION] == MICROVERSIONS[0]:
            return 300, {"versions": {"values": [self._v1(req, True)]}}
        return 300, {"versions": [self._v1(req, False)]}

    def version_v1(self, req, ctx):
        stable = req.environ[ENV_VERSION] == MICROVERSIONS[0]
        return 200, {"version": self._v1(req, stable)}

    # -- policy ------------------------------------------------------------
    @staticmethod
    def project(ctx):
        # "" matches no record: an unscoped token owns nothing.
        return ctx["project_id"] or ""

    @staticmethod
    def authorize(ctx, operation):
        if not ctx["project_id"] or not {"member", "admin"} & set(
                ctx["roles"]):
            raise errors.Forbidden(key_manager.NOT_ALLOWED % operation)

    # -- secrets -----------------------------------------------------------
    def secret_view(self, req, rec):
        view = {"secret_ref": self.href(req, "secrets", rec["id"]),
                "name": rec["name"], "secret_type": rec["secret_type"],
                "algorithm": rec["algorithm"],
                "bit_length": rec["bit_length"], "mode": rec["mode"],
                "expiration": _time(rec["expiration"]),
                "creator_id": rec["creator_id"], "consumers": [],
                "status": rec["status"], "created": _time(rec["created"]),
                "updated": _time(rec["updated"])}
        if rec["content_type"]:
            view["content_types"] = {"default": rec["content_type"]}
        return view

    def _secret(self, ctx, secret_id, operation):
        rec = self.world.key_manager.get_secret(
            secret_id, self.project(ctx), operation)
        self.authorize(ctx, operation)
        return rec

    def create_secret(self, req, ctx):
        self.authorize(ctx, "Secret creation")
        _require_content_type(req, ["application/json"])
        spec = valid.new_secret(_load_body(req))
        rec = self.world.key_manager.create_secret(
            self.project(ctx), ctx["user_id"], **spec)
        url = self.href(req, "secrets", rec["id"])
        return 201, {"secret_ref": url}, {"Location": url}

    def get_secret(self, req, ctx, secret_id):
        accept = req.headers.get("Accept")
        rec = self._secret(ctx, secret_id, "Secret retrieval")
        if not accept or accept in JSON_ACCEPTS:
            return 200, self.secret_view(req, rec)
        # Barbican's deprecated way of reading a payload.
        return _payload(req, rec, "Secret retrieval")

    def get_payload(self, req, ctx, secret_id):
        operation = "Secret payload retrieval"
        return _payload(req, self._secret(ctx, secret_id, operation),
                        operation)

    def put_payload(self, req, ctx, secret_id):
        operation = "Secret update"
        rec = self._secret(ctx, secret_id, operation)
        _require_content_type(req, ["application/octet-stream",
                                    "text/plain"])
        if not req.body:
            raise errors.BadRequest("%s issue seen - No information "
                                    "provided to process.." % operation)
        if len(req.body) > valid.MAX_SECRET_BYTES:
            raise base.HTTPError(413, valid.TOO_LARGE)
        if rec["payload"] is not None:
            raise errors.Conflict("Secret already has data, cannot modify "
                                  "it.")
        content_type = req.headers["Content-Type"]
        self.world.key_manager.set_payload(
            secret_id, self.project(ctx), valid.decode_payload(
                req.body, content_type,
                req.headers.get("Content-Encoding")),
            valid.normalize_content_type(content_type))

    def delete_secret(self, req, ctx, secret_id):
        self._secret(ctx, secret_id, "Secret deletion")
        self.world.key_manager.delete_secret(secret_id, self.project(ctx))

    def list_secrets(self, req, ctx):
        self.authorize(ctx, "Secret(s) retrieval")
        params = req.GET
        offset, limit = _paging(params)
        try:
            bits = int(params.get("bits", 0))
        except ValueError:
            bits = 0
        rows, total = self.world.key_manager.list_secrets(
            self.project(ctx), offset, limit, name=params.get("name"),
            algorithm=params.get("alg"), mode=params.get("mode"), bits=bits,
            secret_type=params.get("secret_type"))
        return 200, self._listing(req, "secrets", [
            self.secret_view(req, r) for r in rows], offset, limit, total)

    # -- containers ----------------------------------------------------------
    def container_view(self, req, rec):
        return {"container_ref": self.href(req, "containers", rec["id"]),
                "name": rec["name"], "type": rec["type"],
                "creator_id": rec["creator_id"], "consumers": [],
                "status": rec["status"], "created": _time(rec["created"]),
                "updated": _time(rec["updated"]),
                "secret_refs": [
                    {"name": ref["name"],
                     "secret_ref": self.href(req, "secrets",
                                             ref["secret_id"])}
                    for ref in rec["secret_refs"]]}

    def _container(self, ctx, container_id, operation):
        rec = self.world.key_manager.get_container(
            container_id, self.project(ctx), operation)
        self.authorize(ctx, operation)
        return rec

    def create_container(self, req, ctx):
        self.authorize(ctx, "Container creation")
        _require_content_type(req, ["application/json"])
        spec = valid.new_container(_load_body(req),
                                   self.href(req, "secrets"))
        rec = self.world.key_manager.create_container(
            self.project(ctx), ctx["user_id"], **spec)
        url = self.href(req, "containers", rec["id"])
        return 201, {"container_ref": url}, {"Location": url}

    def get_container(self, req, ctx, container_id):
        return 200, self.container_view(req, self._container(
            ctx, container_id, "Container retrieval"))

    def delete_container(self, req, ctx, container_id):
        self._container(ctx, container_id, "Container deletion")
        self.world.key_manager.delete_container(container_id,
                                                self.project(ctx))

    def list_containers(self, req, ctx):
        self.authorize(ctx, "Containers(s) retrieval")
        offset, limit = _paging(req.GET)
        rows, total = self.world.key_manager.list_containers(
            self.project(ctx), offset, limit, name=req.GET.get("name"),
            container_type=req.GET.get("type"))
        return 200, self._listing(req, "containers", [
            self.container_view(req, r) for r in rows], offset, limit,
            total)

    def _listing(self, req, collection, views, offset, limit, total):
        body = {collection: views, "total": total}
        if not views:
            return body
        nav = self.href(req, collection) + "?limit=%d&offset=%d"
        if offset > 0:
            body["previous"] = nav % (limit, max(0, offset - limit))
        if total > offset + limit:
            body["next"] = nav % (limit, offset + limit)
        return body


def _microversion(header):
    """The requested microversion (1.0 without the header); 400 for a
    malformed one, 406 for one this API does not serve."""
    wanted = None
    for item in (header or "").split(","):
        parts = item.strip().split()
        if len(parts) == 2 and parts[0].lower() == "key-manager":
            wanted = parts[1]
    if wanted is None:
        return MICROVERSIONS[0]
    if wanted.lower() == "latest":
        return MICROVERSIONS[-1]
    if not re.match(r"^\d+\.\d+$", wanted):
        raise errors.BadRequest("Invalid microversion: invalid version "
                                "string: %s" % wanted)
    normalized = "%d.%d" % tuple(int(p) for p in wanted.split("."))
    if normalized not in MICROVERSIONS:
        raise base.HTTPError(406, "Invalid microversion: Unacceptable "
                                  "version header: %s" % wanted)
    return normalized


def _require_content_type(req, allowed):
    if req.content_type not in allowed:
        raise base.HTTPError(415, "Unexpected content type. Expected "
                                  "content types are: %r" % (allowed,))


def _load_body(req):
    try:
        body = json.loads(req.body)
    except ValueError:
        raise errors.BadRequest("Malformed JSON")
    return valid.strip_whitespace(body)


def _paging(params):
    try:
        offset = max(int(params.get("offset", 0)), 0)
    except ValueError:
        offset = 0
    try:
        limit = min(max(int(params.get("limit", PAGE_DEFAULT)), 1),
                    PAGE_MAX)
    except ValueError:
        limit = PAGE_DEFAULT
    return offset, limit


def _time(when):
    return when.isoformat() if when else None


def _payload(req, rec, operation):
    """The payload in the type the Accept header asks for (Barbican's
    default: application/octet-stream)."""
    accept = req.headers.get("Accept") or "application/octet-stream"
    if not valid.is_supported(accept):
        raise base.HTTPError(406, "%s issue seen - Secret Accept of '%s' "
                                  "not supported." % (operation, accept))
    if rec["payload"] is None:
        raise errors.NotFound("%s issue seen - %s." % (
            operation, key_manager.NOT_FOUND.rstrip(".") % "secret"))
    data = rec["payload"]
    if valid.normalize_content_type(accept) == "text/plain":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            raise base.HTTPError(406, "%s issue seen - Secret Accept of "
                                      "'%s' not supported." % (
                                          operation, accept))
    resp = webob.Response(status=200, body=data)
    resp.headers["Content-Type"] = accept
    return resp


def make_app(world):
    return KeyManagerApp(world)
