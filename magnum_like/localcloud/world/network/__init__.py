"""Neutron v2.0 emulation: the ``world.network`` service.

Core resources (networks, subnets, ports, IP allocation) are in ``core``,
routers and floating IPs in ``l3``, security groups and quotas in
``security``. Records are Neutron API shaped dicts.
"""

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world.network.core import CoreMixin
from magnum_like.localcloud.world.network.l3 import L3Mixin
from magnum_like.localcloud.world.network.security import SecurityMixin


class Network(CoreMixin, L3Mixin, SecurityMixin, base.Service):
    """Networks, subnets, ports, routers, floating IPs, security groups."""

    def reset(self):
        self._reset_core()
        self._reset_l3()
        self._reset_security()

    def ports_of_device(self, device_id):
        """Ports bound to a device (server, router, load balancer)."""
        return [p for p in self.ports.values() if p["device_id"] == device_id]

    def summary_for(self, project_id):
        return {"networks": _count(self.networks, project_id),
                "ports": _count(self.ports, project_id),
                "floating_ips": _count(self.floatingips, project_id),
                "routers": _count(self.routers, project_id),
                "security_groups": _count(self.security_groups, project_id)}


def _count(table, project_id):
    return sum(1 for r in table.values() if r["project_id"] == project_id)
