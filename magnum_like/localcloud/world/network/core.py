"""Neutron core resources: networks, subnets and ports, with IPAM.

Every method taking ``project_id`` scopes to what that project may see or
change; ``project_id=None`` means an internal, unscoped call; ``is_admin``
lifts the scoping as Neutron's admin does.
"""

import ipaddress
import random

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked

PORT_UPDATABLE = {"name", "description", "device_id", "device_owner",
                  "security_groups", "allowed_address_pairs",
                  "admin_state_up", "port_security_enabled",
                  "binding:host_id", "binding:profile", "dns_name"}


def _owned(rec, project_id, is_admin):
    return project_id is None or is_admin or rec["project_id"] == project_id


def _mac():
    return "fa:16:3e:%02x:%02x:%02x" % tuple(
        random.randint(0, 255) for _ in range(3))


def _stamp(rec, project_id, name="", description=""):
    now = base.isotime()
    rec.update({"name": name or "", "description": description or "",
                "tenant_id": project_id, "project_id": project_id,
                "created_at": now, "updated_at": now,
                "revision_number": 0, "tags": []})
    return rec


class CoreMixin:
    """Networks, subnets, ports."""

    def _reset_core(self):
        self.networks = {}
        self.subnets = {}
        self.ports = {}

    # -- networks --------------------------------------------------------
    def _net_visible(self, rec, project_id, is_admin=False):
        return (_owned(rec, project_id, is_admin) or rec["shared"]
                or rec["router:external"])

    @locked
    def create_network(self, project_id, name="", shared=False,
                       external=False, admin_state_up=True, mtu=1450,
                       description="", id=None,
                       port_security_enabled=True):
        """Create a network; ``external`` sets ``router:external``."""
        self._check_quota(project_id, "network", self.networks)
        rec = _stamp({"id": id or base.new_id(), "status": "ACTIVE",
                      "admin_state_up": admin_state_up, "subnets": [],
                      "shared": shared, "router:external": external,
                      "mtu": mtu, "port_security_enabled":
                      port_security_enabled,
                      "availability_zone_hints": [],
                      "availability_zones": ["nova"],
                      "ipv4_address_scope": None,
                      "ipv6_address_scope": None, "is_default": external,
                      "provider:network_type": "flat" if external
                      else "vxlan",
                      "provider:physical_network": "public" if external
                      else None,
                      "provider:segmentation_id": None if external
                      else random.randint(1, 4000)},
                     project_id, name, description)
        self.networks[rec["id"]] = rec
        return rec

    def _network(self, name_or_id, project_id=None, is_admin=False):
        return base.find_by_name_or_id(
            self.networks, name_or_id, "Network",
            lambda r: self._net_visible(r, project_id, is_admin))

    @locked
    def find_network(self, project_id, name_or_id, is_admin=False):
        """Network by id or unique name visible to the project."""
        return self._network(name_or_id, project_id, is_admin)

    @locked
    def list_networks(self, project_id=None, is_admin=False):
        return [n for n in self.networks.values()
                if self._net_visible(n, project_id, is_admin)]

    @locked
    def update_network(self, network_id, project_id=None, is_admin=False,
                       **changes):
        """Change ``name``, ``description``, ``admin_state_up``, ``mtu``,
        ``port_security_enabled`` (and for admins ``shared`` and
        ``router:external``)."""
        rec = self._network(network_id, project_id, is_admin)
        if not _owned(rec, project_id, is_admin):
            raise errors.NotFound("Network %s could not be found."
                                  % network_id)
        _update(rec, changes, ("name", "description", "admin_state_up",
                               "mtu", "port_security_enabled", "shared",
                               "router:external"))
        return rec

    @locked
    def delete_network(self, network_id, project_id=None, is_admin=False):
        """Delete a network and its subnets; refuses if ports are in use.
        """
        rec = self._network(network_id, project_id, is_admin)
        if not _owned(rec, project_id, is_admin):
            raise errors.NotFound("Network %s could not be found."
                                  % network_id)
        busy = [p for p in self.ports.values()
                if p["network_id"] == rec["id"]
                and not p["device_owner"].startswith("network:dhcp")]
        if busy:
            raise errors.Conflict(
                "Unable to complete operation on network %s. There are one "
                "or more ports still in use on the network." % rec["id"],
                neutron_type="NetworkInUse")
        for sid in list(rec["subnets"]):
            del self.subnets[sid]
        del self.networks[rec["id"]]

    # -- subnets ---------------------------------------------------------
    @locked
    def create_subnet(self, project_id, network_id, cidr, name="",
                      ip_version=4, gateway_ip="auto", enable_dhcp=True,
                      dns_nameservers=None, allocation_pools=None,
                      host_routes=None, description="", id=None):
        """Create a subnet; IPs are later allocated from its pools.

        ``gateway_ip`` defaults to the first host; None means no gateway.
        Pools default to every host address after the gateway.
        """
        net = self._network(network_id, project_id)
        try:
            cidr_net = ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            raise errors.BadRequest("Invalid input for cidr. Reason: '%s' "
                                    "is not a valid IP subnet." % cidr)
        self._check_quota(project_id, "subnet", self.subnets)
        hosts = list(cidr_net.hosts()) if cidr_net.num_addresses <= 65536 \
            else [cidr_net[1], cidr_net[-2]]
        if gateway_ip == "auto":
            gateway_ip = str(hosts[0])
        pools = allocation_pools or [
            {"start": str(hosts[1] if gateway_ip == str(hosts[0])
                          else hosts[0]), "end": str(hosts[-1])}]
        rec = _stamp({"id": id or base.new_id(), "network_id": net["id"],
                      "cidr": str(cidr_net),
                      "ip_version": cidr_net.version,
                      "gateway_ip": gateway_ip, "enable_dhcp": enable_dhcp,
                      "dns_nameservers": list(dns_nameservers or []),
                      "allocation_pools": pools,
                      "host_routes": list(host_routes or []),
                      "ipv6_ra_mode": None, "ipv6_address_mode": None,
                      "subnetpool_id": None, "service_types": [],
                      "_allocated": set()},
                     project_id or net["project_id"], name, description)
        if gateway_ip:
            rec["_allocated"].add(gateway_ip)
        self.subnets[rec["id"]] = rec
        net["subnets"].append(rec["id"])
        return _public(rec)

    def _subnet(self, name_or_id, project_id=None, is_admin=False):
        def visible(rec):
            net = self.networks[rec["network_id"]]
            return self._net_visible(net, project_id, is_admin)
        return base.find_by_name_or_id(self.subnets, name_or_id, "Subnet",
                                       visible)

    @locked
    def find_subnet(self, project_id, name_or_id, is_admin=False):
        return _public(self._subnet(name_or_id, project_id, is_admin))

    @locked
    def list_subnets(self, project_id=None, is_admin=False):
        return [_public(s) for s in self.subnets.values()
                if self._net_visible(self.networks[s["network_id"]],
                                     project_id, is_admin)]

    @locked
    def update_subnet(self, subnet_id, project_id=None, is_admin=False,
                      **changes):
        """Change ``name``, ``description``, ``enable_dhcp``,
        ``dns_nameservers``, ``host_routes``, ``gateway_ip``."""
        rec = self._subnet(subnet_id, project_id, is_admin)
        if not _owned(rec, project_id, is_admin):
            raise errors.NotFound("Subnet %s could not be found."
                                  % subnet_id)
        _update(rec, changes, ("name", "description", "enable_dhcp",
                               "dns_nameservers", "host_routes",
                               "gateway_ip"))
        return _public(rec)

    @locked
    def delete_subnet(self, subnet_id, project_id=None, is_admin=False):
        rec = self._subnet(subnet_id, project_id, is_admin)
        if not _owned(rec, project_id, is_admin):
            raise errors.NotFound("Subnet %s could not be found."
                                  % subnet_id)
        for port in self.ports.values():
            if any(ip["subnet_id"] == rec["id"] for ip in port["fixed_ips"]):
                raise errors.Conflict(
                    "Unable to complete operation on subnet %s: One or more "
                    "ports have an IP allocation from this subnet."
                    % rec["id"], neutron_type="SubnetInUse")
        self.networks[rec["network_id"]]["subnets"].remove(rec["id"])
        del self.subnets[rec["id"]]

    def _allocate_ip(self, subnet, wanted=None):
        if wanted:
            addr = ipaddress.ip_address(wanted)
            if addr not in ipaddress.ip_network(subnet["cidr"]):
                raise errors.BadRequest(
                    "IP address %s is not a valid IP for the specified "
                    "subnet." % wanted, neutron_type="InvalidIpForSubnet")
            if wanted in subnet["_allocated"] and (
                    wanted != subnet["gateway_ip"]):
                raise errors.Conflict(
                    "IP address %s already allocated in subnet %s"
                    % (wanted, subnet["id"]),
                    neutron_type="IpAddressAlreadyAllocated")
            subnet["_allocated"].add(wanted)
            return wanted
        for pool in subnet["allocation_pools"]:
            start = ipaddress.ip_address(pool["start"])
            end = ipaddress.ip_address(pool["end"])
            addr = start
            while addr <= end:
                if str(addr) not in subnet["_allocated"]:
                    subnet["_allocated"].add(str(addr))
                    return str(addr)
                addr += 1
        raise errors.Conflict(
            "No more IP addresses available on network %s."
            % subnet["network_id"], neutron_type="IpAddressGenerationFailure")

    def _release_ips(self, port):
        for ip in port["fixed_ips"]:
            subnet = self.subnets.get(ip["subnet_id"])
            if subnet and ip["ip_address"] != subnet["gateway_ip"]:
                subnet["_allocated"].discard(ip["ip_address"])

    # -- ports -----------------------------------------------------------
    @locked
    def create_port(self, project_id, network_id, **kwargs):
        """Create a port; see ``_create_port`` for the arguments."""
        return self._create_port(project_id, network_id, **kwargs)

    def _create_port(self, project_id, network_id, name="", fixed_ips=None,
                    security_groups=None, device_id="", device_owner="",
                    admin_state_up=True, allowed_address_pairs=None,
                    port_security_enabled=None, mac_address=None,
                    description="", binding_host_id=None, id=None):
        """Create a port with fixed IPs allocated on the network's subnets.

        ``fixed_ips``: ``[{"subnet_id": .., "ip_address": ..}]`` (either
        key optional); default: one IP on the network's first IPv4
        subnet. ``security_groups`` default to the project's ``default``
        group (none for network-owned ports or disabled port security).
        """
        net = self._network(network_id, project_id)
        self._check_quota(project_id, "port", self.ports)
        owner = project_id or net["project_id"]
        ips = self._port_ips(net, fixed_ips)
        if port_security_enabled is None:
            port_security_enabled = net["port_security_enabled"]
        if security_groups is None:
            security_groups = [] if (
                not port_security_enabled
                or device_owner.startswith("network:")) else [
                self._default_sg(owner)["id"]]
        else:
            security_groups = [self._sg(s, owner)["id"]
                               for s in security_groups]
        rec = _stamp({"id": id or base.new_id(), "network_id": net["id"],
                      "mac_address": mac_address or _mac(),
                      "fixed_ips": ips, "device_id": device_id or "",
                      "device_owner": device_owner or "",
                      "status": "ACTIVE" if device_id else "DOWN",
                      "admin_state_up": admin_state_up,
                      "security_groups": security_groups,
                      "allowed_address_pairs": list(
                          allowed_address_pairs or []),
                      "port_security_enabled": port_security_enabled,
                      "binding:vnic_type": "normal",
                      "binding:host_id": binding_host_id or "",
                      "binding:vif_type": "ovs" if device_id else "unbound",
                      "binding:vif_details": {}, "binding:profile": {},
                      "extra_dhcp_opts": [], "dns_name": "",
                      "dns_assignment": []},
                     owner, name, description)
        self.ports[rec["id"]] = rec
        return rec

    def _port_ips(self, net, fixed_ips):
        if not fixed_ips:
            v4 = [self.subnets[s] for s in net["subnets"]
                  if self.subnets[s]["ip_version"] == 4]
            subnets = v4[:1] or [self.subnets[s] for s in net["subnets"]][:1]
            fixed_ips = [{"subnet_id": s["id"]} for s in subnets]
        out = []
        for spec in fixed_ips:
            if spec.get("subnet_id"):
                subnet = self._subnet(spec["subnet_id"])
            else:
                wanted = ipaddress.ip_address(spec["ip_address"])
                subnet = next((self.subnets[s] for s in net["subnets"]
                               if wanted in ipaddress.ip_network(
                                   self.subnets[s]["cidr"])), None)
                if subnet is None:
                    raise errors.BadRequest(
                        "IP address %s is not a valid IP for the specified "
                        "network." % wanted)
            if subnet["network_id"] != net["id"]:
                raise errors.BadRequest("Subnet %s is not on network %s."
                                        % (subnet["id"], net["id"]))
            out.append({"subnet_id": subnet["id"], "ip_address":
                        self._allocate_ip(subnet, spec.get("ip_address"))})
        return out

    def _port(self, port_id, project_id=None, is_admin=False):
        rec = self.ports.get(port_id)
        if rec is None or not _owned(rec, project_id, is_admin):
            raise errors.NotFound("Port %s could not be found." % port_id,
                                  neutron_type="PortNotFound")
        return rec

    @locked
    def get_port(self, port_id, project_id=None, is_admin=False):
        return self._port(port_id, project_id, is_admin)

    @locked
    def find_port(self, project_id, name_or_id, is_admin=False):
        return base.find_by_name_or_id(
            self.ports, name_or_id, "Port",
            lambda r: _owned(r, project_id, is_admin))

    @locked
    def list_ports(self, project_id=None, is_admin=False, **filters):
        """Ports the project owns, filtered by equal attributes."""
        return [p for p in self.ports.values()
                if _owned(p, project_id, is_admin)
                and all(p.get(k) == v for k, v in filters.items())]

    @locked
    def update_port(self, port_id, project_id=None, is_admin=False,
                    **changes):
        """Change ``name``, ``device_id``, ``device_owner``,
        ``security_groups``, ``allowed_address_pairs``,
        ``admin_state_up``, ``port_security_enabled``, ``description``."""
        rec = self._port(port_id, project_id, is_admin)
        if set(changes) - PORT_UPDATABLE:
            raise errors.BadRequest(
                "Cannot update read-only attribute(s) %s"
                % ", ".join(sorted(set(changes) - PORT_UPDATABLE)))
        if "security_groups" in changes:
            changes["security_groups"] = [
                self._sg(s, rec["project_id"])["id"]
                for s in changes["security_groups"] or []]
        rec.update(changes)
        if "device_id" in changes:
            rec["status"] = "ACTIVE" if rec["device_id"] else "DOWN"
        rec["updated_at"] = base.isotime()
        rec["revision_number"] += 1
        return rec

    @locked
    def delete_port(self, port_id, project_id=None, is_admin=False):
        """Delete a port; floating IPs on it are disassociated.

        Router interface ports can't be deleted directly (409).
        """
        rec = self._port(port_id, project_id, is_admin)
        if rec["device_owner"] == "network:router_interface" and (
                rec["device_id"] in self.routers):
            raise errors.Conflict(
                "Port %s cannot be deleted directly via the port API: has "
                "device owner network:router_interface." % port_id,
                neutron_type="L3PortInUse")
        self._delete_port(rec["id"])

    def _delete_port(self, port_id):
        rec = self.ports.pop(port_id)
        self._release_ips(rec)
        for fip in self.floatingips.values():
            if fip["port_id"] == port_id:
                self._disassociate(fip)


def _update(rec, changes, allowed):
    unknown = set(changes) - set(allowed)
    if unknown:
        raise errors.BadRequest("Cannot update read-only attribute(s) %s"
                                % ", ".join(sorted(unknown)))
    rec.update(changes)
    rec["updated_at"] = base.isotime()
    rec["revision_number"] += 1


def _public(rec):
    return {k: v for k, v in rec.items() if not k.startswith("_")}
