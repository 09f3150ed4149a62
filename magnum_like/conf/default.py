"""[DEFAULT] options of magnum_like itself."""

import os
import socket

from oslo_config import cfg

default_opts = [
    cfg.HostAddressOpt(
        "host",
        default=socket.gethostname(),
        sample_default="localhost",
        help="Name of this node. Used as the conductor's service host, in "
             "cluster lock reservations and in notifications' publisher "
             "id. Must be unique among conductors."),
    cfg.StrOpt(
        "state_path",
        default=os.path.join(os.path.expanduser("~"), ".magnum-like"),
        sample_default="~/.magnum-like",
        help="Top-level directory for the service's state (the embedded "
             "SQLite database, certificate files of the local cert "
             "manager; for the all-in-one also its clouds.yaml and "
             "encryption key). Every command uses the same default, so "
             "the operator tools find the all-in-one's state; a "
             "production deployment sets it, e.g. /var/lib/magnum-like."),
    cfg.BoolOpt(
        "periodic_enable",
        default=True,
        help="Run the conductor's periodic tasks (status sync, health "
             "checks). The heartbeat always runs."),
    cfg.IntOpt(
        "periodic_interval",
        default=10,
        min=1,
        help="Seconds between two runs of the cluster status sync."),
    cfg.IntOpt(
        "report_interval",
        default=10,
        min=1,
        help="Seconds between two heartbeats a conductor writes into the "
             "magnum_service table."),
    cfg.IntOpt(
        "service_down_time",
        default=180,
        min=1,
        help="Seconds since its last heartbeat after which a service is "
             "reported `down`."),
]


def register_opts(conf):
    conf.register_opts(default_opts)


def list_opts():
    return {"DEFAULT": default_opts}
