"""Nova servers: list/detail with filters, show, create, update, delete."""

import base64
import re

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.wsgi import base

V = "/v2.1"
ADMIN_ONLY = ("OS-EXT-SRV-ATTR:host", "OS-EXT-SRV-ATTR:hypervisor_hostname",
              "OS-EXT-SRV-ATTR:instance_name", "OS-EXT-SRV-ATTR:user_data")
# (attribute, first microversion showing it)
SINCE = (("locked", (2, 9)), ("description", (2, 19)), ("tags", (2, 26)),
         ("locked_reason", (2, 73)), ("OS-EXT-SRV-ATTR:user_data", (2, 3)))


class ServerRoutes:
    """Servers as seen by novaclient, openstacksdk and the CLI."""

    def _server_routes(self):
        self.add("GET", V + "/servers", self.list_servers)
        self.add("GET", V + "/servers/detail", self.list_servers_detail)
        self.add("POST", V + "/servers", self.create_server)
        self.add("GET", V + "/servers/{server_id}", self.get_server)
        self.add("PUT", V + "/servers/{server_id}", self.update_server)
        self.add("DELETE", V + "/servers/{server_id}", self.delete_server)

    def _server_view(self, req, ctx, server):
        mv = self.mv(req)
        view = dict(server)
        for key, since in SINCE:
            if mv < since:
                view.pop(key, None)
        if not ctx["is_admin"]:
            for key in ADMIN_ONLY:
                view.pop(key, None)
        elif view.get("OS-EXT-SRV-ATTR:user_data"):
            view["OS-EXT-SRV-ATTR:user_data"] = base64.b64encode(
                view["OS-EXT-SRV-ATTR:user_data"].encode()).decode()
        if mv < (2, 47):
            view["flavor"] = {"id": server["flavor"]["id"], "links": [
                self.link(req, "flavors/" + server["flavor"]["id"])[1]]}
        if server["image"]:
            view["image"] = {"id": server["image"]["id"], "links": [
                self.link(req, "images/" + server["image"]["id"])[1]]}
        if server["status"] != "ERROR":
            view.pop("fault", None)
        view["links"] = self.link(req, "servers/" + server["id"])
        return view

    def _filtered(self, req, ctx):
        params = req.GET
        every = ctx["is_admin"] and base.truthy(params.get("all_tenants",
                                                           "0"))
        project = params.get("project_id") or params.get("tenant_id")
        if project and ctx["is_admin"]:
            every = False
        rows = self.world.compute.list_servers(
            project if (project and ctx["is_admin"]) else ctx["project_id"],
            all_tenants=every)
        rows = [s for s in rows if _matches(s, params)]
        rows.sort(key=lambda s: (s["created"], s["id"]), reverse=True)
        marker = params.get("marker")
        if marker:
            ids = [s["id"] for s in rows]
            if marker not in ids:
                raise errors.BadRequest("marker [%s] not found" % marker)
            rows = rows[ids.index(marker) + 1:]
        links = []
        if params.get("limit"):
            limit = int(params["limit"])
            if len(rows) > limit:
                links.append({"rel": "next", "href": "%s%s?limit=%d&marker="
                              "%s" % (req.application_url, req.path_info,
                                      limit, rows[limit - 1]["id"])})
            rows = rows[:limit]
        return rows, links

    def list_servers(self, req, ctx):
        rows, links = self._filtered(req, ctx)
        body = {"servers": [{"id": s["id"], "name": s["name"],
                             "links": self.link(req, "servers/" + s["id"])}
                            for s in rows]}
        if links:
            body["servers_links"] = links
        return 200, body

    def list_servers_detail(self, req, ctx):
        rows, links = self._filtered(req, ctx)
        body = {"servers": [self._server_view(req, ctx, s) for s in rows]}
        if links:
            body["servers_links"] = links
        return 200, body

    def get_server(self, req, ctx, server_id):
        server = self.world.compute.get_server(server_id, ctx["project_id"],
                                               ctx["is_admin"])
        view = self._server_view(req, ctx, server)
        if self.mv(req) >= (2, 71):
            view["server_groups"] = [
                g["id"] for g in self.world.compute.list_server_groups(
                    all_projects=True) if server_id in g["members"]]
        return 200, {"server": view}

    def create_server(self, req, ctx):
        spec = base.member(base.read_json(req), "server")
        for key in ("name", "flavorRef"):
            if not spec.get(key):
                raise errors.BadRequest("Invalid input for field/attribute "
                                        "server. '%s' is a required "
                                        "property" % key)
        networks = spec.get("networks")
        if isinstance(networks, str):
            networks = None
        user_data = spec.get("user_data")
        if user_data:
            user_data = base64.b64decode(user_data).decode(errors="replace")
        server = self.world.compute.create_server(
            ctx["project_id"], ctx["user_id"], spec["name"],
            _ref(spec["flavorRef"]), _ref(spec.get("imageRef")) or None,
            key_name=spec.get("key_name"), networks=networks,
            user_data=user_data, metadata=spec.get("metadata"),
            scheduler_hints=base.read_json(req).get(
                "os:scheduler_hints"),
            block_device_mapping=spec.get("block_device_mapping_v2"),
            security_groups=[g["name"] for g in spec.get(
                "security_groups") or []] or None,
            availability_zone=spec.get("availability_zone"),
            config_drive=bool(spec.get("config_drive")),
            is_admin=ctx["is_admin"])
        body = {"id": server["id"],
                "links": self.link(req, "servers/" + server["id"]),
                "OS-DCF:diskConfig": "MANUAL",
                "security_groups": server["security_groups"],
                "adminPass": "localcloud"}
        return 202, {"server": body}, {
            "Location": self.link(req, "servers/" + server["id"])[0][
                "href"]}

    def update_server(self, req, ctx, server_id):
        spec = base.member(base.read_json(req), "server")
        changes = {k: spec[k] for k in ("name", "description") if k in spec}
        server = self.world.compute.update_server(
            server_id, ctx["project_id"], ctx["is_admin"], **changes)
        return 200, {"server": self._server_view(req, ctx, server)}

    def delete_server(self, req, ctx, server_id):
        self.world.compute.delete_server(server_id, ctx["project_id"],
                                         ctx["is_admin"])


def _ref(value):
    """An id from an id or a link URL."""
    return str(value).rstrip("/").rsplit("/", 1)[-1] if value else value


def _matches(server, params):
    if params.get("name"):
        try:
            if not re.search(params["name"], server["name"]):
                return False
        except re.error:
            return False
    if params.get("status") and server["status"] != params[
            "status"].upper():
        return False
    if params.get("flavor") and server["flavor"]["id"] != params["flavor"]:
        return False
    if params.get("image") and (server["image"] or {}).get(
            "id") != params["image"]:
        return False
    if params.get("user_id") and server["user_id"] != params["user_id"]:
        return False
    if params.get("ip"):
        ips = [a["addr"] for addrs in server["addresses"].values()
               for a in addrs]
        if not any(re.search(params["ip"], ip) for ip in ips):
            return False
    return not params.get("changes-since") or server["updated"] >= params[
        "changes-since"]
