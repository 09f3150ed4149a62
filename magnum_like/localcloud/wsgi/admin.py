"""The local cloud's own admin API, mounted at ``/localcloud/admin``.

Every call needs the admin token in ``X-Admin-Token`` (or
``X-Auth-Token``). JSON in, JSON out:

=======  =========================  ======================================
GET      /summary                   counts per project for tests
GET      /faults                    ``{"service": [..], "resource": [..]}``
POST     /faults                    add one (``scope``: service|resource)
POST     /faults/service            add a service fault
POST     /faults/resource           add a resource (Heat) fault
DELETE   /faults[/{id}]             clear all faults or one
GET      /services                  catalog services
POST     /services                  ``{type, name, url, region?}``
DELETE   /services/{type}           unregister an extra service
GET      /settings                  world settings
PATCH    /settings                  update settings
POST     /seed                      load a seed document (dict)
POST     /reset                     back to the seed
POST     /servers/{id}/status       ``{status, fault?}``
PUT      /quotas/{service}/{proj}   compute or network quota limits
GET      /coe                       ``{proxy_url, requests, tunnels}``
GET      /coe/{address}/csr         ``{csr}`` of the API at an address
PUT      /coe/{address}/certificate ``{certificate, ca}`` issued for it
=======  =========================  ======================================
"""

import hmac

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.wsgi import base


class AdminApp(base.JsonApp):
    service = "admin"

    def __init__(self, world, admin_token):
        self.admin_token = admin_token
        super().__init__(world)

    def setup_routes(self):
        for method, path, handler in (
                ("GET", "/summary", self.summary),
                ("GET", "/faults", self.list_faults),
                ("POST", "/faults", self.add_fault),
                ("POST", "/faults/{scope}", self.add_fault),
                ("DELETE", "/faults", self.clear_faults),
                ("DELETE", "/faults/{fault_id}", self.clear_faults),
                ("GET", "/services", self.list_services),
                ("POST", "/services", self.register_service),
                ("DELETE", "/services/{stype}", self.unregister_service),
                ("GET", "/settings", self.get_settings),
                ("PATCH", "/settings", self.update_settings),
                ("POST", "/seed", self.load_seed),
                ("POST", "/reset", self.reset),
                ("POST", "/servers/{server_id}/status", self.server_status),
                ("PUT", "/quotas/{service}/{project}", self.set_quota),
                ("GET", "/coe", self.coe_gateway),
                ("GET", "/coe/{address}/csr", self.coe_csr),
                ("PUT", "/coe/{address}/certificate", self.coe_cert)):
            self.add(method, path, handler, auth=False)

    def before(self, req, ctx):
        token = req.headers.get("X-Admin-Token") or req.headers.get(
            "X-Auth-Token") or ""
        if not hmac.compare_digest(token.encode(),
                                   self.admin_token.encode()):
            raise errors.Unauthorized("A valid X-Admin-Token is required.")
        return None

    def summary(self, req, ctx):
        return 200, self.world.summary()

    def list_faults(self, req, ctx):
        return 200, self.world.faults.list_faults()

    def add_fault(self, req, ctx, scope=None):
        spec = base.read_json(req)
        if scope is not None:
            if scope not in ("service", "resource"):
                raise errors.NotFound("Unknown fault scope %s" % scope)
            spec["scope"] = scope
        try:
            fault = self.world.faults.add(spec)
        except TypeError as exc:
            raise errors.BadRequest("Invalid fault: %s" % exc)
        return 201, {"fault": fault}

    def clear_faults(self, req, ctx, fault_id=None):
        self.world.faults.clear(fault_id)

    def list_services(self, req, ctx):
        return 200, {"services": self.world.identity.list_services(),
                     "endpoints": self.world.identity.list_endpoints()}

    def register_service(self, req, ctx):
        spec = base.read_json(req)
        service = self.world.identity.register_service(
            spec.get("type"), spec.get("name"), spec.get("url"),
            spec.get("region"))
        return 201, {"service": service}

    def unregister_service(self, req, ctx, stype):
        self.world.identity.unregister_service(stype)

    def get_settings(self, req, ctx):
        with self.world.lock:
            return 200, {"settings": dict(self.world.settings)}

    def update_settings(self, req, ctx):
        spec = base.read_json(req)
        with self.world.lock:
            self.world.settings.update(spec.get("settings", spec))
            return 200, {"settings": dict(self.world.settings)}

    def load_seed(self, req, ctx):
        self.world.load_seed(base.read_json(req))
        return 200, self.world.summary()

    def reset(self, req, ctx):
        self.world.reset()
        return 200, self.world.summary()

    def server_status(self, req, ctx, server_id):
        spec = base.read_json(req)
        server = self.world.compute.set_server_status(
            server_id, spec.get("status", "ERROR"), spec.get("fault"))
        return 200, {"server": server}

    def set_quota(self, req, ctx, service, project):
        targets = {"compute": self.world.compute,
                   "network": self.world.network}
        if service not in targets:
            raise errors.NotFound("Unknown quota service %s" % service)
        project_id = self.world.identity.find_project(project)["id"]
        limits = base.read_json(req)
        return 200, {"quota": targets[service].set_quota(project_id,
                                                         **limits)}

    # -- the clusters' APIs (localcloud/coe) ------------------------------
    def _coe_certs(self):
        store = self.world.extensions.get("coe_certs")
        if store is None:
            raise errors.NotFound("This local cloud serves no cluster APIs")
        return store

    def coe_gateway(self, req, ctx):
        self._coe_certs()
        gateway = self.world.extensions.get("coe_gateway")
        if gateway is None:
            return 200, {"proxy_url": None}
        return 200, {"proxy_url": gateway.url, "requests": gateway.requests,
                     "tunnels": gateway.tunnels}

    def coe_csr(self, req, ctx, address):
        return 200, {"csr": self._coe_certs().csr(address)}

    def coe_cert(self, req, ctx, address):
        spec = base.read_json(req)
        if not spec.get("certificate") or not spec.get("ca"):
            raise errors.BadRequest("certificate and ca are required")
        try:
            self._coe_certs().install(address, spec["certificate"],
                                      spec["ca"])
        except KeyError:
            raise errors.NotFound("No CSR was made for %s" % address)
        except ValueError as exc:
            raise errors.BadRequest("Invalid certificate: %s" % exc)
        return 200, {"address": address}


def make_app(world, admin_token):
    return AdminApp(world, admin_token)
