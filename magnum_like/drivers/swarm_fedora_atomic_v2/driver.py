"""The swarm_fedora_atomic_v2 driver: (vm, fedora-atomic, swarm-mode)."""

from magnum_like.drivers import base
from magnum_like.drivers.heat import driver as heat_driver
from magnum_like.drivers.swarm_fedora_atomic_v2 import template_def


class Driver(base.Driver):
    provides = [
        {"server_type": "vm", "os": "fedora-atomic", "coe": "swarm-mode"},
    ]
    operations = heat_driver.HeatOperations(template_def.DEFINITION)
