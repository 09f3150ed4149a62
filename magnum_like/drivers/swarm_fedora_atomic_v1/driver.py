"""The swarm_fedora_atomic_v1 driver: (vm, fedora-atomic, swarm)."""

from magnum_like.drivers import base
from magnum_like.drivers.heat import driver as heat_driver
from magnum_like.drivers.swarm_fedora_atomic_v1 import template_def


class Driver(base.Driver):
    provides = [
        {"server_type": "vm", "os": "fedora-atomic", "coe": "swarm"},
    ]
    operations = heat_driver.HeatOperations(template_def.DEFINITION)
