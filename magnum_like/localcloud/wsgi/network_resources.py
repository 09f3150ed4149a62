"""How each Neutron collection maps onto ``world.network`` calls.

Each spec gives the singular body key, the Neutron type prefix for
"not found" errors, and functions ``list(net, ctx)``, ``create(net, ctx,
body)``, ``update(net, ctx, id, body)``, ``delete(net, ctx, id)``.
"""

import collections

from magnum_like.localcloud.world import errors

Spec = collections.namedtuple(
    "Spec", "singular type_name list create update delete")


def _scope(ctx):
    return {"project_id": ctx["project_id"], "is_admin": ctx["is_admin"]}


def _owner(ctx, body):
    """Admins may create for another project."""
    wanted = body.pop("project_id", None) or body.pop("tenant_id", None)
    if wanted and wanted != ctx["project_id"] and not ctx["is_admin"]:
        raise errors.Forbidden("(rule:create) is disallowed by policy",
                               neutron_type="PolicyNotAuthorized")
    body.pop("tenant_id", None)
    return wanted or ctx["project_id"]


def _admin_only(ctx, body, keys):
    """Neutron enforces an attribute's policy only when the request sets
    it to something other than its default (``shared: false`` from a
    non-admin is fine); every attribute here defaults to false/unset."""
    for key in keys:
        if body.get(key) not in (None, False) and not ctx["is_admin"]:
            raise errors.Forbidden(
                "(rule:create_network:%s) is disallowed by policy" % key,
                neutron_type="PolicyNotAuthorized")


def _create_network(net, ctx, body):
    _admin_only(ctx, body, ("router:external", "shared",
                            "provider:network_type"))
    owner = _owner(ctx, body)
    body["external"] = body.pop("router:external", False)
    for key in [k for k in body if k.startswith("provider:")
                or k in ("availability_zone_hints", "qos_policy_id",
                         "dns_domain", "tags")]:
        body.pop(key)
    return net.create_network(owner, **body)


def _create_subnet(net, ctx, body):
    owner = _owner(ctx, body)
    for key in ("cidr", "network_id"):
        if not body.get(key):
            raise errors.BadRequest("Invalid input: '%s' is required"
                                    % key)
    for key in ("subnetpool_id", "ipv6_ra_mode", "ipv6_address_mode",
                "service_types", "segment_id", "use_default_subnetpool",
                "tags", "prefixlen"):
        body.pop(key, None)
    if "gateway_ip" not in body:
        body["gateway_ip"] = "auto"
    return net.create_subnet(owner, body.pop("network_id"),
                             body.pop("cidr"), **body)


def _create_port(net, ctx, body):
    owner = _owner(ctx, body)
    if not body.get("network_id"):
        raise errors.BadRequest("Invalid input: 'network_id' is required")
    for key in ("binding:vnic_type", "binding:profile", "tags", "dns_name",
                "qos_policy_id", "extra_dhcp_opts"):
        body.pop(key, None)
    if "binding:host_id" in body:
        body["binding_host_id"] = body.pop("binding:host_id")
    return net.create_port(owner, body.pop("network_id"), **body)


def _create_router(net, ctx, body):
    owner = _owner(ctx, body)
    gateway = body.pop("external_gateway_info", None) or {}
    for key in ("distributed", "ha", "availability_zone_hints", "tags",
                "flavor_id"):
        body.pop(key, None)
    return net.create_router(owner, external_network=gateway.get(
        "network_id"), enable_snat=gateway.get("enable_snat", True), **body)


def _create_fip(net, ctx, body):
    owner = _owner(ctx, body)
    if not body.get("floating_network_id"):
        raise errors.BadRequest("Invalid input: 'floating_network_id' is "
                                "required")
    for key in ("subnet_id", "dns_name", "dns_domain", "qos_policy_id",
                "tags"):
        body.pop(key, None)
    return net.create_floating_ip(owner, body.pop("floating_network_id"),
                                  **body)


def _create_sg(net, ctx, body):
    owner = _owner(ctx, body)
    body.pop("tags", None)
    return net.create_security_group(owner, body.pop("name", ""), **body)


def _create_rule(net, ctx, body):
    owner = _owner(ctx, body)
    if not body.get("security_group_id"):
        raise errors.BadRequest("Invalid input: 'security_group_id' is "
                                "required")
    body.pop("remote_address_group_id", None)
    return net.create_security_group_rule(
        owner, body.pop("security_group_id"), **body)


def _update_router(net, ctx, rid, body):
    return net.update_router(rid, **_scope(ctx), **body)


def _update_fip(net, ctx, fid, body):
    return net.update_floating_ip(fid, body.get("port_id"),
                                  body.get("fixed_ip_address"), **_scope(ctx))


def _update_sg(net, ctx, sid, body):
    return net.update_security_group(sid, **_scope(ctx), **body)


def _not_updatable(net, ctx, rid, body):
    raise errors.BadRequest("Security group rules cannot be updated.")


SPECS = {
    "networks": Spec(
        "network", "Network",
        lambda n, c: n.list_networks(**_scope(c)), _create_network,
        lambda n, c, i, b: n.update_network(i, **_scope(c), **b),
        lambda n, c, i: n.delete_network(i, **_scope(c))),
    "subnets": Spec(
        "subnet", "Subnet",
        lambda n, c: n.list_subnets(**_scope(c)), _create_subnet,
        lambda n, c, i, b: n.update_subnet(i, **_scope(c), **b),
        lambda n, c, i: n.delete_subnet(i, **_scope(c))),
    "ports": Spec(
        "port", "Port",
        lambda n, c: n.list_ports(**_scope(c)), _create_port,
        lambda n, c, i, b: n.update_port(i, **_scope(c), **b),
        lambda n, c, i: n.delete_port(i, **_scope(c))),
    "routers": Spec(
        "router", "Router",
        lambda n, c: n.list_routers(**_scope(c)), _create_router,
        _update_router, lambda n, c, i: n.delete_router(i, **_scope(c))),
    "floatingips": Spec(
        "floatingip", "FloatingIP",
        lambda n, c: n.list_floating_ips(**_scope(c)), _create_fip,
        _update_fip, lambda n, c, i: n.delete_floating_ip(i, **_scope(c))),
    "security-groups": Spec(
        "security_group", "SecurityGroup",
        lambda n, c: n.list_security_groups(**_scope(c)), _create_sg,
        _update_sg,
        lambda n, c, i: n.delete_security_group(i, **_scope(c))),
    "security-group-rules": Spec(
        "security_group_rule", "SecurityGroupRule",
        lambda n, c: n.list_security_group_rules(**_scope(c)), _create_rule,
        _not_updatable,
        lambda n, c, i: n.delete_security_group_rule(i, **_scope(c))),
}

EXTENSIONS = (
    ("external-net", "Neutron external network"),
    ("router", "Neutron L3 Router"),
    ("security-group", "security-group"),
    ("quotas", "Quota management support"),
    ("quota_details", "Quota details management support"),
    ("port-security", "Port Security"),
    ("binding", "Port Binding"),
    ("allowed-address-pairs", "Allowed Address Pairs"),
    ("extraroute", "Neutron Extra Route"),
    ("ext-gw-mode", "Neutron L3 Configurable external gateway mode"),
    ("standard-attr-description", "standard-attr-description"),
    ("standard-attr-timestamp", "Resource timestamps"),
    ("standard-attr-revisions", "Resource revision numbers"),
    ("project-id", "project_id field enabled"),
    ("availability_zone", "Availability Zone"),
    ("network_availability_zone", "Network Availability Zone"),
    ("router_availability_zone", "Router Availability Zone"),
    ("net-mtu", "Network MTU"),
    ("provider", "Provider Network"),
    ("stateful-security-group", "Stateful security group"),
)
