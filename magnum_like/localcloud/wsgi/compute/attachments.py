"""Nova's per-server sub-resources Heat reads and writes: the server's
network interfaces (``os-interface``, list and show) and its volume
attachments (``os-volume_attachments``: list, show, attach, detach)."""

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.wsgi import base

V = "/v2.1/servers/{server_id}"


class AttachmentRoutes:
    def _attachment_routes(self):
        self.add("GET", V + "/os-interface", self.list_interfaces)
        self.add("GET", V + "/os-interface/{port_id}", self.get_interface)
        self.add("GET", V + "/os-volume_attachments", self.list_volumes)
        self.add("POST", V + "/os-volume_attachments", self.attach_volume)
        self.add("GET", V + "/os-volume_attachments/{volume_id}",
                 self.get_volume_attachment)
        self.add("DELETE", V + "/os-volume_attachments/{volume_id}",
                 self.detach_volume)

    def _server_rec(self, ctx, server_id):
        return self.world.compute.get_server(server_id, ctx["project_id"],
                                             ctx["is_admin"])

    def _interfaces(self, ctx, server_id):
        self._server_rec(ctx, server_id)
        ports = self.world.network.list_ports(is_admin=True,
                                              device_id=server_id)
        return [{"port_id": p["id"], "net_id": p["network_id"],
                 "mac_addr": p["mac_address"],
                 "port_state": p.get("status", "ACTIVE"),
                 "fixed_ips": [{"subnet_id": ip["subnet_id"],
                                "ip_address": ip["ip_address"]}
                               for ip in p["fixed_ips"]]} for p in ports]

    def list_interfaces(self, req, ctx, server_id):
        return 200, {"interfaceAttachments": self._interfaces(ctx,
                                                              server_id)}

    def get_interface(self, req, ctx, server_id, port_id):
        for iface in self._interfaces(ctx, server_id):
            if iface["port_id"] == port_id:
                return 200, {"interfaceAttachment": iface}
        raise errors.NotFound("Network interface %s could not be found."
                              % port_id)

    def _attachment(self, server_id, volume):
        for att in volume["attachments"]:
            if att["server_id"] == server_id:
                return {"id": volume["id"], "volumeId": volume["id"],
                        "serverId": server_id, "device": att["device"],
                        "tag": None, "delete_on_termination": False,
                        "attachment_id": att["attachment_id"]}
        return None

    def _attached(self, ctx, server_id):
        server = self._server_rec(ctx, server_id)
        volumes = self.world.volume.list_volumes(server["tenant_id"])
        found = (self._attachment(server_id, v) for v in volumes)
        return [a for a in found if a is not None]

    def list_volumes(self, req, ctx, server_id):
        return 200, {"volumeAttachments": self._attached(ctx, server_id)}

    def get_volume_attachment(self, req, ctx, server_id, volume_id):
        for att in self._attached(ctx, server_id):
            if att["volumeId"] == volume_id:
                return 200, {"volumeAttachment": att}
        raise errors.NotFound("Volume %s is not attached to %s."
                              % (volume_id, server_id))

    def attach_volume(self, req, ctx, server_id):
        spec = base.member(base.read_json(req), "volumeAttachment")
        server = self._server_rec(ctx, server_id)
        if not spec.get("volumeId"):
            raise errors.BadRequest("Invalid input for field/attribute "
                                    "volumeAttachment. 'volumeId' is a "
                                    "required property")
        self.world.volume.attach(spec["volumeId"], server_id,
                                 device=spec.get("device"),
                                 project_id=server["tenant_id"])
        volume = self.world.volume.get_volume(spec["volumeId"])
        return 200, {"volumeAttachment": self._attachment(server_id,
                                                          volume)}

    def detach_volume(self, req, ctx, server_id, volume_id):
        server = self._server_rec(ctx, server_id)
        self.world.volume.detach(volume_id, server_id=server_id,
                                 project_id=server["tenant_id"])
        return 202, None
