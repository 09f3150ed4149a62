"""The Heat v1 REST API (WSGI), as python-heatclient and Magnum use it.

``make_app(world)`` is mounted by the local cloud's dispatcher at
``/heat-api``; paths are ``/v1/{tenant_id}/...``.  A stack named without
its id answers 302 to ``/stacks/{name}/{id}`` as Heat's ``lookup`` does.
"""

import logging
from urllib import parse

import webob

from magnum_like.localcloud.heat import api_stack
from magnum_like.localcloud.heat import engine as engine_mod
from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import http
from magnum_like.localcloud.heat import listing
from magnum_like.localcloud.heat import serialize

LOG = logging.getLogger(__name__)
_SUBPATHS = ("resources", "events", "template", "outputs", "environment",
             "files")


class HeatApp:
    def __init__(self, world):
        self.world = world
        self.engine = engine_mod.Engine(world)

    def stop(self):
        self.engine.scheduler.stop()

    def __call__(self, environ, start_response):
        req = webob.Request(environ)
        try:
            resp = self.dispatch(req)
        except errors.HeatError as exc:
            resp = http.response(exc.code, exc.to_body())
        except Exception:  # noqa: BLE001 - hide internals as Heat does
            LOG.exception("Unexpected error in the local Heat API")
            resp = http.response(500, errors.InternalError(
                "An unexpected error occurred").to_body())
        return resp(environ, start_response)

    def base(self, req):
        return req.host_url + req.script_name

    def dispatch(self, req):
        parts = [parse.unquote(p) for p in req.path_info.split("/") if p]
        if not parts:
            return http.response(300, {"versions": [{
                "id": "v1.0", "status": "CURRENT",
                "links": [{"rel": "self", "href": self.base(req) + "/v1/"}]
            }]})
        if parts[0] != "v1" or len(parts) < 3:
            raise errors.NotFound("The resource could not be found.")
        auth = self.authenticate(req, parts[1])
        with self.engine.lock:
            return self.route(req, auth, parts[1], parts[2:])

    def authenticate(self, req, tenant):
        token = req.headers.get("X-Auth-Token")
        info = self.world.identity.check_token(token) if token else None
        if info is None:
            raise errors.NotAuthenticated(
                "The request you have made requires authentication.")
        if info["project_id"] != tenant and not info.get("is_admin"):
            raise errors.Forbidden("You are not authorized to use "
                                   "this action.")
        return dict(info, tenant=tenant)

    def route(self, req, auth, tenant, rest):
        head, tail = rest[0], rest[1:]
        method = req.method
        if head == "validate" and not tail and method == "POST":
            return self.validate(req, auth)
        if head == "template_versions" and not tail:
            return http.response(200, listing.template_versions())
        if head == "resource_types" and not tail:
            return http.response(200, {"resource_types": sorted(
                self.engine.registry.types)})
        if head != "stacks":
            raise errors.NotFound("The resource could not be found.")
        if not tail:
            if method == "GET":
                return self.list_stacks(req, auth)
            if method == "POST":
                return self.create(req, auth)
        elif tail == ["preview"] and method == "POST":
            return self.preview(req, auth)
        elif len(tail) == 1 or (len(tail) == 2 and tail[1] in _SUBPATHS):
            return self.lookup(req, auth, tail[0], tail[1:])
        else:
            stack = self.engine.find(auth, tail[1])
            if stack.name != tail[0] and stack.id != tail[0]:
                raise errors.EntityNotFound("Stack", tail[0])
            return self.stack_route(req, auth, stack, tail[2:])
        raise errors.NotFound("The resource could not be found.")

    def lookup(self, req, auth, name, sub):
        stack = self.engine.find(auth, name)
        if stack.deleted and stack.id != name:
            raise errors.EntityNotFound("Stack", name)
        location = serialize.stack_url(self.base(req), stack)
        if sub:
            location += "/" + sub[0]
        if req.query_string:
            location += "?" + req.query_string
        return http.response(302, {}, headers={"Location": location})

    def stack_route(self, req, auth, stack, rest):
        return api_stack.route(self, req, auth, stack, rest)

    # -- collection ------------------------------------------------------
    def list_stacks(self, req, auth):
        stacks = listing.list_stacks(self.engine, auth, req.GET)
        global_tenant = listing.truthy(req.GET.get("global_tenant"))
        base = self.base(req)
        return http.response(200, {"stacks": [
            serialize.stack_summary(base, s, with_project=global_tenant)
            for s in stacks]})

    def create(self, req, auth):
        stack = self.engine.create_stack(auth, http.body(req))
        return http.response(201, {"stack": {
            "id": stack.id, "links": serialize.links(self.base(req),
                                                     stack)}})

    def preview(self, req, auth):
        stack = self.engine.create_stack(auth, http.body(req), preview=True)
        return http.response(200, {"stack": serialize.preview(self.base(req),
                                                      stack)})

    def validate(self, req, auth):
        body = http.body(req)
        request = self.engine.parse_request(body)
        definition = self.engine.definition(
            request, {"OS::stack_id": "None", "OS::stack_name": "None",
                      "OS::project_id": auth["project_id"]},
            structural=True)
        return http.response(200, serialize.validation(definition))


def make_app(world):
    """The Heat v1 WSGI application over ``world``."""
    return HeatApp(world)
