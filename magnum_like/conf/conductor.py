"""[conductor] options."""

from oslo_config import cfg

conductor_group = cfg.OptGroup(
    name="conductor", title="Options for the conductor service")

conductor_opts = [
    cfg.StrOpt(
        "topic", default="magnum-like-conductor",
        help="The RPC topic the conductor listens on."),
    cfg.IntOpt(
        "rpc_thread_pool_size", default=16, min=1,
        help="Threads that execute RPC requests in one conductor."),
    cfg.IntOpt(
        "graceful_shutdown_timeout", default=60, min=0,
        help="Seconds a stopping conductor waits for in-flight work to "
             "finish before it exits anyway."),
    cfg.IntOpt(
        "lock_stale_after", default=600, min=1,
        help="Seconds after which a cluster lock held by a conductor "
             "whose heartbeat has stopped is treated as stale and may be "
             "taken over."),
]


def register_opts(conf):
    conf.register_group(conductor_group)
    conf.register_opts(conductor_opts, group=conductor_group)


def list_opts():
    return {conductor_group: conductor_opts}
