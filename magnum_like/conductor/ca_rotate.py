"""rotate_ca_certificate (an RPC call): new CAs for a cluster, rolled
out to its nodes by a stack update.

Unlike Magnum (facts §15 item 14), a driver that cannot rotate refuses
before anything changes: the status stays as it was and no certificate
is generated. Otherwise the new refs are saved with a `ca_rotation`
row holding the previous ones; until the cluster's stacks are done
(the status sync brings it back to UPDATE_COMPLETE), GET
/v1/certificates returns the new CA followed by the old one, so the
nodes and the clients still holding old certificates keep working.
"""

from magnum_like.common import exceptions
from magnum_like.common import statuses
from magnum_like.conductor import certificates
from magnum_like.conductor import jobs
from magnum_like.db import certificates as db_certs

OPERATION = "rotate_ca"


def _check(job, ops):
    """Refusals before anything changes; the driver's `rotate_ca_
    certificate(job, None)` only checks that it can rotate."""
    if job.cluster_template.tls_disabled:
        raise exceptions.NotSupported(
            operation="Rotating the CA of a cluster with TLS disabled")
    if not job.cluster.ca_cert_ref:
        raise exceptions.CaRotationNotSupported(
            cluster=job.cluster.name or job.cluster.uuid,
            reason="the cluster has no CA yet")
    ops.rotate_ca_certificate(job, None)


def _work(context, task):
    job = jobs.build(context, task.cluster)
    ops = jobs.operations_for(job.cluster_template)
    _check(job, ops)
    refs, previous = certificates.rotate(task.cluster)
    rotation = db_certs.begin_rotation(task.uuid, previous)
    cluster = task.save(refs)
    job = jobs.build(context, cluster, job.clients)
    changes = ops.rotate_ca_certificate(job, rotation.uuid)
    jobs.save(task, changes)
    return {"uuid": task.uuid}


def rotate(context, host, cluster_uuid):
    return jobs.run(
        context, host, cluster_uuid, OPERATION,
        lambda task: _work(context, task),
        failed_status=statuses.UPDATE_FAILED, action="update",
        reraise=True, keep_status_on=(exceptions.Invalid,
                                      exceptions.ResourceNotFound))
