"""A small JSON WSGI application base with routing and token auth."""

import json
import logging
import re
import uuid

import webob

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.wsgi import errors as http_errors

LOG = logging.getLogger(__name__)
HTTPError = http_errors.HTTPError


def json_response(status, body=None, headers=None):
    resp = webob.Response(status=status)
    if body is not None:
        resp.content_type = "application/json"
        resp.charset = None
        resp.body = json.dumps(body).encode()
    else:
        resp.content_type = None
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp


def read_json(req, required=True):
    """The request's JSON body (a dict); 400 when missing or invalid."""
    if not req.body:
        if required:
            raise errors.BadRequest("The request body is missing.")
        return {}
    try:
        body = json.loads(req.body)
    except ValueError:
        raise errors.BadRequest("Malformed request body: invalid JSON.")
    if not isinstance(body, dict):
        raise errors.BadRequest("The request body must be a JSON object.")
    return body


def member(body, key):
    """``body[key]`` as a dict, 400 when missing."""
    value = body.get(key)
    if not isinstance(value, dict):
        raise errors.BadRequest("Missing '%s' in the request body." % key)
    return value


def truthy(value):
    return str(value).lower() in ("1", "true", "yes", "on")


class Route:
    def __init__(self, method, template, handler, auth):
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)",
                         template.rstrip("/"))
        self.regex = re.compile("^" + pattern + "/?$")
        self.method = method
        self.handler = handler
        self.auth = auth


class JsonApp:
    """Routes requests to handlers ``handler(req, ctx, **params)``.

    A handler returns a webob Response, ``(status, body)``,
    ``(status, body, headers)`` or None (204). ``ctx`` is the caller's
    token info from ``world.identity.validate_token`` (with ``token``
    added), or None on routes declared with ``auth=False``.
    """

    service = "generic"
    strip_suffix = None

    def __init__(self, world):
        self.world = world
        self.routes = []
        self.setup_routes()

    def setup_routes(self):
        raise NotImplementedError

    def add(self, method, template, handler, auth=True):
        self.routes.append(Route(method, template, handler, auth))

    def match(self, req):
        path = req.path_info or "/"
        if self.strip_suffix and path.endswith(self.strip_suffix):
            path = path[:-len(self.strip_suffix)]
        allowed = []
        for route in self.routes:
            found = route.regex.match(path)
            if not found:
                continue
            if route.method == req.method or (
                    route.method == "GET" and req.method == "HEAD"):
                return route, found.groupdict()
            allowed.append(route.method)
        if allowed:
            raise HTTPError(405, "The method %s is not allowed for this "
                                 "resource." % req.method)
        raise HTTPError(404, "The resource could not be found.")

    def authenticate(self, req):
        token = req.headers.get("X-Auth-Token")
        info = self.world.identity.check_token(token) if token else None
        if info is None:
            raise errors.Unauthorized(
                "The request you have made requires authentication.")
        info["token"] = token
        return info

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        request_id = "req-" + str(uuid.uuid4())
        try:
            route, params = self.match(req)
            ctx = self.authenticate(req) if route.auth else None
            resp = self.before(req, ctx)
            if resp is None:
                resp = self._to_response(route.handler(req, ctx, **params))
        except errors.WorldError as exc:
            resp = self.error_response(req, exc.code, exc.message,
                                       exc.neutron_type)
        except Exception:
            LOG.exception("Unexpected error in the local %s API",
                          self.service)
            resp = self.error_response(
                req, 500, "An unexpected error prevented the server from "
                          "fulfilling your request.")
        resp.headers["X-Openstack-Request-Id"] = request_id
        self.after(req, resp, request_id)
        return resp(environ, start_response)

    def _to_response(self, result):
        if result is None:
            return json_response(204)
        if isinstance(result, webob.Response):
            return result
        return json_response(*result)

    def before(self, req, ctx):
        """Hook run before the handler; may return a response."""
        return None

    def after(self, req, resp, request_id):
        """Hook to add service-specific headers."""

    def error_response(self, req, code, message, type_name=None):
        content_type, body = http_errors.render_error(
            self.service, code, message, req.headers.get("Accept", ""),
            type_name)
        resp = webob.Response(status=code, body=body)
        resp.headers["Content-Type"] = content_type
        if code == 401:
            resp.headers["WWW-Authenticate"] = 'Keystone uri="%s"' % (
                self.identity_uri(req))
        return resp

    def identity_uri(self, req):
        base = self.world.base_url or req.host_url
        return base + "/identity"

    # -- helpers for handlers ---------------------------------------------
    @staticmethod
    def require_admin(ctx):
        if not ctx["is_admin"]:
            raise errors.Forbidden("Policy doesn't allow this operation to "
                                   "be performed.")
