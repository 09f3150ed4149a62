"""What a cluster template may ask of each COE, shared by every driver
of that COE: network drivers, volume drivers, server types and the
[cluster_template] options that narrow them (facts §4.1).

One table, so that two drivers of a COE cannot drift apart.
"""

import dataclasses

SERVER_TYPES = ("vm", "bm")


@dataclasses.dataclass(frozen=True)
class CoeRules:
    """The template rules of one COE.

    `network_drivers` and `volume_drivers` are what the COE supports at
    all; the operator narrows the network drivers with the
    `[cluster_template] <option_prefix>_allowed_network_drivers` option
    (`all` keeps every supported one) and picks the default with
    `<option_prefix>_default_network_driver`.
    """

    coe: str
    network_drivers: tuple
    volume_drivers: tuple
    option_prefix: str
    server_types: tuple = SERVER_TYPES

    def allowed_network_drivers(self, conf):
        allowed = getattr(conf.cluster_template,
                          "%s_allowed_network_drivers" % self.option_prefix)
        if "all" in allowed:
            return list(self.network_drivers)
        return [d for d in allowed if d in self.network_drivers]

    def default_network_driver(self, conf):
        return getattr(conf.cluster_template,
                       "%s_default_network_driver" % self.option_prefix)


def _swarm(coe):
    return CoeRules(coe=coe, network_drivers=("docker", "flannel"),
                    volume_drivers=("rexray",), option_prefix="swarm")


RULES = {
    "kubernetes": CoeRules(
        coe="kubernetes", network_drivers=("flannel", "calico"),
        volume_drivers=("cinder",), option_prefix="kubernetes"),
    "swarm": _swarm("swarm"),
    "swarm-mode": _swarm("swarm-mode"),
    "mesos": CoeRules(
        coe="mesos", network_drivers=("docker",),
        volume_drivers=("rexray",), option_prefix="mesos"),
}

COES = tuple(RULES)


def for_coe(coe):
    """The rules of `coe`, or None when no COE of that name exists."""
    return RULES.get(coe)
