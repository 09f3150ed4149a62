"""cluster_delete: load balancers, nodegroup stacks, the cluster stack;
and `finish`, the cleanup once nothing is left in Heat (trust, trustee,
certificates, rows), shared with the status sync."""

from keystoneauth1 import exceptions as ks_exc
from oslo_log import log as logging

from magnum_like.common import exceptions
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


def _stacks_gone(cluster, nodegroups):
    """True when the service user, asking Heat for every project, finds
    none of the cluster's stacks (or only deleted ones)."""
    from magnum_like.conductor import status_sync
    ids = {cluster.stack_id} | {ng.stack_id for ng in nodegroups}
    try:
        found = status_sync.service_stacks().list_by_ids(
            ids, all_projects=True)
    except exceptions.StackListForbidden:
        # Only a list across projects can show another project's stacks
        # to the service user; without it nothing proves them gone.
        LOG.warning("Cluster %s: its credentials are refused and Heat's "
                    "policy refuses stacks:global_index, so its stacks "
                    "cannot be checked; grant it to the service user to "
                    "let such clusters be deleted", cluster.uuid)
        return False
    return all(stack.stack_status == statuses.DELETE_COMPLETE
               for stack in found.values())


def _work(context, task):
    nodegroups = db_nodegroups.list_for_clusters(
        [task.uuid])[task.uuid]
    if not task.cluster.stack_id and not any(ng.stack_id
                                             for ng in nodegroups):
        return finish(context, task, nodegroups)
    try:
        job = jobs.build(context, task.cluster)
        changes = jobs.operations_for(
            job.cluster_template).delete_cluster(job)
    except (ks_exc.Unauthorized, exceptions.ServiceUnavailable):
        # The cloud refuses to act for the cluster (its trust or project
        # is gone): if its stacks are gone too, there is nothing left to
        # delete in the cloud.
        if not _stacks_gone(task.cluster, nodegroups):
            raise
        LOG.info("Cluster %s: its credentials are refused and its stacks "
                 "are gone; finishing the delete", task.uuid)
        return finish(context, task, nodegroups)
    if changes.gone:
        return finish(context, task, nodegroups)
    return jobs.save(task, changes)


def delete(context, host, cluster_uuid):
    return jobs.run(context, host, cluster_uuid, "delete",
                    lambda task: _work(context, task),
                    failed_status=statuses.DELETE_FAILED, action="delete")
