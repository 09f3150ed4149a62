"""Heat parameters and outputs of the Docker Swarm drivers, as data:
the shared templates common/swarm/swarmcluster.yaml, in swarm mode
(swarm_fedora_atomic_v2) or classic (swarm_fedora_atomic_v1), which
differ only in their environment (the hosts' configurations) and in the
port of each host's Docker daemon.
"""

from magnum_like.drivers.heat import common_mappings as common
from magnum_like.drivers.heat import definition
from magnum_like.drivers.heat import environments
from magnum_like.drivers.heat import parameters as p
from magnum_like.drivers.heat.parameters import Param

MAIN_TEMPLATE = "common/swarm/swarmcluster.yaml"
API_PORT = 2376
INSECURE_API_PORT = 2375

ROLES = common.Roles(worker_image="node_image", worker_flavor="node_flavor",
                     worker_count="number_of_nodes",
                     worker_remove="nodes_to_remove")

UPGRADE_NOT_SUPPORTED = (
    "Docker Swarm hosts run the Docker engine of their Fedora Atomic "
    "image, so an upgrade means a new image, which Heat applies only by "
    "rebuilding every host and losing its containers and volumes. Create "
    "a cluster from the new template and move the services to it.")


def api_port(inputs):
    return INSECURE_API_PORT if common.tls_disabled(inputs) else API_PORT


def _docker_port(offset):
    """Each host's Docker daemon: the API port itself in swarm mode
    (managers are Docker daemons), a port beside it for classic Swarm
    (masters' manager containers hold the API port)."""
    return lambda inputs: api_port(inputs) + offset


def mappings(docker_port_offset=0):
    return (
        *common.IDENTITY,
        *common.servers(ROLES),
        *common.BOOT_VOLUME,
        *common.DOCKER_STORAGE,
        *common.NETWORK,
        Param("flannel_network_cidr", p.Label("flannel_network_cidr")),
        Param("flannel_network_subnetlen",
              p.Label("flannel_network_subnetlen"), kind="int"),
        Param("flannel_backend", p.Label("flannel_backend")),
        *common.API_ENDPOINT,
        Param("swarm_port", api_port, kind="int"),
        Param("docker_port", _docker_port(docker_port_offset), kind="int"),
        Param("swarm_strategy", p.Label("swarm_strategy")),
        *common.AGENT,
        *common.truthy_labels("swarm_tag", "etcd_tag", "flannel_tag"),
        *common.OPENSTACK_ACCESS,
        *common.DOCKER_HOSTS,
    )


OUTPUTS = common.role_outputs(
    "swarm_masters", "swarm_nodes", ROLES.worker_count,
    "tcp", API_PORT, "tcp", INSECURE_API_PORT)


def swarm_definition(coe, environment, docker_port_offset, version):
    """The TemplateDefinition of a Swarm driver."""
    return definition.TemplateDefinition(
        main_template=MAIN_TEMPLATE,
        mappings=mappings(docker_port_offset),
        output_mapping=OUTPUTS,
        choose_environments=environments.chooser(etcd_volume=False),
        environments=(environment,),
        validators=(common.follows_coe_rules(coe),),
        upgrade_not_supported=UPGRADE_NOT_SUPPORTED,
        nodegroup_stacks=False,
        count_parameter=ROLES.worker_count,
        remove_parameter=ROLES.worker_remove,
        container_version=version)
