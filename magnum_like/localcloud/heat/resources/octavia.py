"""OS::Octavia::LoadBalancer, Listener, Pool, PoolMember, HealthMonitor."""

from magnum_like.localcloud.heat.resources import base
from magnum_like.localcloud.heat.resources import cloud
from magnum_like.localcloud.heat.resources import neutron

P = base.Prop


class _Octavia(cloud.CloudPlugin):
    kind = None
    timing = "port"

    def fetch(self, world, res):
        return world.loadbalancer.get(self.kind, res.physical_id)

    def remove(self, world, res):
        world.loadbalancer.delete(self.kind, res.physical_id,
                                  cascade=self.kind == "loadbalancer")


class LoadBalancer(_Octavia):
    type_name = "OS::Octavia::LoadBalancer"
    kind = "loadbalancer"
    timing = "loadbalancer"
    props = {"vip_subnet": P("string", update_allowed=False),
             "vip_network": P("string", update_allowed=False),
             "vip_address": P("string", update_allowed=False),
             "description": P("string"), "name": P("string"),
             "provider": P("string", update_allowed=False),
             "admin_state_up": P("boolean", default=True),
             "flavor": P("string", update_allowed=False),
             "availability_zone": P("string", update_allowed=False),
             "tenant_id": P("string", update_allowed=False)}
    attrs = ("vip_address", "vip_port_id", "vip_subnet_id", "pools",
             "flavor_id", "listeners", "show")

    def make(self, world, res, props):
        return world.loadbalancer.create_loadbalancer(
            self.project(res),
            vip_subnet_id=neutron.subnet_id(world, res,
                                            props.get("vip_subnet")),
            vip_network_id=neutron.net_id(world, res,
                                          props.get("vip_network")),
            name=props.get("name") or self.physical_name(res),
            description=props.get("description") or "",
            vip_address=props.get("vip_address"),
            provider=props.get("provider") or "amphora")


class Listener(_Octavia):
    type_name = "OS::Octavia::Listener"
    kind = "listener"
    props = {"loadbalancer": P("string", required=True,
                               update_allowed=False),
             "protocol": P("string", required=True, update_allowed=False),
             "protocol_port": P("integer", required=True,
                                update_allowed=False),
             "name": P("string"), "description": P("string"),
             "default_pool": P("string"), "connection_limit": P("integer"),
             "admin_state_up": P("boolean", default=True),
             "allowed_cidrs": P("list"), "sni_container_refs": P("list"),
             "default_tls_container_ref": P("string"),
             "tenant_id": P("string", update_allowed=False)}
    attrs = ("loadbalancers", "default_pool_id", "show")

    def make(self, world, res, props):
        return world.loadbalancer.create_listener(
            self.project(res), props["loadbalancer"], props["protocol"],
            int(props["protocol_port"]), name=props.get("name") or "",
            description=props.get("description") or "",
            default_pool_id=props.get("default_pool"),
            allowed_cidrs=props.get("allowed_cidrs"))


class Pool(_Octavia):
    type_name = "OS::Octavia::Pool"
    kind = "pool"
    props = {"lb_algorithm": P("string", required=True),
             "protocol": P("string", required=True, update_allowed=False),
             "listener": P("string", update_allowed=False),
             "loadbalancer": P("string", update_allowed=False),
             "name": P("string"), "description": P("string"),
             "session_persistence": P("map"),
             "admin_state_up": P("boolean", default=True),
             "tls_enabled": P("boolean")}
    attrs = ("listeners", "members", "healthmonitor_id", "show")

    def make(self, world, res, props):
        return world.loadbalancer.create_pool(
            self.project(res), props["protocol"], props["lb_algorithm"],
            listener_id=props.get("listener"),
            loadbalancer_id=props.get("loadbalancer"),
            name=props.get("name") or "",
            description=props.get("description") or "",
            session_persistence=props.get("session_persistence"))


class PoolMember(_Octavia):
    type_name = "OS::Octavia::PoolMember"
    kind = "member"
    props = {"pool": P("string", required=True, update_allowed=False),
             "address": P("string", required=True, update_allowed=False),
             "protocol_port": P("integer", required=True,
                                update_allowed=False),
             "weight": P("integer", default=1),
             "subnet": P("string", update_allowed=False),
             "admin_state_up": P("boolean", default=True),
             "monitor_address": P("string"), "monitor_port": P("integer"),
             "backup": P("boolean")}
    attrs = ("address", "pool_id", "show")

    def make(self, world, res, props):
        return world.loadbalancer.create_member(
            self.project(res), props["pool"], props["address"],
            int(props["protocol_port"]),
            subnet_id=neutron.subnet_id(world, res, props.get("subnet")),
            weight=int(props.get("weight", 1)))


class HealthMonitor(_Octavia):
    type_name = "OS::Octavia::HealthMonitor"
    kind = "healthmonitor"
    props = {"pool": P("string", required=True, update_allowed=False),
             "type": P("string", required=True, update_allowed=False),
             "delay": P("integer", required=True),
             "timeout": P("integer", required=True),
             "max_retries": P("integer", required=True),
             "max_retries_down": P("integer", default=3),
             "http_method": P("string"), "url_path": P("string"),
             "expected_codes": P("string"),
             "admin_state_up": P("boolean", default=True),
             "tenant_id": P("string", update_allowed=False)}
    attrs = ("pools", "show")

    def make(self, world, res, props):
        return world.loadbalancer.create_healthmonitor(
            self.project(res), props["pool"], props["type"],
            int(props["delay"]), int(props["timeout"]),
            int(props["max_retries"]),
            max_retries_down=int(props.get("max_retries_down", 3)),
            url_path=props.get("url_path"))


PLUGINS = [LoadBalancer(), Listener(), Pool(), PoolMember(),
           HealthMonitor()]
