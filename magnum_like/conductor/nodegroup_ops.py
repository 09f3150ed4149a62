"""nodegroup_create / nodegroup_update / nodegroup_delete: a
non-default nodegroup is a stack of its own; the API wrote the row (or
its new node_count) and recorded the operation on the cluster. A
nodegroup operation that fails fails its nodegroup only: the cluster
gets back the status it had before (jobs.run nodegroup_only)."""

from magnum_like.common import statuses
from magnum_like.conductor import jobs
from magnum_like.db import nodegroups as db_nodegroups
from magnum_like.drivers import operations


def _run(context, host, cluster_uuid, nodegroup_uuid, op, method,
         failed_ng_status):
    def work(task):
        job = jobs.build(context, task.cluster)
        nodegroup = job.nodegroup(nodegroup_uuid)
        ops = jobs.operations_for(job.cluster_template)
        changes = getattr(ops, method)(job, nodegroup)
        if changes.gone:
            # Heat holds nothing of it: the row goes, the cluster is back
            # to where it was.
            db_nodegroups.destroy(nodegroup_uuid)
            pending = task.cluster.pending_operation or {}
            changes = operations.Changes(cluster={
                "status": pending.get("previous_status") or
                statuses.UPDATE_COMPLETE})
        return jobs.save(task, changes)
    return jobs.run(context, host, cluster_uuid, op, work,
                    failed_nodegroups={nodegroup_uuid: failed_ng_status},
                    nodegroup_only=True)


def create(context, host, cluster_uuid, nodegroup_uuid):
    return _run(context, host, cluster_uuid, nodegroup_uuid,
                "nodegroup_create", "create_nodegroup",
                statuses.CREATE_FAILED)


def update(context, host, cluster_uuid, nodegroup_uuid):
    return _run(context, host, cluster_uuid, nodegroup_uuid,
                "nodegroup_update", "update_nodegroup",
                statuses.UPDATE_FAILED)


def delete(context, host, cluster_uuid, nodegroup_uuid):
    return _run(context, host, cluster_uuid, nodegroup_uuid,
                "nodegroup_delete", "delete_nodegroup",
                statuses.DELETE_FAILED)
