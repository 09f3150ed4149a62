"""Classic Docker Swarm on Fedora Atomic through Heat: the shared Swarm
templates with the classic host configurations (a swarm manager on the
API port, each host's Docker daemon two ports above it)."""

from magnum_like.drivers.heat import swarm_mappings

DEFINITION = swarm_mappings.swarm_definition(
    "swarm", "swarm_fedora_atomic_v1/environment.yaml",
    docker_port_offset=2, version="1.2.5")
