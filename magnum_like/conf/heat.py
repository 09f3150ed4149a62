"""[cluster_heat] options: how the conductor drives Heat stacks."""

from oslo_config import cfg

cluster_heat_group = cfg.OptGroup(
    name="cluster_heat", title="Heat stack options")

cluster_heat_opts = [
    cfg.IntOpt(
        "create_timeout", default=60, min=1,
        help="Stack creation timeout in minutes for clusters that set no "
             "create_timeout of their own."),
    cfg.IntOpt(
        "stack_list_page_size", default=500, min=1,
        help="Stacks asked for per Heat list call in the status sync."),
]


def register_opts(conf):
    conf.register_group(cluster_heat_group)
    conf.register_opts(cluster_heat_opts, group=cluster_heat_group)


def list_opts():
    return {cluster_heat_group: cluster_heat_opts}
