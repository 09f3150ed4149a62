"""Cluster template checks that need no cloud: server type, network and
volume drivers, docker storage (facts §4.1 create pipeline, steps 1-4).

Each takes the template as a dict of API fields and raises
InvalidParameterValue (400); `network_driver` also fills the default.
"""

from oslo_config import cfg

from magnum_like.common import exceptions
from magnum_like.drivers import coe_rules

CONF = cfg.CONF

MIN_DEVICEMAPPER_VOLUME_SIZE = 3


def _expecting(values):
    return "/".join(list(values) + ["unspecified"])


def _rules(template):
    rules = coe_rules.for_coe(template.get("coe"))
    if rules is None:
        raise exceptions.InvalidParameterValue(
            err="Requested COE type %s is not supported; expecting one of "
                "%s." % (template.get("coe"), ", ".join(coe_rules.COES)))
    return rules


def server_type(template):
    rules = _rules(template)
    value = template.get("server_type")
    if value not in rules.server_types:
        raise exceptions.InvalidParameterValue(
            err="Server type %s is not supported, expecting a %s server "
                "type." % (value, _expecting(rules.server_types)))


def network_driver(template):
    """Default the network driver, then check it is supported by the COE
    and allowed by [cluster_template]."""
    rules = _rules(template)
    if not template.get("network_driver"):
        template["network_driver"] = rules.default_network_driver(CONF)
    driver = template["network_driver"]
    if driver not in rules.network_drivers:
        raise exceptions.InvalidParameterValue(
            err="Network driver type %s is not supported, expecting a %s "
                "network driver." % (driver,
                                     _expecting(rules.network_drivers)))
    allowed = rules.allowed_network_drivers(CONF)
    if driver not in allowed:
        raise exceptions.InvalidParameterValue(
            err="Network driver type %s is not allowed, expecting a %s "
                "network driver." % (driver, _expecting(allowed)))


def volume_driver(template):
    rules = _rules(template)
    driver = template.get("volume_driver")
    if driver and driver not in rules.volume_drivers:
        raise exceptions.InvalidParameterValue(
            err="Volume driver type %s is not supported, expecting a %s "
                "volume driver." % (driver,
                                    _expecting(rules.volume_drivers)))


def docker_storage(template):
    if template.get("docker_storage_driver") != "devicemapper":
        return
    size = template.get("docker_volume_size")
    if not size or size < MIN_DEVICEMAPPER_VOLUME_SIZE:
        raise exceptions.InvalidParameterValue(
            err="docker volume size %s GB is not valid, expecting minimum "
                "value %dGB for devicemapper storage driver." % (
                    size, MIN_DEVICEMAPPER_VOLUME_SIZE))


def check(template):
    """Every rule, in Magnum's order; fills the default network driver."""
    server_type(template)
    network_driver(template)
    volume_driver(template)
    docker_storage(template)
    return template
