"""[cluster], [cluster_template] and [quotas] options."""

from oslo_config import cfg

cluster_group = cfg.OptGroup(name="cluster", title="Cluster options")
cluster_template_group = cfg.OptGroup(
    name="cluster_template", title="Cluster template options")
quotas_group = cfg.OptGroup(name="quotas", title="Quota options")

cluster_opts = [
    cfg.StrOpt(
        "etcd_discovery_service_endpoint_format",
        default="https://discovery.etcd.io/new?size=%(size)d",
        help="URL format of the etcd discovery service, used when a "
             "cluster does not name a discovery_url."),
    cfg.StrOpt(
        "nodes_affinity_policy", default="soft-anti-affinity",
        choices=["affinity", "anti-affinity", "soft-affinity",
                 "soft-anti-affinity"],
        help="Nova server group policy of the master and worker nodes."),
    cfg.IntOpt(
        "pre_delete_lb_timeout", default=60, min=0,
        help="Seconds to wait for a cluster's load balancers to be "
             "deleted before its stack is deleted."),
    cfg.IntOpt(
        "lost_operation_grace", default=120, min=1,
        help="Seconds after which an in-progress cluster with no stack "
             "is treated as a lost request and driven again or failed."),
]

cluster_template_opts = [
    cfg.ListOpt(
        "kubernetes_allowed_network_drivers", default=["all"],
        help="Network drivers allowed for Kubernetes cluster templates; "
             "`all` allows every driver the COE supports."),
    cfg.StrOpt(
        "kubernetes_default_network_driver", default="flannel",
        help="Network driver of a Kubernetes template that names none."),
    cfg.ListOpt(
        "swarm_allowed_network_drivers", default=["all"],
        help="Network drivers allowed for Swarm cluster templates."),
    cfg.StrOpt(
        "swarm_default_network_driver", default="docker",
        help="Network driver of a Swarm template that names none."),
    cfg.ListOpt(
        "mesos_allowed_network_drivers", default=["all"],
        help="Network drivers allowed for Mesos cluster templates."),
    cfg.StrOpt(
        "mesos_default_network_driver", default="docker",
        help="Network driver of a Mesos template that names none."),
    cfg.BoolOpt(
        "validate_template_keypair", default=False,
        help="Also check in Nova, when a cluster template is created or "
             "updated, that the caller has the keypair the template "
             "names. Off by default, as in Magnum: a template (a public "
             "one above all) may name a keypair that only the owner of "
             "each cluster has; the keypair is always checked when a "
             "cluster is created, as that cluster's owner, the "
             "cluster's own keypair before the template's."),
]

quotas_opts = [
    cfg.IntOpt(
        "max_clusters_per_project", default=20, min=0,
        help="Clusters a project may own when no quota row says "
             "otherwise."),
    cfg.BoolOpt(
        "check_cloud_quotas", default=True,
        help="Before a cluster create, resize or nodegroup create is "
             "accepted, read the project's Nova limits and Neutron quota "
             "details (as the caller) and refuse with a 403 naming the "
             "resource (instances, cores, RAM, floating IPs, ports, "
             "security groups) the new servers would take past its "
             "quota."),
]


def register_opts(conf):
    conf.register_group(cluster_group)
    conf.register_opts(cluster_opts, group=cluster_group)
    conf.register_group(cluster_template_group)
    conf.register_opts(cluster_template_opts, group=cluster_template_group)
    conf.register_group(quotas_group)
    conf.register_opts(quotas_opts, group=quotas_group)


def list_opts():
    return {cluster_group: cluster_opts,
            cluster_template_group: cluster_template_opts,
            quotas_group: quotas_opts}
