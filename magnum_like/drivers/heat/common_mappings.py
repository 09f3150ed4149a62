"""Heat parameters every cluster template declares under the same name
(facts §10.3), as data: what the stack is, its servers, its network, the
API endpoint, container storage and how nodes reach OpenStack and Magnum.

Each COE's mappings (k8s_mappings, swarm_mappings, mesos_mappings) are
these plus their own; the COEs differ in the names of the worker
parameters, which `servers` takes as a `Roles`.
"""

import dataclasses

from magnum_like.common import exceptions
from magnum_like.drivers import coe_rules
from magnum_like.drivers.heat import outputs
from magnum_like.drivers.heat import parameters as p
from magnum_like.drivers.heat.parameters import Param

DEFAULT_FIXED_SUBNET_CIDR = "10.0.0.0/24"
CLUSTER = "cluster"
NODEGROUP = "nodegroup"


@dataclasses.dataclass(frozen=True)
class Roles:
    """The names a COE's templates give the per-role parameters."""

    master_image: str = "master_image"
    master_flavor: str = "master_flavor"
    master_count: str = "number_of_masters"
    worker_image: str = "minion_image"
    worker_flavor: str = "minion_flavor"
    worker_count: str = "number_of_minions"
    worker_remove: str = "minions_to_remove"


def tls_disabled(inputs):
    return p.to_bool(p.TemplateAttr("tls_disabled")(inputs) or False)


def fixed_subnet_cidr(inputs):
    return p.First(p.Context("fixed_subnet_cidr"),
                   p.Label("fixed_subnet_cidr"))(inputs)


def _no_proxy(inputs):
    no_proxy = p.TemplateAttr("no_proxy")(inputs)
    if not no_proxy:
        return None
    return "%s,%s" % (no_proxy, fixed_subnet_cidr(inputs) or
                      DEFAULT_FIXED_SUBNET_CIDR)


def _trust_id(inputs):
    if inputs.context.cluster_user_trust:
        return p.First(p.Context("trust_id"),
                       p.ClusterAttr("trust_id"))(inputs)
    return None


def _allowed_cidrs(inputs):
    cidrs = p.Label("master_lb_allowed_cidrs")(inputs)
    if not cidrs:
        return None
    subnet = fixed_subnet_cidr(inputs) or DEFAULT_FIXED_SUBNET_CIDR
    return [c.strip() for c in str(cidrs).split(",") if c.strip()] + [
        subnet]


def _nodes_to_remove(inputs):
    return list(inputs.nodes_to_remove) or None


def when_positive(size_source, type_sources):
    """The first of `type_sources` when `size_source` is a positive size,
    else nothing (a volume type without a volume is not passed)."""
    def value(inputs):
        size = size_source(inputs)
        if not size or int(size) <= 0:
            return None
        return p.First(*type_sources)(inputs)
    return value


def labels(*names, kind="str"):
    return [Param(n, p.Label(n), kind=kind) for n in names]


def truthy_labels(*names):
    return [Param(n, p.Label(n), only_if_true=True) for n in names]


docker_size = p.First(p.NodeGroupAttr("worker", "docker_volume_size"),
                      p.ClusterAttr("docker_volume_size"),
                      p.TemplateAttr("docker_volume_size"))

IDENTITY = (
    Param("cluster_uuid", p.ClusterAttr("uuid"), required=True),
    Param("project_id", p.ClusterAttr("project_id")),
)


def servers(roles=Roles()):
    """Images, flavors and counts of both roles, and where they run."""
    return (
        Param("ssh_key_name", p.First(p.ClusterAttr("keypair"),
                                      p.TemplateAttr("keypair_id"))),
        Param("ssh_public_key", p.Context("ssh_public_key")),
        Param(roles.master_image, p.First(
            p.NodeGroupAttr("master", "image_id"),
            p.TemplateAttr("image_id")), required=True, stacks=CLUSTER),
        Param(roles.worker_image, p.First(
            p.NodeGroupAttr("worker", "image_id"),
            p.TemplateAttr("image_id")), required=True),
        Param(roles.master_flavor, p.First(
            p.NodeGroupAttr("master", "flavor_id"),
            p.ClusterAttr("master_flavor_id"),
            p.TemplateAttr("master_flavor_id")), stacks=CLUSTER),
        Param(roles.worker_flavor, p.First(
            p.NodeGroupAttr("worker", "flavor_id"),
            p.ClusterAttr("flavor_id"), p.TemplateAttr("flavor_id"))),
        Param(roles.master_count, p.NodeGroupAttr("master", "node_count"),
              kind="int", stacks=CLUSTER),
        Param(roles.worker_count, p.NodeGroupAttr("worker", "node_count"),
              kind="int"),
        Param(roles.worker_remove, _nodes_to_remove, kind="list"),
        Param("nodes_affinity_policy",
              p.Conf("cluster", "nodes_affinity_policy")),
        Param("availability_zone", p.Label("availability_zone")),
    )


boot_size = p.First(p.Label("boot_volume_size"),
                    p.Conf("cinder", "default_boot_volume_size"))

# A boot volume for every node when the boot_volume_size label (or
# [cinder] default_boot_volume_size) asks for one: the API accepts a
# zero-disk flavor on that promise, which every driver must keep.
BOOT_VOLUME = (
    Param("boot_volume_size", boot_size, kind="int"),
    Param("boot_volume_type", when_positive(boot_size, (
        p.Label("boot_volume_type"),
        p.Conf("cinder", "default_boot_volume_type")))),
)

DOCKER_STORAGE = (
    Param("docker_volume_size", docker_size, kind="int"),
    Param("docker_volume_type", when_positive(docker_size, (
        p.Label("docker_volume_type"),
        p.Conf("cinder", "default_docker_volume_type")))),
    Param("docker_storage_driver", p.TemplateAttr("docker_storage_driver")),
)

NETWORK = (
    Param("external_network", p.First(p.Context("external_network_id"),
                                      p.TemplateAttr("external_network_id")),
          required=True),
    Param("fixed_network", p.First(p.Context("fixed_network_id"),
                                   p.ClusterAttr("fixed_network"),
                                   p.TemplateAttr("fixed_network"))),
    Param("fixed_network_name", p.First(p.Context("fixed_network_name"),
                                        p.ClusterAttr("name"))),
    Param("fixed_subnet", p.First(p.Context("fixed_subnet_id"),
                                  p.ClusterAttr("fixed_subnet"),
                                  p.TemplateAttr("fixed_subnet"))),
    Param("fixed_subnet_cidr", fixed_subnet_cidr),
    Param("dns_nameserver", p.TemplateAttr("dns_nameserver"), kind="list"),
    Param("network_driver", p.TemplateAttr("network_driver")),
    Param("http_proxy", p.TemplateAttr("http_proxy")),
    Param("https_proxy", p.TemplateAttr("https_proxy")),
    Param("no_proxy", _no_proxy),
)

API_ENDPOINT = (
    Param("tls_disabled", p.TemplateAttr("tls_disabled"), kind="bool",
          required=True),
    Param("master_lb_allowed_cidrs", _allowed_cidrs, kind="list",
          stacks=CLUSTER),
    Param("octavia_lb_healthcheck", p.Label("octavia_lb_healthcheck"),
          kind="bool"),
    *labels("octavia_provider", "octavia_lb_algorithm"),
)

OPENSTACK_ACCESS = (
    Param("magnum_url", p.Context("magnum_url"), required=True),
    Param("auth_url", p.Context("auth_url"), required=True),
    Param("region_name", p.Context("region_name")),
    Param("trustee_domain_id", p.Context("trustee_domain_id")),
    Param("trustee_user_id", p.First(p.Context("trustee_user_id"),
                                     p.ClusterAttr("trustee_user_id")),
          required=True),
    Param("trustee_username", p.First(p.Context("trustee_username"),
                                      p.ClusterAttr("trustee_username"))),
    Param("trustee_password", p.First(p.Context("trustee_password"),
                                      p.ClusterAttr("trustee_password")),
          required=True),
    Param("trust_id", _trust_id),
    Param("verify_ca", p.Context("verify_ca"), kind="bool"),
    Param("openstack_ca", p.Context("openstack_ca")),
    Param("username", p.Context("username")),
)

# The agent image of every node, and the registry mirror it comes from.
AGENT = tuple(truthy_labels("container_infra_prefix",
                            "heat_container_agent_tag"))

# What Docker hosts (Swarm, Mesos) share: their volume driver and its
# options, and the discovery URL of the masters' cluster.
DOCKER_HOSTS = (
    Param("volume_driver", p.TemplateAttr("volume_driver")),
    Param("rexray_preempt", p.Label("rexray_preempt"), kind="bool"),
    Param("docker_volume_driver_tag", p.Label("rexray_tag"),
          only_if_true=True),
    Param("discovery_url", p.First(p.ClusterAttr("discovery_url"),
                                   p.Context("discovery_url"))),
)


def without(mappings, *names):
    """`mappings` less the Params named: what a template does not take."""
    return tuple(m for m in mappings if m.heat_name not in names)


def follows_coe_rules(coe):
    """A validator: the template's network and volume drivers are ones
    the COE supports (coe_rules.py, which the API applied when the
    template was made; a template edited since is caught here)."""
    rules = coe_rules.for_coe(coe)

    def validate(inputs):
        for attr, allowed in (("network_driver", rules.network_drivers),
                              ("volume_driver", rules.volume_drivers)):
            value = p.TemplateAttr(attr)(inputs)
            if value and value not in allowed:
                raise exceptions.InvalidParameterValue(
                    err="%s %s is not supported by %s clusters; "
                        "supported: %s." % (attr, value, coe,
                                            ", ".join(allowed)))
    return validate


def role_outputs(masters, workers, worker_count, scheme, port,
                 insecure_scheme, insecure_port):
    """The OutputMapping of templates whose outputs are `<masters>`,
    `<workers>` (+ `_private`, and `<workers>_server_ids`) and which
    report no COE version parameter."""
    return outputs.OutputMapping(
        master_addresses=masters,
        master_private_addresses=masters + "_private",
        worker_addresses=workers,
        worker_private_addresses=workers + "_private",
        worker_server_ids=workers + "_server_ids",
        worker_count_param=worker_count, version_param=None,
        api_scheme=scheme, api_port=port,
        insecure_api_scheme=insecure_scheme,
        insecure_api_port=insecure_port)
