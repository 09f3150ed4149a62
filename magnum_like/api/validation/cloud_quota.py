"""A pre-flight of the project's Nova and Neutron quotas before a cluster
create, resize or nodegroup create answers 202 (issue 11; Magnum never
had it): a 403 naming the resource that would run out, instead of a
CREATE_FAILED minutes later.

The cloud is read as the caller: Nova's `GET /limits` (maxTotalInstances,
maxTotalCores, maxTotalRAMSize and their totals used) and Neutron's quota
details (`GET /v2.0/quotas/{project}/details`: limit and used per
resource). A limit of -1 is unlimited; a service that does not report a
resource (or refuses to) leaves it unchecked. The demand is a lower
bound, what the new servers surely take: one port each, a floating IP
each when floating IPs are enabled, the master load balancer's port and
floating IP, and two security groups for a new cluster.
"""

import dataclasses

from neutronclient.common import exceptions as neutron_exc
from novaclient import exceptions as nova_exc
from oslo_config import cfg
from oslo_log import log as logging

from magnum_like.common import clients
from magnum_like.common import exceptions

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

# Nova's absolute limits: resource -> (limit key, used key).
_NOVA = {"instances": ("maxTotalInstances", "totalInstancesUsed"),
         "cores": ("maxTotalCores", "totalCoresUsed"),
         "ram": ("maxTotalRAMSize", "totalRAMUsed")}
_NEUTRON = ("floatingip", "port", "security_group")
_NAMES = {"instances": "instances", "cores": "cores (vCPUs)",
          "ram": "RAM (MiB)", "floatingip": "floating IPs",
          "port": "ports", "security_group": "security groups"}


@dataclasses.dataclass
class Demand:
    """What an operation adds to the project, per resource."""

    instances: int = 0
    cores: int = 0
    ram: int = 0
    floatingip: int = 0
    port: int = 0
    security_group: int = 0

    def add_servers(self, count, flavor, floating_ips):
        count = max(int(count or 0), 0)
        self.instances += count
        self.cores += count * int(getattr(flavor, "vcpus", 0) or 0)
        self.ram += count * int(getattr(flavor, "ram", 0) or 0)
        self.port += count
        if floating_ips:
            self.floatingip += count
        return self


def cluster_demand(master_flavor, flavor, masters, workers, values):
    """The demand of a new cluster (`values`: its API fields)."""
    fips = bool(values.get("floating_ip_enabled"))
    demand = Demand(security_group=2)
    demand.add_servers(masters, master_flavor, fips)
    demand.add_servers(workers, flavor, fips)
    if values.get("master_lb_enabled"):
        demand.port += 1
        demand.floatingip += 1 if fips else 0
    return demand


def _nova_headroom(context):
    """{resource: (limit, used)} from Nova's /limits."""
    # As the service user (noauth), name the caller's project.
    other = {} if getattr(context, "user_auth", None) is not None \
        else {"tenant_id": context.project_id}
    try:
        with clients.unavailable_on_failure("nova"):
            limits = clients.nova(context).limits.get(reserved=False,
                                                      **other)
    except (nova_exc.Forbidden, nova_exc.NotFound):
        return {}
    absolute = {item.name: item.value for item in limits.absolute}
    return {resource: (absolute[limit], absolute.get(used, 0))
            for resource, (limit, used) in _NOVA.items()
            if limit in absolute}


def _neutron_headroom(context):
    """{resource: (limit, used)} from Neutron's quota details."""
    try:
        with clients.unavailable_on_failure("neutron"):
            details = clients.neutron(context).show_quota_details(
                context.project_id)["quota"]
    except (neutron_exc.Forbidden, neutron_exc.NotFound):
        return {}
    return {resource: (details[resource].get("limit", -1),
                       details[resource].get("used", 0) +
                       details[resource].get("reserved", 0))
            for resource in _NEUTRON if isinstance(
                details.get(resource), dict)}


def check(context, demand):
    """403 ResourceLimitExceeded naming the first resource `demand`
    would take past the project's quota."""
    if not CONF.quotas.check_cloud_quotas:
        return
    headroom = {}
    if demand.instances or demand.cores or demand.ram:
        headroom.update(_nova_headroom(context))
    if demand.floatingip or demand.port or demand.security_group:
        headroom.update(_neutron_headroom(context))
    for resource, (limit, used) in headroom.items():
        wanted = getattr(demand, resource)
        if wanted and limit is not None and 0 <= limit < used + wanted:
            raise exceptions.ResourceLimitExceeded(
                msg="the project's quota of %s would be exceeded: this "
                    "needs %d more, %d of %d are in use." % (
                        _NAMES[resource], wanted, used, limit))
