"""One WSGI app mounting every emulated service under a path prefix.

Layout (devstack-like):

=====================  ==================================================
``/identity``          Keystone v3 (``/identity/v3``)
``/image``             Glance v2
``/compute``           Nova v2.1 (``/compute/v2.1``)
``/network``           Neutron v2.0
``/heat-api``          Heat v1 (``magnum_like.localcloud.heat.api``)
``/load-balancer``     Octavia v2
``/key-manager``       Barbican v1 (``/key-manager/v1``)
``/volume``            Cinder v3 (``/volume/v3/{project_id}``)
``/localcloud/admin``  the test/admin API (admin token)
=====================  ==================================================

Mounting follows the WSGI convention: ``SCRIPT_NAME`` gets the prefix,
``PATH_INFO`` keeps the rest. Every service app is wrapped in the fault
middleware; the admin API is not.
"""

import importlib
import json
import logging
import threading

from magnum_like.localcloud.wsgi import admin
from magnum_like.localcloud.wsgi import compute
from magnum_like.localcloud.wsgi import identity
from magnum_like.localcloud.wsgi import image
from magnum_like.localcloud.wsgi import key_manager
from magnum_like.localcloud.wsgi import network
from magnum_like.localcloud.wsgi import octavia
from magnum_like.localcloud.wsgi import volume
from magnum_like.localcloud.wsgi.faults import FaultMiddleware

LOG = logging.getLogger(__name__)
HEAT_MODULE = "magnum_like.localcloud.heat.api"


class Dispatcher:
    """Routes by path prefix to the service apps."""

    def __init__(self, world, admin_token):
        self.world = world
        self._heat = None
        self._heat_lock = threading.Lock()
        self.mounts = [
            ("/identity", FaultMiddleware(identity.make_app(world), world,
                                          "identity")),
            ("/image", FaultMiddleware(image.make_app(world), world,
                                       "image")),
            ("/compute", FaultMiddleware(compute.make_app(world), world,
                                         "compute")),
            ("/network", FaultMiddleware(network.make_app(world), world,
                                         "network")),
            ("/load-balancer", FaultMiddleware(octavia.make_app(world),
                                               world, "load-balancer")),
            ("/key-manager", FaultMiddleware(key_manager.make_app(world),
                                             world, "key-manager")),
            ("/volume", FaultMiddleware(volume.make_app(world), world,
                                        "volume")),
            ("/heat-api", FaultMiddleware(self._heat_app, world,
                                          "orchestration")),
            ("/localcloud/admin", admin.make_app(world, admin_token)),
        ]
        self._load_heat()

    def _load_heat(self):
        """Build the Heat app once its module exists; None until then."""
        with self._heat_lock:
            if self._heat is None:
                try:
                    module = importlib.import_module(HEAT_MODULE)
                    self._heat = module.make_app(self.world)
                except (ImportError, AttributeError) as exc:
                    LOG.debug("The Heat API is not available: %s", exc)
            return self._heat

    def _heat_app(self, environ, start_response):
        app = self._heat or self._load_heat()
        if app is None:
            body = json.dumps({"code": 501, "title": "Not Implemented",
                               "explanation": "The local Heat engine is "
                                              "not available."}).encode()
            start_response("501 Not Implemented",
                           [("Content-Type", "application/json"),
                            ("Content-Length", str(len(body)))])
            return [body]
        return app(environ, start_response)

    def close(self):
        """Stop the Heat engine's threads if it has any."""
        stop = getattr(self._heat, "stop", None) or getattr(
            self._heat, "close", None)
        if callable(stop):
            stop()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO") or "/"
        captured = {}

        def logging_start_response(status, headers, exc_info=None):
            captured["status"] = status
            return start_response(status, headers, exc_info)

        for prefix, app in self.mounts:
            if path == prefix or path.startswith(prefix + "/"):
                environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME",
                                                     "") + prefix
                environ["PATH_INFO"] = path[len(prefix):]
                result = app(environ, logging_start_response)
                break
        else:
            result = self._root(environ, logging_start_response)
        LOG.debug("%s %s%s?%s -> %s", environ.get("REQUEST_METHOD"),
                  environ.get("SCRIPT_NAME"), environ.get("PATH_INFO"),
                  environ.get("QUERY_STRING", ""), captured.get("status"))
        return result

    def _root(self, environ, start_response):
        if environ.get("PATH_INFO") in ("", "/"):
            status = "200 OK"
            body = {"services": {prefix.strip("/"): prefix
                                 for prefix, _app in self.mounts}}
        else:
            status = "404 Not Found"
            body = {"code": "404 Not Found", "title": "Not Found",
                    "message": "No service is mounted at this path."}
        data = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json"),
                                ("Content-Length", str(len(data)))])
        return [data]
