"""Docker Swarm mode on Fedora Atomic through Heat: the shared Swarm
templates with the swarm-mode host configurations."""

from magnum_like.drivers.heat import swarm_mappings

DEFINITION = swarm_mappings.swarm_definition(
    "swarm-mode", "swarm_fedora_atomic_v2/environment.yaml",
    docker_port_offset=0, version="1.12.6")
