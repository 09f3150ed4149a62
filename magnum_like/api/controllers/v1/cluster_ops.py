"""What the cluster, action, nodegroup and credential controllers share:
finding the caller's cluster, its policy target, and handing recorded
operations to the conductor.

The order of every mutation (style habit 1): validate, record the
operation and its rows in one committed transaction, then cast UUIDs. A
cast that cannot be delivered loses nothing: the operation is on the row
and the conductor's reconciliation drives it.
"""

from oslo_log import log as logging
import oslo_messaging as messaging
import pecan

from magnum_like.common import exceptions
from magnum_like.common import policy
from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db_nodegroups

LOG = logging.getLogger(__name__)

DEFAULT_WORKER = "default-worker"


def all_projects(context, action):
    """Admins reach every project's clusters on the routes that allow it
    (facts §1.4)."""
    if context.is_admin:
        policy.authorize(context, action)
        context.all_tenants = True


def target(row):
    return {"project_id": row.project_id, "user_id": row.user_id}


def get_cluster(context, ident, action, all_projects_action=None):
    """The caller's cluster `ident` (uuid or name), authorized for
    `action` with the cluster as target."""
    if all_projects_action:
        all_projects(context, all_projects_action)
    row = db_clusters.get(context, ident)
    policy.authorize(context, action, target(row))
    return row


def default_worker(cluster_uuid, nodegroups=None):
    """The cluster's default worker nodegroup."""
    if nodegroups is None:
        nodegroups = db_nodegroups.list(cluster_uuid, role="worker")
    for ng in nodegroups:
        if ng.is_default and ng.role != "master":
            return ng
    return db_nodegroups.get(cluster_uuid, DEFAULT_WORKER)


def cast(method, *args, **kwargs):
    """Cast to the conductor after the operation was committed.

    A transport failure is logged, not returned: the row already holds
    the operation, which the conductor's reconciliation picks up.
    """
    rpcapi = pecan.request.rpcapi
    try:
        getattr(rpcapi, method)(pecan.request.context, *args, **kwargs)
    except messaging.MessagingException as e:
        LOG.warning("Could not cast %s(%s) to the conductor (%s); the "
                    "recorded operation will be reconciled.", method,
                    ", ".join(str(a) for a in args), e)


def call(method, *args, **kwargs):
    """A synchronous call whose typed errors reach the client; no
    conductor answering is a 503."""
    rpcapi = pecan.request.rpcapi
    try:
        return getattr(rpcapi, method)(pecan.request.context, *args,
                                       **kwargs)
    except messaging.MessagingTimeout:
        raise exceptions.ServiceUnavailable(
            reason="no conductor answered the %s request in time" % method)


def begin(cluster_uuid, operation, allowed_statuses, new_status, **kwargs):
    """db.clusters.begin_operation: 409 naming the operation in progress
    on a busy cluster, 400 for a status that forbids `operation`."""
    return db_clusters.begin_operation(
        cluster_uuid, operation, allowed_statuses, new_status, **kwargs)
