"""Kubernetes on Ironic bare metal through Heat (facts §10.4): the
shared Kubernetes templates and mappings with the differences of bare
metal as data. The cluster lives on the existing fixed network and
subnet of its template (an IPv4 subnet), nodes have no Cinder volumes,
and Fedora nodes start the Heat agent from cloud-init (the driver's
environment). Magnum's version of this driver broke because it passed
parameters its template did not declare; here the template is the one
the VM driver renders, so the declared set cannot drift.
"""

import ipaddress

from magnum_like.common import exceptions
from magnum_like.drivers.heat import common_mappings as common
from magnum_like.drivers.heat import definition
from magnum_like.drivers.heat import environments
from magnum_like.drivers.heat import k8s_mappings
from magnum_like.drivers.heat import parameters as p
from magnum_like.drivers.heat.parameters import Param

# Volumes bare-metal nodes cannot have: the size labels or attributes a
# user may set, each refused with a 400 rather than ignored.
_VOLUME_SOURCES = {
    "docker_volume_size": common.docker_size,
    "etcd_volume_size": p.Label("etcd_volume_size"),
    "boot_volume_size": p.Label("boot_volume_size"),
}


def check_subnet(subnet):
    """The validation hook of the fixed subnet, given as Neutron returns
    it ({"id", "cidr", "ip_version"?, "network_id"?}): 400 InvalidSubnet
    unless it is IPv4. Returns the StackContext fields it decides."""
    version = subnet.get("ip_version")
    if version is None and subnet.get("cidr"):
        try:
            version = ipaddress.ip_network(subnet["cidr"],
                                           strict=False).version
        except ValueError:
            version = None
    if version != 4:
        raise exceptions.InvalidSubnet(
            subnet=subnet.get("id") or subnet.get("cidr"),
            reason="bare-metal clusters need an IPv4 subnet")
    fields = {"fixed_subnet_id": subnet.get("id") or "",
              "fixed_subnet_cidr": subnet.get("cidr") or ""}
    if subnet.get("network_id"):
        fields["fixed_network_id"] = subnet["network_id"]
    return fields


def _check_fixed_subnet(inputs):
    ctx = inputs.context
    if ctx.fixed_subnet_cidr:
        check_subnet({"id": ctx.fixed_subnet_id,
                      "cidr": ctx.fixed_subnet_cidr})


def _check_no_volumes(inputs):
    for name, source in _VOLUME_SOURCES.items():
        value = source(inputs)
        if value not in (None, "") and str(value) not in ("0", ""):
            raise exceptions.InvalidParameterValue(
                err="%s is not supported on bare metal: Ironic nodes have "
                    "no Cinder volumes." % name)


_fixed_subnet = p.First(p.Context("fixed_subnet_id"),
                        p.ClusterAttr("fixed_subnet"),
                        p.TemplateAttr("fixed_subnet"))
_fixed_network = p.First(p.Context("fixed_network_id"),
                         p.ClusterAttr("fixed_network"),
                         p.TemplateAttr("fixed_network"))

MAPPINGS = common.without(
    k8s_mappings.MAPPINGS, *k8s_mappings.NODE_VOLUMES_NAMES,
    "docker_volume_size", "docker_volume_type", "fixed_subnet",
    "fixed_network") + (
    Param("fixed_subnet", _fixed_subnet, required=True),
    Param("fixed_network", _fixed_network, required=True),
)

DEFINITION = definition.TemplateDefinition(
    main_template=k8s_mappings.MAIN_TEMPLATE,
    mappings=MAPPINGS,
    choose_environments=environments.chooser(
        private_network=False, docker_volume=False, etcd_volume=False),
    environments=("k8s_fedora_ironic_v1/environment.yaml",),
    validators=(_check_fixed_subnet, _check_no_volumes,
                *k8s_mappings.VALIDATORS),
    check_subnet=check_subnet,
    upgrade_parameters=k8s_mappings.UPGRADE_PARAMETERS,
)
