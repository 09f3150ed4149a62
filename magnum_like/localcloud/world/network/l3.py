"""Neutron L3: routers, router interfaces and floating IPs."""

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked
from magnum_like.localcloud.world.network.core import _owned
from magnum_like.localcloud.world.network.core import _stamp


class L3Mixin:
    """Routers with external gateways and interfaces; floating IPs."""

    def _reset_l3(self):
        self.routers = {}
        self.floatingips = {}

    # -- routers ---------------------------------------------------------
    @locked
    def create_router(self, project_id, name="", external_network=None,
                      admin_state_up=True, description="", enable_snat=True,
                      id=None):
        """Create a router, with a gateway on ``external_network``
        (name or id) when given."""
        self._check_quota(project_id, "router", self.routers)
        rec = _stamp({"id": id or base.new_id(), "status": "ACTIVE",
                      "admin_state_up": admin_state_up,
                      "external_gateway_info": None, "routes": [],
                      "distributed": False, "ha": False,
                      "availability_zone_hints": [],
                      "availability_zones": ["nova"], "flavor_id": None},
                     project_id, name, description)
        self.routers[rec["id"]] = rec
        if external_network:
            self._set_gateway(rec, external_network, enable_snat)
        return rec

    def _set_gateway(self, router, network, enable_snat=True):
        net = self._network(network, router["project_id"])
        if not net["router:external"]:
            raise errors.BadRequest(
                "Bad router request: Network %s is not an external network."
                % net["id"])
        port = self._create_port(
            None, net["id"], device_id=router["id"],
            device_owner="network:router_gateway")
        router["external_gateway_info"] = {
            "network_id": net["id"], "enable_snat": enable_snat,
            "external_fixed_ips": [dict(ip) for ip in port["fixed_ips"]]}

    def _clear_gateway(self, router):
        for port in list(self.ports.values()):
            if port["device_id"] == router["id"] and (
                    port["device_owner"] == "network:router_gateway"):
                self._delete_port(port["id"])
        router["external_gateway_info"] = None

    def _router(self, name_or_id, project_id=None, is_admin=False):
        return base.find_by_name_or_id(
            self.routers, name_or_id, "Router",
            lambda r: _owned(r, project_id, is_admin))

    @locked
    def find_router(self, project_id, name_or_id, is_admin=False):
        return self._router(name_or_id, project_id, is_admin)

    @locked
    def list_routers(self, project_id=None, is_admin=False):
        return [r for r in self.routers.values()
                if _owned(r, project_id, is_admin)]

    @locked
    def update_router(self, router_id, project_id=None, is_admin=False,
                      **changes):
        """Change name/description/admin_state_up, or the gateway with
        ``external_gateway_info={"network_id": ..}`` (None clears it)."""
        rec = self._router(router_id, project_id, is_admin)
        if "external_gateway_info" in changes:
            gateway = changes.pop("external_gateway_info")
            self._clear_gateway(rec)
            if gateway:
                self._set_gateway(rec, gateway["network_id"],
                                  gateway.get("enable_snat", True))
        rec.update(changes)
        rec["updated_at"] = base.isotime()
        return rec

    @locked
    def delete_router(self, router_id, project_id=None, is_admin=False):
        """Delete a router; 409 while it still has interfaces."""
        rec = self._router(router_id, project_id, is_admin)
        if any(p["device_id"] == rec["id"]
               and p["device_owner"] == "network:router_interface"
               for p in self.ports.values()):
            raise errors.Conflict(
                "Router %s still has ports" % rec["id"],
                neutron_type="RouterInUse")
        if any(f["router_id"] == rec["id"]
               for f in self.floatingips.values()):
            raise errors.Conflict(
                "Router %s still has floating IPs" % rec["id"],
                neutron_type="RouterInUse")
        self._clear_gateway(rec)
        del self.routers[rec["id"]]

    @locked
    def add_router_interface(self, router_id, subnet_id=None, port_id=None,
                             project_id=None):
        """Attach a subnet (its gateway IP) or an existing port.

        :returns: Neutron's interface info dict
        """
        router = self._router(router_id, project_id)
        if port_id:
            port = self._port(port_id, project_id)
            if port["device_id"]:
                raise errors.Conflict("Port %s is in use." % port_id,
                                      neutron_type="PortInUse")
        else:
            subnet = self._subnet(subnet_id, project_id)
            for port in self._interfaces(router["id"]):
                if any(ip["subnet_id"] == subnet["id"]
                       for ip in port["fixed_ips"]):
                    raise errors.BadRequest(
                        "Router already has a port on subnet %s"
                        % subnet["id"])
            if not subnet["gateway_ip"]:
                raise errors.BadRequest("Subnet %s has no gateway IP."
                                        % subnet["id"])
            port = self._create_port(
                None, subnet["network_id"],
                fixed_ips=[{"subnet_id": subnet["id"],
                            "ip_address": subnet["gateway_ip"]}])
            port["project_id"] = port["tenant_id"] = subnet["project_id"]
        port.update(device_id=router["id"], status="ACTIVE",
                    device_owner="network:router_interface")
        return self._interface_info(router, port)

    def _interfaces(self, router_id):
        return [p for p in self.ports.values() if p["device_id"] == router_id
                and p["device_owner"] == "network:router_interface"]

    def _interface_info(self, router, port):
        subnet_ids = [ip["subnet_id"] for ip in port["fixed_ips"]]
        return {"id": router["id"], "tenant_id": router["project_id"],
                "project_id": router["project_id"], "port_id": port["id"],
                "network_id": port["network_id"],
                "subnet_id": subnet_ids[0] if subnet_ids else None,
                "subnet_ids": subnet_ids}

    @locked
    def remove_router_interface(self, router_id, subnet_id=None,
                                port_id=None, project_id=None):
        """Detach by subnet or port; the interface port is deleted."""
        router = self._router(router_id, project_id)
        for port in self._interfaces(router["id"]):
            subnets = [ip["subnet_id"] for ip in port["fixed_ips"]]
            if port["id"] == port_id or (subnet_id and subnet_id in subnets):
                info = self._interface_info(router, port)
                self._delete_port(port["id"])
                return info
        raise errors.NotFound(
            "Router %s does not have an interface with id %s"
            % (router["id"], port_id or subnet_id),
            neutron_type="RouterInterfaceNotFound")

    # -- floating IPs ----------------------------------------------------
    @locked
    def create_floating_ip(self, project_id, floating_network="public",
                           port_id=None, fixed_ip_address=None,
                           floating_ip_address=None, description=""):
        """Allocate a floating IP on an external network (name or id),
        associated with ``port_id`` when given.

        As in Neutron, associating needs a router with a gateway on that
        external network and an interface on the port's subnet (404
        otherwise) unless ``settings["fip_requires_router"]`` is False.
        """
        net = self._network(floating_network, project_id)
        if not net["router:external"]:
            raise errors.BadRequest("Network %s is not a valid external "
                                    "network" % net["id"])
        self._check_quota(project_id, "floatingip", self.floatingips)
        port = self._create_port(
            None, net["id"], device_owner="network:floatingip",
            fixed_ips=[{"ip_address": floating_ip_address}]
            if floating_ip_address else None)
        rec = _stamp({"id": base.new_id(),
                      "floating_ip_address": port["fixed_ips"][0][
                          "ip_address"],
                      "floating_network_id": net["id"], "router_id": None,
                      "port_id": None, "fixed_ip_address": None,
                      "status": "DOWN", "port_details": None,
                      "port_forwardings": [], "dns_domain": "",
                      "dns_name": "", "qos_policy_id": None},
                     project_id, "", description)
        port["device_id"] = rec["id"]
        self.floatingips[rec["id"]] = rec
        if port_id:
            try:
                self._associate(rec, port_id, fixed_ip_address, project_id)
            except errors.WorldError:
                self._delete_fip(rec)
                raise
        return rec

    def _fip(self, fip_id, project_id=None, is_admin=False):
        rec = self.floatingips.get(fip_id)
        if rec is None or not _owned(rec, project_id, is_admin):
            raise errors.NotFound("Floating IP %s could not be found"
                                  % fip_id,
                                  neutron_type="FloatingIPNotFound")
        return rec

    @locked
    def get_floating_ip(self, fip_id, project_id=None, is_admin=False):
        return self._fip(fip_id, project_id, is_admin)

    @locked
    def list_floating_ips(self, project_id=None, is_admin=False):
        return [f for f in self.floatingips.values()
                if _owned(f, project_id, is_admin)]

    @locked
    def update_floating_ip(self, fip_id, port_id=None, fixed_ip_address=None,
                           project_id=None, is_admin=False):
        """Associate with ``port_id``, or disassociate when it is None."""
        rec = self._fip(fip_id, project_id, is_admin)
        self._disassociate(rec)
        if port_id:
            self._associate(rec, port_id, fixed_ip_address, project_id)
        return rec

    def _associate(self, fip, port_id, fixed_ip_address, project_id):
        port = self._port(port_id, project_id)
        ips = [ip for ip in port["fixed_ips"]
               if fixed_ip_address in (None, ip["ip_address"])]
        if not ips:
            raise errors.BadRequest("Port %s does not have fixed ip %s"
                                    % (port_id, fixed_ip_address))
        router = self._router_for(fip["floating_network_id"], ips[0])
        if router is None and self.world.settings.get(
                "fip_requires_router", True):
            raise errors.NotFound(
                "External network %s is not reachable from subnet %s. "
                "Therefore, cannot associate Port %s with a Floating IP."
                % (fip["floating_network_id"], ips[0]["subnet_id"], port_id),
                neutron_type="ExternalGatewayForFloatingIPNotFound")
        fip.update(port_id=port["id"], fixed_ip_address=ips[0]["ip_address"],
                   router_id=router["id"] if router else None,
                   status="ACTIVE", updated_at=base.isotime())

    def _router_for(self, ext_net_id, fixed_ip):
        for router in self.routers.values():
            gateway = router["external_gateway_info"] or {}
            if gateway.get("network_id") != ext_net_id:
                continue
            for port in self._interfaces(router["id"]):
                if any(ip["subnet_id"] == fixed_ip["subnet_id"]
                       for ip in port["fixed_ips"]):
                    return router
        return None

    def _disassociate(self, fip):
        fip.update(port_id=None, fixed_ip_address=None, router_id=None,
                   status="DOWN", updated_at=base.isotime())

    @locked
    def delete_floating_ip(self, fip_id, project_id=None, is_admin=False):
        self._delete_fip(self._fip(fip_id, project_id, is_admin))

    def _delete_fip(self, fip):
        for port in list(self.ports.values()):
            if port["device_id"] == fip["id"]:
                self._delete_port(port["id"])
        self.floatingips.pop(fip["id"], None)
