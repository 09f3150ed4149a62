"""The k8s_fedora_coreos_v1 driver: (vm, fedora-coreos, kubernetes)."""

from magnum_like.drivers import base
from magnum_like.drivers.heat import driver as heat_driver
from magnum_like.drivers.k8s_fedora_coreos_v1 import template_def


class Driver(base.Driver):
    provides = [
        {"server_type": "vm", "os": "fedora-coreos", "coe": "kubernetes"},
    ]
    operations = heat_driver.HeatOperations(template_def.DEFINITION)
