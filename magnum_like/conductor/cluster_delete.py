"""cluster_delete: load balancers, nodegroup stacks, the cluster stack;
and `finish`, the cleanup once nothing is left in Heat (trust, trustee,
certificates, rows), shared with the status sync."""

from oslo_log import log as logging

from magnum_like.common import statuses
from magnum_like.conductor import certificates
from magnum_like.conductor import jobs
from magnum_like.conductor import notifications
from magnum_like.conductor import trusts
from magnum_like.db import nodegroups as db_nodegroups

LOG = logging.getLogger(__name__)


def finish(context, task, nodegroups=None):
    """Everything of a deleted cluster goes; then its rows."""
    cluster = task.cluster
    if nodegroups is None:
        nodegroups = db_nodegroups.list_for_clusters(
            [cluster.uuid])[cluster.uuid]
    trusts.delete(cluster)
    certificates.delete(cluster)
    task.destroy()
    cluster.status = statuses.DELETE_COMPLETE
    notifications.notify(context, "delete", notifications.SUCCESS, cluster,
                         nodegroups)
    LOG.info("Cluster %s deleted", cluster.uuid)


def _work(context, task):
    nodegroups = db_nodegroups.list_for_clusters(
        [task.uuid])[task.uuid]
    if not task.cluster.stack_id and not any(ng.stack_id
                                             for ng in nodegroups):
        return finish(context, task, nodegroups)
    job = jobs.build(context, task.cluster)
    changes = jobs.operations_for(job.cluster_template).delete_cluster(job)
    if changes.gone:
        return finish(context, task, nodegroups)
    return jobs.save(task, changes)


def delete(context, host, cluster_uuid):
    return jobs.run(context, host, cluster_uuid, "delete",
                    lambda task: _work(context, task),
                    failed_status=statuses.DELETE_FAILED, action="delete")
