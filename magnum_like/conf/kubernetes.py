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
