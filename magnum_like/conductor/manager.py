"""RPC endpoints of the conductor. Thin: each delegates to the workflow
module of its operation."""

from oslo_config import cfg
from oslo_log import log as logging
import oslo_messaging as messaging

from magnum_like.conductor import ca_rotate
from magnum_like.conductor import certificates
from magnum_like.conductor import cluster_create
from magnum_like.conductor import cluster_delete
from magnum_like.conductor import cluster_resize
from magnum_like.conductor import cluster_update
from magnum_like.conductor import cluster_upgrade
from magnum_like.conductor import credential_rotate as rotation
from magnum_like.conductor import nodegroup_ops
from magnum_like.conductor import reconcile
from magnum_like.conductor import rpcapi
from magnum_like.conductor import status_sync
from magnum_like.conductor.health import monitor as health_monitor

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


class ConductorManager:
    target = messaging.Target(version=rpcapi.RPC_API_VERSION)

    def __init__(self, host):
        self.host = host
        self.health = None

    def ping(self, context):
        return {"host": self.host}

    # -- clusters ----------------------------------------------------------
    def cluster_create(self, context, cluster_uuid):
        cluster_create.create(context, self.host, cluster_uuid)

    def cluster_update(self, context, cluster_uuid, rollback=False):
        cluster_update.update(context, self.host, cluster_uuid, rollback)

    def cluster_resize(self, context, cluster_uuid, nodegroup_uuid,
                       node_count, nodes_to_remove=None):
        cluster_resize.resize(context, self.host, cluster_uuid,
                              nodegroup_uuid, node_count, nodes_to_remove)

    @messaging.expected_exceptions(Exception)
    def cluster_upgrade(self, context, cluster_uuid, cluster_template_uuid,
                        max_batch_size=1, nodegroup_uuid=None):
        return cluster_upgrade.upgrade(
            context, self.host, cluster_uuid, cluster_template_uuid,
            max_batch_size, nodegroup_uuid)

    def cluster_delete(self, context, cluster_uuid):
        cluster_delete.delete(context, self.host, cluster_uuid)

    # -- nodegroups --------------------------------------------------------
    def nodegroup_create(self, context, cluster_uuid, nodegroup_uuid):
        nodegroup_ops.create(context, self.host, cluster_uuid,
                             nodegroup_uuid)

    def nodegroup_update(self, context, cluster_uuid, nodegroup_uuid):
        nodegroup_ops.update(context, self.host, cluster_uuid,
                             nodegroup_uuid)

    def nodegroup_delete(self, context, cluster_uuid, nodegroup_uuid):
        nodegroup_ops.delete(context, self.host, cluster_uuid,
                             nodegroup_uuid)

    @messaging.expected_exceptions(Exception)
    def credential_rotate(self, context, cluster_uuid):
        return rotation.rotate(context, self.host, cluster_uuid)

    # -- certificates ------------------------------------------------------
    @messaging.expected_exceptions(Exception)
    def get_ca_certificate(self, context, cluster_uuid, ca_cert_type=None):
        return certificates.get_ca_certificate(cluster_uuid, ca_cert_type)

    @messaging.expected_exceptions(Exception)
    def sign_certificate(self, context, cluster_uuid, csr,
                         ca_cert_type=None):
        return certificates.sign_certificate(context, cluster_uuid, csr,
                                             ca_cert_type)

    @messaging.expected_exceptions(Exception)
    def rotate_ca_certificate(self, context, cluster_uuid):
        return ca_rotate.rotate(context, self.host, cluster_uuid)

    # -- periodic work -----------------------------------------------------
    def sync_cluster_status(self):
        return status_sync.sync(self.host)

    def reconcile(self):
        return reconcile.run(self.host)

    def deliver_undelivered(self):
        return reconcile.undelivered(self.host)

    def sync_cluster_health(self):
        if self.health is None:
            self.health = health_monitor.Monitor(self.host)
        return self.health.run_once()

    def stop(self):
        if self.health is not None:
            self.health.stop()

    def periodic_tasks(self):
        """(name, callable, spacing) run by the conductor service."""
        health = CONF.kubernetes.health_polling_interval
        return ([("sync_cluster_health", self.sync_cluster_health,
                  health)] if health >= 0 else []) + [
            ("sync_cluster_status", self.sync_cluster_status,
             CONF.periodic_interval),
            ("reconcile_lost_operations", self.reconcile,
             max(CONF.periodic_interval,
                 CONF.cluster.lost_operation_grace // 2)),
            ("deliver_undelivered_operations", self.deliver_undelivered,
             CONF.periodic_interval),
        ]
