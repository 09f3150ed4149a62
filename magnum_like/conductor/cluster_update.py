"""cluster_update: the API changed the default worker nodegroup's
node_count (and health fields) with begin_operation("update"); scale the
stack to it. Without a node_count change there is nothing for Heat: the
status goes back to what it was."""

from magnum_like.common import statuses
from magnum_like.conductor import jobs
from magnum_like.drivers import operations


def _work(context, task, rollback):
    job = jobs.build(context, task.cluster)
    worker = job.default("worker")
    pending = task.cluster.pending_operation
    previous = (pending.get("previous_nodegroups") or {}).get(
        worker.uuid if worker else None, {})
    if worker is None or previous.get("node_count",
                                      worker.node_count) == \
            worker.node_count:
        return jobs.save(task, operations.Changes(cluster={
            "status": pending.get("previous_status") or task.cluster.status}))
    changes = jobs.operations_for(job.cluster_template).update_cluster(
        job, rollback=rollback)
    return jobs.save(task, changes)


def update(context, host, cluster_uuid, rollback=False):
    return jobs.run(context, host, cluster_uuid, "update",
                    lambda task: _work(context, task, rollback),
                    failed_status=statuses.UPDATE_FAILED, action="update")
