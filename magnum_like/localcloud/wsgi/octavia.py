"""Octavia v2 (minimal) over HTTP, mounted at ``/load-balancer``.

List/show/delete of load balancers, listeners, pools, members and health
monitors, and load balancer creation; under ``/v2/lbaas`` and
``/v2.0/lbaas``.
"""

from magnum_like.localcloud.wsgi import base

COLLECTIONS = {"loadbalancers": "loadbalancer", "listeners": "listener",
               "pools": "pool", "healthmonitors": "healthmonitor"}
NOT_FILTERS = ("fields", "limit", "marker", "sort", "page_reverse",
               "cascade")


class OctaviaApp(base.JsonApp):
    service = "load-balancer"

    def setup_routes(self):
        self.add("GET", "/", self.versions, auth=False)
        for version in ("/v2", "/v2.0"):
            root = version + "/lbaas/"
            self.add("POST", root + "loadbalancers", self.create_lb)
            self.add("GET", root + "loadbalancers/{item_id}/status",
                     self.lb_status)
            for coll, kind in COLLECTIONS.items():
                self.add("GET", root + coll, self.lister(kind))
                self.add("GET", root + coll + "/{item_id}",
                         self.getter(kind))
                self.add("DELETE", root + coll + "/{item_id}",
                         self.deleter(kind))
            self.add("GET", root + "pools/{pool_id}/members",
                     self.list_members)

    def versions(self, req, ctx):
        def doc(vid, status):
            return {"id": vid, "status": status,
                    "updated": "2023-01-01T00:00:00Z",
                    "links": [{"rel": "self", "href": "%s/%s" % (
                        req.application_url, vid)}]}
        return 200, {"versions": [doc("v2.0", "SUPPORTED"),
                                  doc("v2", "CURRENT")]}

    def _scope(self, ctx):
        return {"project_id": ctx["project_id"], "is_admin": ctx["is_admin"]}

    def lister(self, kind):
        def handler(req, ctx):
            rows = self.world.loadbalancer.list(kind, **self._scope(ctx))
            rows = [r for r in rows if _matches(r, req.GET)]
            return 200, {kind + "s": rows, kind + "s_links": []}
        return handler

    def getter(self, kind):
        def handler(req, ctx, item_id):
            return 200, {kind: self.world.loadbalancer.get(
                kind, item_id, **self._scope(ctx))}
        return handler

    def deleter(self, kind):
        def handler(req, ctx, item_id):
            self.world.loadbalancer.delete(
                kind, item_id, cascade=base.truthy(req.GET.get("cascade")),
                **self._scope(ctx))
        return handler

    def list_members(self, req, ctx, pool_id):
        pool = self.world.loadbalancer.get("pool", pool_id,
                                           **self._scope(ctx))
        ids = {m["id"] for m in pool["members"]}
        rows = [m for m in self.world.loadbalancer.list("member")
                if m["id"] in ids]
        return 200, {"members": rows, "members_links": []}

    def create_lb(self, req, ctx):
        spec = base.member(base.read_json(req), "loadbalancer")
        lb = self.world.loadbalancer.create_loadbalancer(
            ctx["project_id"], vip_subnet_id=spec.get("vip_subnet_id"),
            vip_network_id=spec.get("vip_network_id"),
            name=spec.get("name", ""),
            description=spec.get("description", ""),
            vip_address=spec.get("vip_address"),
            provider=spec.get("provider") or "amphora",
            flavor_id=spec.get("flavor_id"))
        return 201, {"loadbalancer": lb}

    def lb_status(self, req, ctx, item_id):
        lb = self.world.loadbalancer.get("loadbalancer", item_id,
                                         **self._scope(ctx))
        return 200, {"statuses": {"loadbalancer": {
            "id": lb["id"], "name": lb["name"],
            "provisioning_status": lb["provisioning_status"],
            "operating_status": lb["operating_status"],
            "listeners": []}}}


def _matches(rec, params):
    for key in set(params) - set(NOT_FILTERS):
        if key in rec and str(rec[key]) not in params.getall(key):
            return False
    return True


def make_app(world):
    return OctaviaApp(world)
