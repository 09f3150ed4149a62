"""OS::Neutron::Router, RouterInterface, FloatingIP(Association)."""

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat.resources import base
from magnum_like.localcloud.heat.resources import cloud
from magnum_like.localcloud.heat.resources import neutron

P = base.Prop


class Router(cloud.CloudPlugin):
    type_name = "OS::Neutron::Router"
    props = {"name": P("string"), "external_gateway_info": P("map"),
             "admin_state_up": P("boolean", default=True),
             "value_specs": P("map", default={}),
             "distributed": P("boolean", update_allowed=False),
             "ha": P("boolean", update_allowed=False),
             "l3_agent_ids": P("list"), "tags": P("list")}
    attrs = ("status", "external_gateway_info", "name", "admin_state_up",
             "tenant_id", "show")

    @staticmethod
    def _gateway(props):
        info = props.get("external_gateway_info") or {}
        return info.get("network") or info.get("network_id")

    def make(self, world, res, props):
        return world.network.create_router(
            self.project(res), props.get("name") or self.physical_name(res),
            external_network=self._gateway(props),
            admin_state_up=props.get("admin_state_up", True))

    def change(self, world, res, old, new):
        if self._gateway(old) != self._gateway(new):
            gateway = self._gateway(new)
            world.network.update_router(
                res.physical_id, self.project(res),
                external_gateway_info={"network_id": neutron.net_id(
                    world, res, gateway)} if gateway else None)

    def fetch(self, world, res):
        return world.network.find_router(self.project(res),
                                         res.physical_id)

    def remove(self, world, res):
        world.network.delete_router(res.physical_id, self.project(res))


class RouterInterface(cloud.CloudPlugin):
    type_name = "OS::Neutron::RouterInterface"
    props = {"router": P("string", update_allowed=False),
             "subnet": P("string", update_allowed=False),
             "port": P("string", update_allowed=False),
             # deprecated (hidden) names Heat still accepts and replaces
             "router_id": P("string", update_allowed=False),
             "subnet_id": P("string", update_allowed=False),
             "port_id": P("string", update_allowed=False)}
    attrs = ()
    _DEPRECATED = (("router", "router_id"), ("subnet", "subnet_id"),
                   ("port", "port_id"))

    def _translated(self, props, path):
        """Heat's REPLACE translation rules: the deprecated name's value
        under the current name; both at once is a conflict."""
        out = dict(props)
        for current, old in self._DEPRECATED:
            if out.get(old) is None:
                out.pop(old, None)
                continue
            if out.get(current) is not None:
                raise errors.StackValidationFailed(
                    "Cannot define the following properties at the same "
                    "time: %s, %s" % (current, old),
                    error="Property error", path=path)
            out[current] = out.pop(old)
        return out

    def validate_more(self, name, snippet, vctx):
        path = ["resources", name, "properties"]
        props = self._translated(snippet, path)
        if props.get("router") is None:
            raise errors.StackValidationFailed(
                "Property router not assigned", error="Property error",
                path=path)
        has_subnet = props.get("subnet") is not None
        if has_subnet and props.get("port") is not None:
            raise errors.StackValidationFailed(
                "Cannot define the following properties at the same "
                "time: subnet, port", path=path)
        if not has_subnet and props.get("port") is None:
            raise errors.StackValidationFailed(
                "At least one of the following properties must be "
                "specified: subnet, port", path=path)

    def with_defaults(self, props):
        return self._translated(super().with_defaults(props), [])

    def make(self, world, res, props):
        router = world.network.find_router(self.project(res),
                                           props["router"])["id"]
        subnet = neutron.subnet_id(world, res, props.get("subnet"))
        world.network.add_router_interface(
            router, subnet_id=subnet, port_id=props.get("port"),
            project_id=self.project(res))
        res.data.update(router=router, subnet=subnet,
                        port=props.get("port"))
        kind = "subnet_id=%s" % subnet if subnet else \
            "port_id=%s" % props.get("port")
        return {"id": "%s:%s" % (router, kind)}

    def fetch(self, world, res):
        return {"id": res.physical_id}

    def remove(self, world, res):
        world.network.remove_router_interface(
            res.data.get("router"), subnet_id=res.data.get("subnet"),
            port_id=res.data.get("port"), project_id=self.project(res))


class FloatingIP(cloud.CloudPlugin):
    type_name = "OS::Neutron::FloatingIP"
    props = {"floating_network": P("string", update_allowed=False),
             "floating_network_id": P("string", update_allowed=False),
             "port_id": P("string"), "fixed_ip_address": P("string"),
             "floating_ip_address": P("string", update_allowed=False),
             "floating_subnet": P("string", update_allowed=False),
             "value_specs": P("map", default={}), "dns_name": P("string"),
             "dns_domain": P("string")}
    attrs = ("router_id", "tenant_id", "floating_network_id",
             "fixed_ip_address", "floating_ip_address", "port_id", "show")

    def implicit_deps(self, name, defn):
        """Heat makes a floating IP wait for its stack's routers."""
        return {n for n, r in defn.resources.items()
                if r.plugin.type_name in ("OS::Neutron::RouterInterface",
                                          "OS::Neutron::Router")}

    def make(self, world, res, props):
        return world.network.create_floating_ip(
            self.project(res), props.get("floating_network") or
            props.get("floating_network_id") or "public",
            port_id=props.get("port_id"),
            fixed_ip_address=props.get("fixed_ip_address"),
            floating_ip_address=props.get("floating_ip_address"))

    def change(self, world, res, old, new):
        world.network.update_floating_ip(
            res.physical_id, port_id=new.get("port_id"),
            fixed_ip_address=new.get("fixed_ip_address"),
            project_id=self.project(res))

    def fetch(self, world, res):
        return world.network.get_floating_ip(res.physical_id)

    def remove(self, world, res):
        world.network.delete_floating_ip(res.physical_id)


class FloatingIPAssociation(cloud.CloudPlugin):
    type_name = "OS::Neutron::FloatingIPAssociation"
    props = {"floatingip_id": P("string", required=True),
             "port_id": P("string", required=True),
             "fixed_ip_address": P("string")}
    attrs = ()
    implicit_deps = FloatingIP.implicit_deps

    def make(self, world, res, props):
        world.network.update_floating_ip(
            props["floatingip_id"], port_id=props["port_id"],
            fixed_ip_address=props.get("fixed_ip_address"),
            project_id=self.project(res))
        res.data["fip"] = props["floatingip_id"]
        return {"id": "%s:%s" % (props["floatingip_id"], props["port_id"])}

    def change(self, world, res, old, new):
        self.make(world, res, new)

    def fetch(self, world, res):
        return {"id": res.physical_id}

    def remove(self, world, res):
        world.network.update_floating_ip(res.data.get("fip"), port_id=None,
                                         project_id=self.project(res))


PLUGINS = [Router(), RouterInterface(), FloatingIP(),
           FloatingIPAssociation()]
