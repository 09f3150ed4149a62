"""Nova servers and server groups.

Servers are records only: nothing boots. Their ``addresses`` are computed
from the Neutron ports bound to them (and floating IPs on those ports), so
they follow the network state.
"""

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked

GROUP_POLICIES = ("affinity", "anti-affinity", "soft-affinity",
                  "soft-anti-affinity")
HOST = "localcloud-compute-1"
VM_STATES = {"ACTIVE": "active", "BUILD": "building", "ERROR": "error",
             "SHUTOFF": "stopped"}


def vm_state(status):
    """Nova's ``vm_state`` for a server status."""
    return VM_STATES.get(status, status.lower())


class ServersMixin:
    """Servers and server groups."""

    def _reset_servers(self):
        self.servers = {}
        self.server_groups = {}
        self._instance_seq = 0

    # -- servers ---------------------------------------------------------
    @locked
    def create_server(self, project_id, user_id, name, flavor, image=None,
                      key_name=None, networks=None, ports=None,
                      user_data=None, metadata=None, scheduler_hints=None,
                      block_device_mapping=None, security_groups=None,
                      availability_zone=None, config_drive=False,
                      is_admin=False, status="ACTIVE"):
        """Create a server (ACTIVE at once unless ``status`` says else).

        :param flavor: flavor name or id
        :param image: image name or id (may be None when booting from a
            volume through ``block_device_mapping``)
        :param networks: ``[{"uuid"|"network": net, "fixed_ip": ip,
            "subnet": subnet} | {"port": port_id}]``; a port is created
            for each network entry and deleted with the server
        :param ports: shortcut for ``[{"port": id}, ...]``
        :param scheduler_hints: ``{"group": server_group_id}`` adds the
            server to that group
        :returns: the server dict (Nova shape, with ``addresses``)
        :raises BadRequest|NotFound|Forbidden|QuotaExceeded|Conflict:
        """
        flavor_rec = self._server_flavor(flavor)
        bdm = list(block_device_mapping or [])
        image_rec = self._server_image(project_id, image, bdm, flavor_rec,
                                       is_admin)
        if key_name and (user_id, key_name) not in self.keypairs:
            raise errors.BadRequest("Invalid key_name provided.")
        self._check_server_quota(project_id, flavor_rec)
        group = self._hint_group(project_id, scheduler_hints)
        server_id = base.new_id()
        specs = list(networks or []) + [{"port": p} for p in ports or []]
        port_ids = self._server_ports(project_id, server_id, specs,
                                      security_groups)
        self._instance_seq += 1
        now = base.isotime()
        rec = {"id": server_id, "name": name, "status": status,
               "tenant_id": project_id, "user_id": user_id,
               "metadata": dict(metadata or {}), "key_name": key_name,
               "image": {"id": image_rec["id"]} if image_rec else "",
               "created": now, "updated": now, "progress": 0,
               "hostId": base.new_hex_id() + base.new_hex_id()[:24],
               "accessIPv4": "", "accessIPv6": "",
               "config_drive": "True" if config_drive else "",
               "OS-EXT-AZ:availability_zone": availability_zone or "nova",
               "OS-DCF:diskConfig": "MANUAL", "locked": False,
               "locked_reason": None, "description": None, "tags": [],
               "OS-EXT-SRV-ATTR:host": HOST,
               "OS-EXT-SRV-ATTR:hypervisor_hostname": HOST,
               "OS-EXT-SRV-ATTR:instance_name": "instance-%08x"
               % self._instance_seq,
               "OS-EXT-SRV-ATTR:user_data": user_data,
               "OS-SRV-USG:launched_at": now, "OS-SRV-USG:terminated_at":
               None, "_flavor": flavor_rec, "_ports": port_ids,
               "_security_groups": list(security_groups or ["default"]),
               "_bdm": bdm}
        self.servers[server_id] = rec
        if group is not None:
            group["members"].append(server_id)
        return self._server_view(rec)

    def _server_flavor(self, flavor):
        try:
            return dict(self._flavor(flavor))
        except errors.NotFound:
            raise errors.BadRequest("Flavor %s could not be found." % flavor)

    def _server_image(self, project_id, image, bdm, flavor, is_admin):
        boot_volume = any(str(b.get("boot_index", "")) == "0"
                          and b.get("destination_type") == "volume"
                          for b in bdm)
        if not image:
            if not boot_volume:
                raise errors.BadRequest(
                    "Block Device Mapping is Invalid: Boot sequence for the "
                    "instance and image/block device mapping combination "
                    "is not valid.")
            return None
        try:
            rec = self.world.image.find_image(project_id, image, is_admin)
        except errors.NotFound:
            raise errors.BadRequest("Image %s could not be found." % image)
        if rec["status"] != "active":
            raise errors.BadRequest("Image %s is not active." % rec["id"])
        if not boot_volume and flavor["disk"] == 0 and not is_admin:
            raise errors.Forbidden(
                "Only volume-backed servers are allowed for flavors with "
                "zero disk.")
        if not boot_volume and flavor["disk"] and (
                rec.get("min_disk") or 0) > flavor["disk"]:
            raise errors.BadRequest(
                "Flavor's disk is too small for requested image. Flavor "
                "disk is %d GB, minimum disk required is %d GB."
                % (flavor["disk"], rec["min_disk"]))
        return rec

    def _hint_group(self, project_id, hints):
        group_id = (hints or {}).get("group")
        if not group_id:
            return None
        group = self.server_groups.get(group_id)
        if group is None or group["project_id"] != project_id:
            raise errors.BadRequest("Invalid server group %s" % group_id)
        limit = self.quota_for(project_id)["server_group_members"]
        if 0 <= limit <= len(group["members"]):
            raise errors.QuotaExceeded(
                "Quota exceeded, too many servers in group")
        return group

    def _server_ports(self, project_id, server_id, specs, security_groups):
        """Bind or create the server's ports; [(port id, created?)]."""
        net = self.world.network
        if not specs:
            own = [n for n in net.networks.values()
                   if n["project_id"] == project_id
                   and not n["router:external"]]
            if len(own) > 1:
                raise errors.Conflict(
                    "Multiple possible networks found, use a Network ID to "
                    "be more specific.")
            specs = [{"uuid": n["id"]} for n in own]
        result = []
        try:
            for spec in specs:
                result.append(self._bind_port(project_id, server_id, spec,
                                              security_groups))
        except errors.WorldError:
            self._release_ports(result)
            raise
        return result

    def _bind_port(self, project_id, server_id, spec, security_groups):
        net = self.world.network
        if spec.get("port"):
            port = net._port(spec["port"], project_id)
            if port["device_id"]:
                raise errors.Conflict("Port %s is still in use."
                                      % spec["port"])
            port.update(device_id=server_id, device_owner="compute:nova",
                        status="ACTIVE", **{"binding:host_id": HOST,
                                            "binding:vif_type": "ovs"})
            return [port["id"], False]
        try:
            network = net._network(spec.get("uuid") or spec.get("network"),
                                   project_id)
        except errors.NotFound:
            raise errors.BadRequest("Network %s could not be found."
                                    % (spec.get("uuid")
                                       or spec.get("network")))
        fixed = None
        if spec.get("fixed_ip") or spec.get("subnet"):
            fixed = [{k: v for k, v in (
                ("ip_address", spec.get("fixed_ip")),
                ("subnet_id", spec.get("subnet"))) if v}]
        port = net._create_port(
            project_id, network["id"], fixed_ips=fixed, device_id=server_id,
            device_owner="compute:nova", binding_host_id=HOST,
            security_groups=security_groups)
        return [port["id"], True]

    def _release_ports(self, bound):
        net = self.world.network
        for port_id, created in bound:
            if port_id not in net.ports:
                continue
            if created:
                net._delete_port(port_id)
            else:
                net.ports[port_id].update(device_id="", device_owner="",
                                          status="DOWN")

    def _server(self, server_id, project_id=None, is_admin=False):
        rec = self.servers.get(server_id)
        if rec is None or not (project_id is None or is_admin
                               or rec["tenant_id"] == project_id):
            raise errors.NotFound("Instance %s could not be found."
                                  % server_id)
        return rec

    @locked
    def get_server(self, server_id, project_id=None, is_admin=False):
        """Server dict; raises NotFound (also for other projects')."""
        return self._server_view(self._server(server_id, project_id,
                                              is_admin))

    @locked
    def list_servers(self, project_id=None, all_tenants=False, **filters):
        """Servers of a project (all with ``all_tenants``), oldest first,
        filtered by equal ``name``/``status``/... attributes."""
        out = []
        for rec in self.servers.values():
            if not all_tenants and rec["tenant_id"] != project_id:
                continue
            view = self._server_view(rec)
            if all(view.get(k) == v for k, v in filters.items()):
                out.append(view)
        return sorted(out, key=lambda s: (s["created"], s["id"]))

    @locked
    def set_server_status(self, server_id, status, fault=None):
        """Force a status (``BUILD``, ``ERROR``...), e.g. for Heat."""
        rec = self._server(server_id)
        rec["status"] = status
        rec["updated"] = base.isotime()
        if fault:
            rec["fault"] = {"code": 500, "message": fault,
                            "created": rec["updated"]}
        return self._server_view(rec)

    @locked
    def update_server(self, server_id, project_id=None, is_admin=False,
                      **changes):
        """Change ``name``, ``metadata`` or ``description``."""
        rec = self._server(server_id, project_id, is_admin)
        unknown = set(changes) - {"name", "metadata", "description"}
        if unknown:
            raise errors.BadRequest("Invalid input: %s"
                                    % ", ".join(sorted(unknown)))
        rec.update(changes)
        rec["updated"] = base.isotime()
        return self._server_view(rec)

    @locked
    def delete_server(self, server_id, project_id=None, is_admin=False):
        """Delete a server: its own ports go, given ports are unbound,
        volumes detached, group membership removed."""
        rec = self._server(server_id, project_id, is_admin)
        self._release_ports(rec["_ports"])
        self.world.volume.detach_all(server_id)
        for group in self.server_groups.values():
            if server_id in group["members"]:
                group["members"].remove(server_id)
        self._record_terminated(rec)
        del self.servers[server_id]

    def _server_view(self, rec):
        view = {k: v for k, v in rec.items() if not k.startswith("_")}
        flavor = rec["_flavor"]
        view["flavor"] = {
            "id": flavor["id"], "original_name": flavor["name"],
            "vcpus": flavor["vcpus"], "ram": flavor["ram"],
            "disk": flavor["disk"],
            "ephemeral": flavor["OS-FLV-EXT-DATA:ephemeral"],
            "swap": flavor["swap"] or 0,
            "extra_specs": dict(flavor["extra_specs"])}
        view["addresses"] = self._addresses(rec)
        view["security_groups"] = [
            {"name": n} for n in rec["_security_groups"]] if view[
            "addresses"] else []
        view["os-extended-volumes:volumes_attached"] = [
            {"id": v, "delete_on_termination": False}
            for v in self.world.volume.volumes_of(rec["id"])]
        view["OS-EXT-STS:vm_state"] = vm_state(rec["status"])
        view["OS-EXT-STS:power_state"] = 1 if rec["status"] == "ACTIVE" \
            else 0
        view["OS-EXT-STS:task_state"] = "spawning" if rec[
            "status"] == "BUILD" else None
        return view

    def _addresses(self, rec):
        net = self.world.network
        out = {}
        for port_id, _created in rec["_ports"]:
            port = net.ports.get(port_id)
            if port is None:
                continue
            name = net.networks[port["network_id"]]["name"]
            entries = out.setdefault(name, [])
            for ip in port["fixed_ips"]:
                entries.append(_address(ip["ip_address"], "fixed", port))
            for fip in net.floatingips.values():
                if fip["port_id"] == port_id:
                    entries.append(_address(fip["floating_ip_address"],
                                            "floating", port))
        return out

    # -- server groups ---------------------------------------------------
    @locked
    def create_server_group(self, project_id, user_id, name,
                            policy="anti-affinity", rules=None):
        """Create a server group (one policy, Nova 2.64+ style)."""
        if policy not in GROUP_POLICIES:
            raise errors.BadRequest("Invalid input: policy %s" % policy)
        quota = self.quota_for(project_id)["server_groups"]
        if 0 <= quota <= self.usage_for(project_id)["server_groups"]:
            raise errors.QuotaExceeded("Quota exceeded, too many server "
                                       "groups.")
        rec = {"id": base.new_id(), "name": name, "policy": policy,
               "policies": [policy], "rules": dict(rules or {}),
               "members": [], "metadata": {}, "project_id": project_id,
               "user_id": user_id}
        self.server_groups[rec["id"]] = rec
        return rec

    def _group(self, group_id, project_id=None, is_admin=False):
        rec = self.server_groups.get(group_id)
        if rec is None or not (project_id is None or is_admin
                               or rec["project_id"] == project_id):
            raise errors.NotFound("Instance group %s could not be found."
                                  % group_id)
        return rec

    @locked
    def get_server_group(self, group_id, project_id=None, is_admin=False):
        return self._group(group_id, project_id, is_admin)

    @locked
    def list_server_groups(self, project_id=None, all_projects=False):
        return [g for g in self.server_groups.values()
                if all_projects or g["project_id"] == project_id]

    @locked
    def delete_server_group(self, group_id, project_id=None, is_admin=False):
        self._group(group_id, project_id, is_admin)
        del self.server_groups[group_id]


def _address(addr, kind, port):
    return {"addr": addr, "version": 6 if ":" in addr else 4,
            "OS-EXT-IPS:type": kind,
            "OS-EXT-IPS-MAC:mac_addr": port["mac_address"]}
