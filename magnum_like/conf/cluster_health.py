"""[cluster_health] options: the conductor's health monitor of clusters
(through each COE's own API) and its optional repair. How often it runs
is Magnum's [kubernetes] health_polling_interval."""

from oslo_config import cfg

cluster_health_group = cfg.OptGroup(
    name="cluster_health",
    title="Health monitoring and repair of clusters")

HEALING_CONTROLLER = "magnum-like-conductor"

cluster_health_opts = [
    cfg.IntOpt(
        "workers", default=8, min=1,
        help="Threads of the health monitor's own pool: how many clusters "
             "are polled at once."),
    cfg.FloatOpt(
        "timeout", default=10.0, min=0.1,
        help="Seconds one cluster's poll may take (connect and read of "
             "every request to its API). A cluster that does not answer "
             "in time is UNKNOWN for this cycle."),
    cfg.StrOpt(
        "api_proxy", default="",
        help="An HTTP proxy (http://host:port) through which the "
             "conductor reaches the clusters' APIs, e.g. the local "
             "cloud's gateway or a proxy into the tenant networks. Empty: "
             "direct connections."),
    cfg.BoolOpt(
        "private_api_reachable", default=False,
        help="Whether the conductor can reach APIs that have no floating "
             "IP (through api_proxy or by sitting in the clusters' "
             "networks). When false such clusters are UNKNOWN with the "
             "reason that they are not accessible."),
    cfg.IntOpt(
        "auto_healing_grace_period", default=300, min=0,
        help="Seconds a node must have been NotReady before the monitor "
             "replaces it, for clusters with the labels "
             "auto_healing_enabled=true and auto_healing_controller=%s."
             % HEALING_CONTROLLER),
]


def register_opts(conf):
    conf.register_group(cluster_health_group)
    conf.register_opts(cluster_health_opts, group=cluster_health_group)


def list_opts():
    return {cluster_health_group: cluster_health_opts}
