"""cluster_create: trust, certificates, then the stacks.

Each step is saved as soon as it is done and is skipped when a repeated
create finds it done; the stack is adopted by its tag if a previous
attempt created it. Discovery: an etcd discovery URL is used when the
cluster names one; none is fetched from discovery.etcd.io (unreachable
from many clouds, and a single point of failure) -- the etcd fragment
then bootstraps a static initial cluster from the masters themselves.
"""

from magnum_like.common import resume_token as resume
from magnum_like.common import statuses
from magnum_like.conductor import certificates
from magnum_like.conductor import cloud
from magnum_like.conductor import jobs
from magnum_like.conductor import trusts
from magnum_like.db import nodegroups as db_nodegroups


def _work(context, task):
    clients = cloud.ClusterClients(context, task.cluster)
    values, _ = trusts.ensure(task.cluster, clients)
    pending = task.cluster.pending_operation or {}
    if resume.SEALED_FIELD in pending:
        # the trust exists: the kept token is of no further use
        values = dict(values, pending_operation=resume.without_token(
            pending))
    jobs.phase(task, "Creating the certificates", **values)
    refs = certificates.ensure(task.cluster)
    jobs.phase(task, "Creating the Heat stack", **refs)
    job = jobs.build(context, task.cluster, clients)
    changes = jobs.operations_for(job.cluster_template).create_cluster(job)
    return jobs.save(task, changes)


def create(context, host, cluster_uuid):
    failed = {ng.uuid: statuses.CREATE_FAILED for ng in
              db_nodegroups.list_for_clusters([cluster_uuid])[cluster_uuid]}
    return jobs.run(context, host, cluster_uuid, "create",
                    lambda task: _work(context, task),
                    failed_status=statuses.CREATE_FAILED, action="create",
                    failed_nodegroups=failed)
