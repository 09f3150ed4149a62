"""What every conductor operation shares: the driver of a cluster, the
ClusterJob it is given, and `run`, the lock-check-work-save skeleton.

    run(context, host, uuid, "resize", work, failed_status=UPDATE_FAILED)

takes the cluster's lock, checks that `op` is the operation the API
recorded (a repeated or stale cast finds nothing to do), calls
`work(task, job)` which returns the driver's Changes, and saves them
with pending_operation cleared. A typed failure is written as
`failed_status` with its safe message as status_reason (nodegroup values
the API changed are restored); anything else logs its traceback and
shows a generic reason.
"""

from oslo_log import log as logging

from magnum_like.common import context as ml_context
from magnum_like.common import crypto
from magnum_like.common import exceptions
from magnum_like.common import statuses
from magnum_like.conductor import certificates
from magnum_like.conductor import cloud
from magnum_like.conductor import locking
from magnum_like.conductor import notifications
from magnum_like.db import cluster_templates as db_templates
from magnum_like.db import nodegroups as db_nodegroups
from magnum_like.drivers import operations
from magnum_like.drivers import registry

LOG = logging.getLogger(__name__)
UNEXPECTED = ("%s failed on an unexpected error; the conductor's log has "
              "the details.")


def template_of(cluster):
    return db_templates.get_by_uuid(ml_context.get_admin_context(),
                                    cluster.cluster_template_id)


def operations_for(template):
    """The driver operations serving a cluster template."""
    reg = registry.get_registry()
    name = template.driver or reg.name_for(
        template.server_type, template.cluster_distro, template.coe)
    return operations.operations_of(reg.get(name), name)


def secrets_of(context, cluster):
    secrets = {"trustee_password": crypto.decrypt(cluster.trustee_password),
               "username": getattr(context, "user_name", None) or ""}
    if cluster.magnum_cert_ref:
        public, private = certificates.service_account_keys(cluster)
        secrets.update(service_account_public_key=public,
                       service_account_private_key=private)
    return secrets


def build(context, cluster, clients=None):
    """The ClusterJob of `cluster` (fresh nodegroups and template)."""
    return operations.ClusterJob(
        cluster=cluster, cluster_template=template_of(cluster),
        nodegroups=db_nodegroups.list_for_clusters(
            [cluster.uuid])[cluster.uuid],
        clients=clients or cloud.ClusterClients(context, cluster),
        secrets=secrets_of(context, cluster))


# status_reason once a conductor runs an operation (its first step)
STARTED = {
    "create": "Creating the trust and the trustee",
    "update": "Updating the Heat stack",
    "resize": "Resizing: updating the Heat stack",
    "upgrade": "Upgrading: updating the Heat stack",
    "delete": "Deleting the load balancers and the Heat stacks",
    "rotate_ca": "Rotating the CA: new certificates, then a Heat stack "
                 "update",
    "credential_rotate": "Rotating the credentials: a new trustee and "
                         "trust, then a Heat stack update",
    "nodegroup_create": "Creating the nodegroup's Heat stack",
    "nodegroup_update": "Updating the nodegroup's Heat stack",
    "nodegroup_delete": "Deleting the nodegroup's Heat stack"}
WAITING = "%s: waiting for Heat (stack %s)"


def phase(task, reason, **values):
    """Show the step the operation is at (and save `values`)."""
    return task.save(dict(values, status_reason=reason))


def _waiting_reason(task, values):
    """status_reason once the operation was handed to Heat: what it
    waits for while the cluster is in progress, else none."""
    status = values.get("status") or task.cluster.status or ""
    if not status.endswith("_IN_PROGRESS"):
        return None
    op = (task.cluster.pending_operation or {}).get("op")
    stack = values.get("stack_id") or task.cluster.stack_id
    return WAITING % (statuses.OPERATION_NAMES.get(op, "The operation"),
                      stack or "none yet")


def save(task, changes, **cluster_values):
    """Save the driver's changes with the operation done; status_reason
    says what the cluster now waits for unless given."""
    values = dict(changes.cluster, **cluster_values)
    if "status_reason" not in values:
        values["status_reason"] = _waiting_reason(task, values)
    values["pending_operation"] = None
    return task.save(values, nodegroups=changes.nodegroups)


def _fail(task, pending, failed_status, reason, failed_nodegroups=None,
          nodegroup_only=False):
    """Write the failure; nodegroup values the API changed are restored
    and `failed_nodegroups` ({uuid: status}) get their status. With
    `nodegroup_only` the failure is the nodegroups' alone: the cluster
    gets back the status (and reason) it had before the operation."""
    values = {"pending_operation": None, "status_reason": reason}
    if nodegroup_only:
        values = {"pending_operation": None,
                  "status": pending.get("previous_status") or
                  statuses.UPDATE_COMPLETE,
                  "status_reason": pending.get("previous_status_reason")}
    elif failed_status:
        values["status"] = failed_status
    nodegroups = {u: dict(v) for u, v in
                  (pending.get("previous_nodegroups") or {}).items()}
    for ng_uuid, status in (failed_nodegroups or {}).items():
        nodegroups.setdefault(ng_uuid, {}).update(
            status=status, status_reason=reason)
    task.save(values, nodegroups=nodegroups)


def run(context, host, cluster_uuid, op, work, failed_status=None,
        action=None, reraise=False, keep_status_on=(),
        failed_nodegroups=None, nodegroup_only=False):
    """See the module docstring. `action`: the notification's
    (create|update|delete); `reraise`: a call, whose caller sees the
    error; `keep_status_on`: errors that leave the status as it was
    before the API recorded the operation; `failed_nodegroups`: {uuid:
    status} written on failure; `nodegroup_only`: a failure is theirs
    alone, the cluster's status is restored."""
    try:
        task = locking.acquire(cluster_uuid, host, op)
    except (exceptions.ClusterLocked, exceptions.ClusterNotFound) as e:
        LOG.warning("%s of cluster %s not started: %s", op, cluster_uuid, e)
        if reraise:
            raise
        return None
    try:
        return _run_locked(context, task, op, work, failed_status, action,
                           reraise, keep_status_on,
                           (failed_nodegroups, nodegroup_only))
    finally:
        locking.release(task)


def _run_locked(context, task, op, work, failed_status, action, reraise,
                keep_status_on, failed):
    pending = task.cluster.pending_operation or {}
    if pending.get("op") != op:
        LOG.info("Cluster %s has no pending %s (pending: %s); nothing to "
                 "do", task.uuid, op, pending.get("op"))
        return None
    if action:
        notifications.notify(context, action, notifications.PENDING,
                             task.cluster)
    try:
        phase(task, STARTED.get(op, "Running the %s" % op))
        return work(task)
    except keep_status_on as e:
        LOG.info("%s of cluster %s refused: %s", op, task.uuid, e)
        _fail(task, pending, pending.get("previous_status"), None)
        raise
    except exceptions.MagnumLikeException as e:
        LOG.warning("%s of cluster %s failed: %s", op, task.uuid, e)
        reason, error = str(e), e
    except Exception as e:
        LOG.exception("%s of cluster %s failed", op, task.uuid)
        reason, error = UNEXPECTED % op.capitalize(), e
    if isinstance(error, locking.LockLost):
        raise error
    _fail(task, pending, failed_status, reason, *failed)
    if action:
        notifications.notify(context, action, notifications.FAILURE,
                             task.cluster)
    if reraise:
        raise error
    return None
