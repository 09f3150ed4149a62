"""The checks a Heat driver makes when it renders a stack, made on a
planned cluster before the API answers 202 (base.Driver.check_plan).

The same validators and parameter mappings run as in the conductor, on
a StackContext holding what is known before anything exists: the fixed
network and subnet the API found, the deployment's trust setting. What
only the cloud of the cluster can tell (Octavia in the catalog, the
cluster's CA and trust) is left to the conductor.
"""

from oslo_config import cfg

from magnum_like.common import network_rules
from magnum_like.drivers.heat import parameters

CONF = cfg.CONF


# Stands for what only the conductor knows (the trustee, the endpoints,
# the cluster stack's outputs); never sent anywhere.
_LATER = "known-when-built"
_LATER_FIELDS = ("magnum_url", "auth_url", "trustee_user_id",
                 "trustee_password", "trust_id",
                 "existing_master_private_ip", "existing_security_group")


def context_of(definition, plan):
    """The StackContext fields known before the cluster exists."""
    ctx = parameters.StackContext(
        cluster_user_trust=CONF.trust.cluster_user_trust,
        # Octavia is the conductor's to check, in the cluster's catalog.
        octavia_enabled=True,
        **{name: _LATER for name in _LATER_FIELDS})
    if plan.external_network:
        ctx.external_network_id = plan.external_network.get("id") or ""
    if plan.fixed_network:
        ctx.fixed_network_id = plan.fixed_network.get("id") or ""
        ctx.fixed_network_name = plan.fixed_network.get("name") or ""
    if plan.fixed_subnet:
        apply_subnet(definition, ctx, plan.fixed_subnet)
    return ctx


def apply_subnet(definition, ctx, subnet):
    """Set the fixed subnet fields of `ctx` from `subnet` (as Neutron
    lists it): the definition's check_subnet decides them when it has
    one (and may refuse the subnet). Returns the network the subnet is
    on when the definition derives the network from it, None otherwise;
    a derived network must be the fixed network given (InvalidSubnet)."""
    check = definition.check_subnet
    fields = check(subnet) if check else {
        "fixed_subnet_id": subnet["id"],
        "fixed_subnet_cidr": subnet["cidr"]}
    network_id = fields.pop("fixed_network_id", None)
    for key, value in fields.items():
        setattr(ctx, key, value)
    if network_id and ctx.fixed_network_id:
        network_rules.check_subnet_on_network(
            dict(subnet, network_id=network_id), ctx.fixed_network_id,
            ctx.fixed_network_name)
    return network_id


def check(definition, plan):
    """Typed 400s for what `definition` would refuse to build."""
    new = plan.nodegroup
    cluster = plan.cluster
    if isinstance(cluster, dict):
        cluster = dict(cluster, uuid=cluster.get("uuid") or _LATER)
    inputs = parameters.StackInputs(
        cluster_template=plan.cluster_template, cluster=cluster,
        worker_nodegroup=new if new is not None else plan.worker,
        master_nodegroup=plan.master,
        context=context_of(definition, plan),
        is_cluster_stack=new is None)
    definition.validate(inputs)
    parameters.render(definition.mappings, inputs)
