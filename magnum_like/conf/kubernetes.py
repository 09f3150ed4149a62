"""[kubernetes] and [cinder] options used by the Kubernetes drivers."""

from oslo_config import cfg

kubernetes_group = cfg.OptGroup(
    name="kubernetes", title="Kubernetes cluster options")
cinder_group = cfg.OptGroup(name="cinder", title="Cinder volume options")

kubernetes_opts = [
    cfg.IntOpt(
        "health_polling_interval", default=60,
        help="Seconds between health polls of clusters; negative "
             "disables them."),
    cfg.StrOpt(
        "post_install_manifest_url", default="",
        help="A manifest applied to every new cluster."),
    cfg.StrOpt(
        "keystone_auth_default_policy",
        default="/etc/magnum-like/keystone_auth_default_policy.json",
        help="A JSON file holding the k8s-keystone-auth policy (a list "
             "of rules) that new clusters with Keystone authentication "
             "(the keystone_auth_enabled label, on by default) start "
             "with; $PROJECT_ID in it is replaced by the cluster's "
             "project. When the file does not exist, the members of the "
             "cluster's project administer the cluster and its readers "
             "may read it."),
]

cinder_opts = [
    cfg.StrOpt("default_docker_volume_type", default="",
               help="Volume type of docker volumes."),
    cfg.StrOpt("default_etcd_volume_type", default="",
               help="Volume type of etcd volumes."),
    cfg.StrOpt("default_boot_volume_type", default="",
               help="Volume type of boot volumes."),
    cfg.IntOpt("default_boot_volume_size", default=0, min=0,
               help="Boot volume size in GiB; 0 boots from the image."),
]


def register_opts(conf):
    conf.register_group(kubernetes_group)
    conf.register_opts(kubernetes_opts, group=kubernetes_group)
    conf.register_group(cinder_group)
    conf.register_opts(cinder_opts, group=cinder_group)


def list_opts():
    return {kubernetes_group: kubernetes_opts, cinder_group: cinder_opts}
