"""cluster_upgrade (an RPC call): a rolling stack update to the new
template's versions, max_batch_size nodes at a time. NotSupported and
other refusals reach the caller and leave the status as it was."""

from magnum_like.common import context as ml_context
from magnum_like.common import exceptions
from magnum_like.common import statuses
from magnum_like.conductor import jobs
from magnum_like.db import cluster_templates as db_templates


def _work(context, task, cluster_template_uuid, max_batch_size,
          nodegroup_uuid):
    job = jobs.build(context, task.cluster)
    new = db_templates.get_by_uuid(ml_context.get_admin_context(),
                                   cluster_template_uuid)
    ops = jobs.operations_for(job.cluster_template)
    if jobs.operations_for(new) is not ops:
        raise exceptions.NotSupported(
            operation="Upgrading to a cluster template of another driver")
    nodegroup = job.nodegroup(nodegroup_uuid) if nodegroup_uuid else None
    if nodegroup is not None and nodegroup.role == "master" and \
            not nodegroup.is_default:
        raise exceptions.NotSupported(
            operation="Upgrading a non-default master nodegroup")
    changes = ops.upgrade_cluster(job, new, max_batch_size, nodegroup)
    jobs.save(task, changes)
    return {"uuid": task.uuid}


def upgrade(context, host, cluster_uuid, cluster_template_uuid,
            max_batch_size=1, nodegroup_uuid=None):
    return jobs.run(
        context, host, cluster_uuid, "upgrade",
        lambda task: _work(context, task, cluster_template_uuid,
                           max_batch_size, nodegroup_uuid),
        failed_status=statuses.UPDATE_FAILED, action="update",
        reraise=True, keep_status_on=(exceptions.Invalid,
                                      exceptions.ResourceNotFound))
