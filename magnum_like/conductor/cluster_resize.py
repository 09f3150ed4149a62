"""cluster_resize: one nodegroup to node_count, removing exactly the
nodes named (server names, ids or member indexes)."""

from magnum_like.common import statuses
from magnum_like.conductor import jobs


def _work(context, task, nodegroup_uuid, node_count, nodes_to_remove):
    job = jobs.build(context, task.cluster)
    nodegroup = job.nodegroup(nodegroup_uuid)
    changes = jobs.operations_for(job.cluster_template).resize_cluster(
        job, nodegroup, node_count, list(nodes_to_remove or []))
    return jobs.save(task, changes)


def resize(context, host, cluster_uuid, nodegroup_uuid, node_count,
           nodes_to_remove=None):
    return jobs.run(
        context, host, cluster_uuid, "resize",
        lambda task: _work(context, task, nodegroup_uuid, node_count,
                           nodes_to_remove),
        failed_status=statuses.UPDATE_FAILED, action="update",
        failed_nodegroups={nodegroup_uuid: statuses.UPDATE_FAILED})
