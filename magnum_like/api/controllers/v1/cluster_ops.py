"""What the cluster, action, nodegroup and credential controllers share:
finding the caller's cluster, its policy target, and handing recorded
operations to the conductor.

The order of every mutation (style habit 1): validate, record the
operation and its rows in one committed transaction, then cast UUIDs. A
message the bus does not take within [conductor] rpc_send_timeout loses
nothing: the operation is on the row, flagged undelivered, and the
conductor's recovery drives it (a cast) or gives the cluster its status
back (a call, answered 503) on its next pass, without waiting for the
lost-operation grace period.
"""

from oslo_log import log as logging
import oslo_messaging as messaging
import pecan

from magnum_like.common import bus
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


# The operation each RPC method hands over (the pending_operation "op"
# the API recorded before sending it).
OPERATION_OF = {"cluster_create": "create", "cluster_update": "update",
                "cluster_resize": "resize", "cluster_delete": "delete",
                "cluster_upgrade": "upgrade",
                "credential_rotate": "credential_rotate",
                "rotate_ca_certificate": "rotate_ca",
                "nodegroup_create": "nodegroup_create",
                "nodegroup_update": "nodegroup_update",
                "nodegroup_delete": "nodegroup_delete"}


def _undelivered(method, cluster_uuid):
    """Flag the recorded operation for the conductor's recovery."""
    op = OPERATION_OF.get(method)
    if op and not db_clusters.mark_undelivered(cluster_uuid, op):
        LOG.debug("Cluster %s: no pending %s to flag undelivered",
                  cluster_uuid, op)


def cast(method, *args, **kwargs):
    """Cast to the conductor after the operation was committed; `args[0]`
    is the cluster's UUID.

    A cast the bus does not take is not an error for the caller: the row
    holds the operation, flagged undelivered for the conductor's recovery
    (common/bus.py logs one WARNING per outage).
    """
    rpcapi = pecan.request.rpcapi
    try:
        getattr(rpcapi, method)(pecan.request.context, *args, **kwargs)
    except bus.BusUnavailable as e:
        LOG.debug("Cast %s(%s) left to the conductor's recovery: %s",
                  method, args[0], e)
        _undelivered(method, args[0])
    except messaging.MessagingException as e:
        LOG.warning("Could not cast %s(%s) to the conductor (%s); the "
                    "recorded operation will be reconciled.", method,
                    ", ".join(str(a) for a in args), e)
        _undelivered(method, args[0])


def call(method, *args, **kwargs):
    """A synchronous call whose typed errors reach the client; `args[0]`
    is the cluster's UUID. A bus that does not take the call, or no
    conductor answering, is a 503; a recorded operation the bus did not
    take gets its status back from the conductor's next recovery pass."""
    rpcapi = pecan.request.rpcapi
    try:
        return getattr(rpcapi, method)(pecan.request.context, *args,
                                       **kwargs)
    except bus.BusUnavailable:
        _undelivered(method, args[0])
        raise exceptions.ServiceUnavailable(
            reason="the message bus to the conductor is unavailable; "
                   "nothing was changed, retry the request later")
    except messaging.MessagingTimeout:
        raise exceptions.ServiceUnavailable(
            reason="no conductor answered the %s request in time" % method)


def begin(cluster_uuid, operation, allowed_statuses, new_status, **kwargs):
    """db.clusters.begin_operation: 409 naming the operation in progress
    on a busy cluster, 400 for a status that forbids `operation`."""
    return db_clusters.begin_operation(
        cluster_uuid, operation, allowed_statuses, new_status, **kwargs)
