"""Heat parameters of the Kubernetes drivers (facts §10.3), as data.

Shared by every Kubernetes Heat driver: a driver's template definition
takes `MAPPINGS` and appends or overrides what its templates differ in.
"""

import ipaddress

from magnum_like.common import exceptions
from magnum_like.drivers.heat import common_mappings as common
from magnum_like.drivers.heat import k8s_addon_mappings as addons
from magnum_like.drivers.heat import parameters as p
from magnum_like.drivers.heat.parameters import Param

# The cluster template every Kubernetes driver renders; a driver's own
# environment maps the node bootstrap of its operating system.
MAIN_TEMPLATE = "common/kubernetes/kubecluster.yaml"
DEFAULT_FIXED_SUBNET_CIDR = common.DEFAULT_FIXED_SUBNET_CIDR
DEFAULT_PODS_CIDR = "10.100.0.0/16"


def _kubernetes_port(inputs):
    return 8080 if common.tls_disabled(inputs) else None


def _lb_protocol(inputs):
    return "HTTP" if common.tls_disabled(inputs) else None


def _pods_cidr(inputs):
    if p.TemplateAttr("network_driver")(inputs) == "calico":
        return p.Label("calico_ipv4pool")(inputs)
    return p.Label("flannel_network_cidr")(inputs)


def _dns_service_ip(inputs):
    """The tenth address of the service range, when the range is not
    the template default (10.254.0.0/16 -> 10.254.0.10)."""
    cidr = p.Label("service_cluster_ip_range")(inputs)
    if not cidr:
        return None
    try:
        return str(ipaddress.ip_network(cidr, strict=False)[10])
    except (ValueError, IndexError):
        raise exceptions.InvalidParameterValue(
            err="Invalid service_cluster_ip_range label %r." % cidr)


def _cloud_provider_enabled(inputs):
    trust = inputs.context.cluster_user_trust
    label = p.Label("cloud_provider_enabled")(inputs)
    enabled = trust if label is None else p.to_bool(label)
    if enabled and not trust:
        raise exceptions.InvalidParameterValue(
            err="cloud_provider_enabled needs [trust] cluster_user_trust, "
                "which is disabled in this deployment.")
    if not enabled and p.TemplateAttr("volume_driver")(inputs) == "cinder":
        raise exceptions.InvalidParameterValue(
            err="The cinder volume driver needs cloud_provider_enabled.")
    return enabled


def _ingress_controller(inputs):
    value = (p.Label("ingress_controller")(inputs) or "").lower()
    if value == "octavia" and not inputs.context.octavia_enabled:
        raise exceptions.InvalidParameterValue(
            err="The octavia ingress controller needs Octavia, which this "
                "cloud does not offer.")
    return value or None


def _max_node_count(inputs):
    label = p.Label("max_node_count")(inputs)
    if label is not None:
        return label
    count = p.NodeGroupAttr("worker", "node_count")(inputs) or 0
    return int(count) + 1


_etcd_size = p.Label("etcd_volume_size")
_CLUSTER = common.CLUSTER
_NODEGROUP = common.NODEGROUP

# Cinder volumes of the nodes besides the container storage: a boot
# volume for every node, an etcd volume for masters.
NODE_VOLUMES = (
    *common.BOOT_VOLUME,
    Param("etcd_volume_size", _etcd_size, kind="int"),
    Param("etcd_volume_type", common.when_positive(_etcd_size, (
        p.Label("etcd_volume_type"),
        p.Conf("cinder", "default_etcd_volume_type")))),
)
NODE_VOLUMES_NAMES = tuple(m.heat_name for m in NODE_VOLUMES)

MAPPINGS = [
    # what this stack is
    Param("is_cluster_stack", lambda i: i.is_cluster_stack, kind="bool"),
    *common.IDENTITY,
    Param("master_nodegroup_name", p.NodeGroupAttr("master", "name"),
          stacks=_CLUSTER),
    Param("worker_nodegroup_name", p.NodeGroupAttr("worker", "name")),
    Param("worker_role", p.NodeGroupAttr("worker", "role")),
    *common.servers(),
    *NODE_VOLUMES,
    *common.DOCKER_STORAGE,
    *common.NETWORK,
    Param("existing_master_private_ip",
          p.Context("existing_master_private_ip"), required=True,
          stacks=_NODEGROUP),
    Param("existing_security_group", p.Context("existing_security_group"),
          required=True, stacks=_NODEGROUP),
    Param("pods_network_cidr", _pods_cidr),
    Param("portal_network_cidr", p.Label("service_cluster_ip_range")),
    Param("dns_service_ip", _dns_service_ip),
    Param("flannel_backend", p.Label("flannel_backend")),
    Param("flannel_network_subnetlen", p.Label("flannel_network_subnetlen"),
          kind="int"),
    Param("calico_ipv4pool_ipip", p.Label("calico_ipv4pool_ipip")),
    # the API endpoint
    *common.API_ENDPOINT,
    Param("kubernetes_port", _kubernetes_port, kind="int"),
    Param("loadbalancing_protocol", _lb_protocol),
    # versions, images, runtime, component options
    Param("kube_tag", addons.image_tag("kube_tag")),
    Param("kube_version", p.First(addons.image_tag("kube_tag"),
                                  p.ClusterAttr("coe_version"))),
    *common.AGENT,
    *(Param(n, addons.image_tag(n), only_if_true=True)
      for n in ("etcd_tag", "coredns_tag", "flannel_tag", "calico_tag",
                "cloud_provider_tag", "helm_client_tag")),
    *common.truthy_labels("container_runtime",
                          "containerd_version", "containerd_tarball_url",
                          "containerd_tarball_sha256"),
    *common.labels("cgroup_driver", "kubelet_options", "kubeapi_options",
                   "kubecontroller_options", "kubescheduler_options",
                   "kubeproxy_options", "admission_control_list"),
    Param("discovery_url", p.First(p.ClusterAttr("discovery_url"),
                                   p.Context("discovery_url"))),
    # how nodes reach OpenStack and Magnum
    *common.OPENSTACK_ACCESS,
    Param("kube_service_account_key",
          p.Context("service_account_public_key"), stacks=_CLUSTER),
    Param("kube_service_account_private_key",
          p.Context("service_account_private_key"), stacks=_CLUSTER),
    # add-ons
    Param("cloud_provider_enabled", _cloud_provider_enabled, kind="bool"),
    Param("volume_driver", p.TemplateAttr("volume_driver")),
    Param("octavia_enabled", p.Context("octavia_enabled"), kind="bool"),
    Param("ingress_controller", _ingress_controller),
    Param("ingress_controller_role", p.Label("ingress_controller_role")),
    *common.labels("metrics_server_enabled", "auto_healing_enabled",
                   "auto_scaling_enabled", kind="bool"),
    Param("auto_healing_controller", p.Label("auto_healing_controller")),
    Param("min_node_count", p.Label("min_node_count"), kind="int"),
    Param("max_node_count", _max_node_count, kind="int"),
    Param("post_install_manifest_url",
          p.Conf("kubernetes", "post_install_manifest_url")),
    *addons.ADDONS,
]

# What every Kubernetes definition checks besides its parameters.
VALIDATORS = addons.VALIDATORS

# What a rolling upgrade may change on a running stack: versions only,
# Kubernetes' and the add-ons'. Images and the Heat agent are left
# alone: changing them replaces or rebuilds servers.
UPGRADE_PARAMETERS = ("kube_tag", "kube_version", "etcd_tag", "coredns_tag",
                      "flannel_tag", "calico_tag", "cloud_provider_tag",
                      "helm_client_tag", *addons.ADDON_TAGS)
