"""The k8s_fedora_ironic_v1 driver: (bm, fedora, kubernetes)."""

from magnum_like.drivers import base
from magnum_like.drivers.heat import driver as heat_driver
from magnum_like.drivers.k8s_fedora_ironic_v1 import template_def


class Driver(base.Driver):
    provides = [
        {"server_type": "bm", "os": "fedora", "coe": "kubernetes"},
    ]
    operations = heat_driver.HeatOperations(template_def.DEFINITION)
