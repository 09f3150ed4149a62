"""OS::Neutron::Net, Subnet, Port and SecurityGroup(Rule)."""

from magnum_like.localcloud.heat.resources import base
from magnum_like.localcloud.heat.resources import cloud

P = base.Prop


def net_id(world, res, name_or_id):
    if not name_or_id:
        return None
    return world.network.find_network(res.stack.project_id,
                                      name_or_id)["id"]


def subnet_id(world, res, name_or_id):
    if not name_or_id:
        return None
    return world.network.find_subnet(res.stack.project_id,
                                     name_or_id)["id"]


def sg_ids(world, res, names):
    if names is None:
        return None
    return [world.network.find_security_group(res.stack.project_id,
                                              n)["id"] for n in names]


class Net(cloud.CloudPlugin):
    type_name = "OS::Neutron::Net"
    props = {"name": P("string"), "admin_state_up": P("boolean",
                                                      default=True),
             "shared": P("boolean", default=False),
             "port_security_enabled": P("boolean"),
             "value_specs": P("map", default={}), "dns_domain": P("string"),
             "qos_policy": P("string"), "tags": P("list"),
             "tenant_id": P("string", update_allowed=False)}
    attrs = ("status", "name", "subnets", "admin_state_up", "tenant_id",
             "port_security_enabled", "mtu", "segments", "show")

    def make(self, world, res, props):
        extra = {}
        if props.get("port_security_enabled") is not None:
            extra["port_security_enabled"] = props["port_security_enabled"]
        return world.network.create_network(
            self.project(res), props.get("name") or self.physical_name(res),
            shared=bool(props.get("shared")),
            admin_state_up=props.get("admin_state_up", True), **extra)

    def fetch(self, world, res):
        return world.network.find_network(self.project(res),
                                          res.physical_id)

    def remove(self, world, res):
        world.network.delete_network(res.physical_id, self.project(res))


class Subnet(cloud.CloudPlugin):
    type_name = "OS::Neutron::Subnet"
    props = {"network": P("string", update_allowed=False),
             "network_id": P("string", update_allowed=False),
             "cidr": P("string", update_allowed=False),
             "ip_version": P("integer", default=4, update_allowed=False),
             "name": P("string"), "gateway_ip": P("string"),
             "enable_dhcp": P("boolean", default=True),
             "dns_nameservers": P("list", default=[]),
             "allocation_pools": P("list"), "host_routes": P("list"),
             "subnetpool": P("string", update_allowed=False),
             "prefixlen": P("integer", update_allowed=False),
             "ipv6_address_mode": P("string", update_allowed=False),
             "ipv6_ra_mode": P("string", update_allowed=False),
             "value_specs": P("map", default={}), "tags": P("list"),
             "segment": P("string"),
             "tenant_id": P("string", update_allowed=False)}
    attrs = ("name", "network_id", "tenant_id", "allocation_pools",
             "gateway_ip", "host_routes", "ip_version", "cidr",
             "dns_nameservers", "enable_dhcp", "show")

    def make(self, world, res, props):
        extra = {}
        if "gateway_ip" in props:
            extra["gateway_ip"] = props["gateway_ip"] or None
        return world.network.create_subnet(
            self.project(res), net_id(world, res, props.get("network") or
                                      props.get("network_id")),
            props.get("cidr"), name=props.get("name") or
            self.physical_name(res), ip_version=int(props.get(
                "ip_version", 4)), enable_dhcp=props.get("enable_dhcp",
                                                          True),
            dns_nameservers=props.get("dns_nameservers") or [],
            allocation_pools=props.get("allocation_pools"),
            host_routes=props.get("host_routes"), **extra)

    def fetch(self, world, res):
        return world.network.find_subnet(self.project(res),
                                         res.physical_id)

    def remove(self, world, res):
        world.network.delete_subnet(res.physical_id, self.project(res))


class Port(cloud.CloudPlugin):
    type_name = "OS::Neutron::Port"
    timing = "port"
    props = {"network": P("string", update_allowed=False),
             "network_id": P("string", update_allowed=False),
             "name": P("string"), "fixed_ips": P("list"),
             "security_groups": P("list"),
             "allowed_address_pairs": P("list"),
             "admin_state_up": P("boolean", default=True),
             "mac_address": P("string", update_allowed=False),
             "device_id": P("string"), "device_owner": P("string"),
             "port_security_enabled": P("boolean"),
             "binding:vnic_type": P("string"), "value_specs": P("map"),
             "qos_policy": P("string"), "replacement_policy": P("string"),
             "dns_name": P("string"), "tags": P("list"),
             "propagate_uplink_status": P("boolean"),
             "no_fixed_ips": P("boolean")}
    attrs = ("fixed_ips", "mac_address", "network_id", "name", "status",
             "device_id", "device_owner", "security_groups", "subnets",
             "allowed_address_pairs", "admin_state_up", "tenant_id",
             "network", "show")

    def _fixed_ips(self, world, res, entries):
        if entries is None:
            return None
        out = []
        for entry in entries:
            item = {}
            sub = entry.get("subnet") or entry.get("subnet_id")
            if sub:
                item["subnet_id"] = subnet_id(world, res, sub)
            if entry.get("ip_address"):
                item["ip_address"] = entry["ip_address"]
            out.append(item)
        return out

    def make(self, world, res, props):
        extra = {k: props[k] for k in ("allowed_address_pairs",
                                       "port_security_enabled",
                                       "mac_address", "device_id",
                                       "device_owner")
                 if props.get(k) is not None}
        return world.network.create_port(
            self.project(res), net_id(world, res, props.get("network") or
                                      props.get("network_id")),
            name=props.get("name") or self.physical_name(res),
            fixed_ips=self._fixed_ips(world, res, props.get("fixed_ips")),
            security_groups=sg_ids(world, res,
                                   props.get("security_groups")),
            admin_state_up=props.get("admin_state_up", True), **extra)

    def change(self, world, res, old, new):
        changes = {}
        if new.get("security_groups") != old.get("security_groups"):
            changes["security_groups"] = sg_ids(
                world, res, new.get("security_groups")) or []
        if new.get("name") and new.get("name") != old.get("name"):
            changes["name"] = new["name"]
        if new.get("allowed_address_pairs") != old.get(
                "allowed_address_pairs"):
            changes["allowed_address_pairs"] = new.get(
                "allowed_address_pairs") or []
        if changes:
            world.network.update_port(res.physical_id, self.project(res),
                                      **changes)

    def fetch(self, world, res):
        return world.network.get_port(res.physical_id)

    def remove(self, world, res):
        world.network.delete_port(res.physical_id)

    def attr_value(self, world, res, rec, name):
        if name == "subnets":
            return [ip["subnet_id"] for ip in rec.get("fixed_ips", [])]
        if name == "network":
            return {"id": rec.get("network_id")}
        return rec.get(name)


class SecurityGroup(cloud.CloudPlugin):
    type_name = "OS::Neutron::SecurityGroup"
    timing = "config"
    props = {"name": P("string"), "description": P("string", default=""),
             "rules": P("list", default=[])}
    attrs = ("show",)

    def make(self, world, res, props):
        rec = world.network.create_security_group(
            self.project(res), props.get("name") or self.physical_name(res),
            props.get("description") or "")
        for rule in props.get("rules") or []:
            SecurityGroupRule.add(world, res, rec["id"], rule)
        return rec

    def change(self, world, res, old, new):
        for rule in new.get("rules") or []:
            if rule not in (old.get("rules") or []):
                SecurityGroupRule.add(world, res, res.physical_id, rule)

    def fetch(self, world, res):
        return world.network.find_security_group(self.project(res),
                                                 res.physical_id)

    def remove(self, world, res):
        world.network.delete_security_group(res.physical_id,
                                            self.project(res))


class SecurityGroupRule(cloud.CloudPlugin):
    type_name = "OS::Neutron::SecurityGroupRule"
    timing = "config"
    props = {"security_group": P("string", required=True,
                                 update_allowed=False),
             "description": P("string", update_allowed=False),
             "direction": P("string", default="ingress",
                            allowed=["ingress", "egress"],
                            update_allowed=False),
             "ethertype": P("string", default="IPv4", update_allowed=False),
             "port_range_min": P("integer", update_allowed=False),
             "port_range_max": P("integer", update_allowed=False),
             "protocol": P("string", update_allowed=False),
             "remote_group": P("string", update_allowed=False),
             "remote_ip_prefix": P("string", update_allowed=False)}
    attrs = ("show",)

    @staticmethod
    def add(world, res, group_id, rule):
        remote = rule.get("remote_group") or rule.get("remote_group_id")
        if rule.get("remote_mode") == "remote_group_id" and not remote:
            remote = group_id
        return world.network.create_security_group_rule(
            res.stack.project_id, group_id,
            direction=rule.get("direction") or "ingress",
            ethertype=rule.get("ethertype") or "IPv4",
            protocol=rule.get("protocol"),
            port_range_min=rule.get("port_range_min"),
            port_range_max=rule.get("port_range_max"),
            remote_ip_prefix=None if remote else
            rule.get("remote_ip_prefix"),
            remote_group_id=sg_ids(world, res, [remote])[0] if remote
            else None, description=rule.get("description") or "")

    def make(self, world, res, props):
        group = sg_ids(world, res, [props["security_group"]])[0]
        return self.add(world, res, group, props)

    def fetch(self, world, res):
        return world.network.get_security_group_rule(res.physical_id)

    def remove(self, world, res):
        world.network.delete_security_group_rule(res.physical_id)


PLUGINS = [Net(), Subnet(), Port(), SecurityGroup(), SecurityGroupRule()]
