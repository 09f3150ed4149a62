"""Which Neutron networks and subnets a cluster may use: one rule set
for the API's checks before the 202 and for the conductor that builds
the cluster, so that the two never disagree about a name.

Both work on networks and subnets as Neutron lists them (dicts).
"""

from magnum_like.common import exceptions


def fixed_network_candidates(networks):
    """The networks a cluster may take as its fixed network: never an
    external one, even when it shares the name asked for."""
    return [n for n in networks if not n.get("router:external")]


def only(matches, not_found, resource, ident):
    """The one match; `not_found` when none, 409 when several."""
    if not matches:
        raise not_found
    if len(matches) > 1:
        raise exceptions.AmbiguousName(resource=resource, name=ident)
    return matches[0]


def check_subnet_on_network(subnet, network_id, network_name=None):
    """400 InvalidSubnet when `subnet` lies on another network than the
    cluster's fixed network `network_id`."""
    on = subnet.get("network_id")
    if on and network_id and on != network_id:
        raise exceptions.InvalidSubnet(
            subnet=subnet.get("id") or subnet.get("name"),
            reason="it is not on the fixed network %s" %
                   (network_name or network_id))
