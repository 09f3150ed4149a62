"""The mesos_ubuntu_v1 driver: (vm, ubuntu, mesos)."""

from magnum_like.drivers import base
from magnum_like.drivers.heat import driver as heat_driver
from magnum_like.drivers.mesos_ubuntu_v1 import template_def


class Driver(base.Driver):
    provides = [
        {"server_type": "vm", "os": "ubuntu", "coe": "mesos"},
    ]
    operations = heat_driver.HeatOperations(template_def.DEFINITION)
