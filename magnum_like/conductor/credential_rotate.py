"""credential_rotate (an RPC call): a new trustee password and a new
trust from the caller, pushed to the cluster's stacks so that the nodes
keep authenticating."""

from magnum_like.common import statuses
from magnum_like.conductor import cloud
from magnum_like.conductor import jobs
from magnum_like.conductor import trusts


def _work(context, task):
    clients = cloud.ClusterClients(context, task.cluster)
    values = trusts.rotate(task.cluster, clients)
    cluster = task.save(values)
    job = jobs.build(context, cluster, clients)
    changes = jobs.operations_for(job.cluster_template).rotate_credentials(
        job)
    jobs.save(task, changes)
    return {"uuid": task.uuid}


def rotate(context, host, cluster_uuid):
    return jobs.run(context, host, cluster_uuid, "credential_rotate",
                    lambda task: _work(context, task),
                    failed_status=statuses.UPDATE_FAILED, reraise=True)
