"""WSGI middleware applying injected service faults to one service."""

import logging
import time
import uuid

from magnum_like.localcloud.wsgi import errors as http_errors

LOG = logging.getLogger(__name__)


class FaultMiddleware:
    """Wraps a service app: asks ``world.faults.service_fault`` for each
    request and answers the fault's error, or sleeps its delay first."""

    def __init__(self, app, world, service):
        self.app = app
        self.world = world
        self.service = service

    def __call__(self, environ, start_response):
        fault = self.world.faults.service_fault(
            self.service, environ.get("REQUEST_METHOD", "GET"),
            environ.get("PATH_INFO") or "/")
        if fault is None:
            return self.app(environ, start_response)
        LOG.info("Injecting fault %s into %s %s%s", fault["id"],
                 environ.get("REQUEST_METHOD"), environ.get("SCRIPT_NAME"),
                 environ.get("PATH_INFO"))
        if fault["kind"] == "sleep":
            time.sleep(fault["delay"])
            return self.app(environ, start_response)
        if fault["delay"]:
            time.sleep(fault["delay"])
        code = fault["status"]
        content_type, body = http_errors.render_error(
            self.service, code, fault["message"],
            environ.get("HTTP_ACCEPT", ""))
        status = "%d %s" % (code, http_errors.title_of(code))
        headers = [("Content-Type", content_type),
                   ("Content-Length", str(len(body))),
                   ("X-Openstack-Request-Id", "req-%s" % uuid.uuid4())]
        if code == 503:
            headers.append(("Retry-After", "1"))
        start_response(status, headers)
        return [body]
