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
    cfg.FloatOpt(
        "rpc_send_timeout", default=2.0, min=0.1,
        help="Seconds an API process waits to hand one message to the "
             "message bus (connection, channel, publish confirm; for a "
             "call also its reply queue). A cast that overruns is left "
             "to the conductor's recovery (the operation is recorded and "
             "the API answers 202); a call answers 503. While the bus is "
             "down, further messages are refused at once except one "
             "probe per this many seconds."),
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
