"""All oslo.config options of magnum_like, one module per group."""

from oslo_config import cfg

from magnum_like.conf import api
from magnum_like.conf import certificates
from magnum_like.conf import clients
from magnum_like.conf import cluster
from magnum_like.conf import cluster_health
from magnum_like.conf import conductor
from magnum_like.conf import database
from magnum_like.conf import default
from magnum_like.conf import drivers
from magnum_like.conf import heat
from magnum_like.conf import keystone
from magnum_like.conf import kubernetes
from magnum_like.conf import localcloud
from magnum_like.conf import trust

CONF = cfg.CONF

MODULES = (
    default, api, conductor, database, keystone, cluster, heat,
    certificates, drivers, trust, clients, kubernetes, localcloud,
    cluster_health,
)

for _module in MODULES:
    _module.register_opts(CONF)
