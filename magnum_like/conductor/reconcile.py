"""No cluster stays IN_PROGRESS forever: lost operations are driven
again or failed.

An operation the API recorded (pending_operation) and no conductor
finished within [cluster] lost_operation_grace seconds was lost: its
cast never arrived, or the conductor died. `decide` says what to do:

* its work reached Heat (a stack of the cluster runs the matching
  action): only the pending mark is cleared, the status sync follows;
* a cast whose work is idempotent is driven again, acting through the
  cluster's trust: scaling to an absolute count, deleting, creating a
  stack adopted by its tag if it exists; a create whose trust was never
  made acts as its creator with the token the API kept for it
  (common/resume_token.py);
* a create without a trust or a kept token (expired tokens fail with
  Keystone's answer) cannot act for its owner: it is failed with a clear
  reason;
* an operation handed over by an RPC call (statuses.CALL_OPERATIONS:
  upgrade, credential rotation, CA rotation) whose caller was answered
  with an error already gets its previous status back, with a reason.

An operation the API flagged undelivered (the message bus did not take
its cast or call, api/controllers/v1/cluster_ops.py) was never seen by a
conductor: `undelivered` takes those at once, every periodic_interval,
without waiting for the grace period; the same verdicts apply.

A cluster in progress with no operation pending and no stack (nothing
can ever move it) is failed after the same grace period.
"""

from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import timeutils

from magnum_like.common import context as ml_context
from magnum_like.common import exceptions
from magnum_like.common import resume_token as resume
from magnum_like.common import statuses
from magnum_like.conductor import cluster_create
from magnum_like.conductor import cluster_delete
from magnum_like.conductor import cluster_resize
from magnum_like.conductor import cluster_update
from magnum_like.conductor import locking
from magnum_like.conductor import nodegroup_ops
from magnum_like.conductor import status_sync
from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db_nodegroups
from magnum_like.drivers.heat import stack_listing

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

DRIVE, CLEAR, FAIL, RESTORE = "drive", "clear", "fail", "restore"
# The Heat action a stack runs once an operation reached it.
HEAT_ACTION = {"create": "CREATE", "delete": "DELETE",
               "nodegroup_create": "CREATE", "nodegroup_delete": "DELETE"}
_DRIVABLE = ("create", "update", "resize", "delete", "nodegroup_create",
             "nodegroup_update", "nodegroup_delete")
FAILED_STATUS = {"create": statuses.CREATE_FAILED,
                 "delete": statuses.DELETE_FAILED}
REQUIRED_PARAMS = {"resize": ("nodegroup_uuid", "node_count"),
                   "nodegroup_create": ("nodegroup_uuid",),
                   "nodegroup_update": ("nodegroup_uuid",),
                   "nodegroup_delete": ("nodegroup_uuid",)}
LOST = ("The %s request was lost (no conductor completed it within %d s) "
        "and could not be resumed: %s")
UNDELIVERED = ("The %s request could not be handed to a conductor (the "
               "message bus was unavailable): %s")


def decide(cluster, stack_statuses):
    """(DRIVE|CLEAR|FAIL|RESTORE, reason) for a cluster whose pending
    operation is overdue. `stack_statuses`: the statuses Heat reports
    for the cluster's stacks."""
    pending = cluster.pending_operation or {}
    op = pending.get("op")
    action = HEAT_ACTION.get(op, "UPDATE")
    if any(s == action + "_IN_PROGRESS" for s in stack_statuses):
        return CLEAR, None
    if op in statuses.CALL_OPERATIONS:
        return RESTORE, "the caller was answered with an error; retry"
    if op == "create" and cluster.stack_id:
        return CLEAR, None
    missing = [p for p in REQUIRED_PARAMS.get(op, ())
               if p not in (pending.get("params") or {})]
    if missing or op not in _DRIVABLE:
        return FAIL, "its parameters were not recorded"
    if not cluster.trust_id:
        if op == "delete" and not cluster.stack_id:
            return DRIVE, None
        if op == "create" and resume.caller_context(cluster) is not None:
            return DRIVE, None
        return FAIL, "the cluster has no trust to act for its owner"
    return DRIVE, None


def _drive(context, host, cluster):
    pending = cluster.pending_operation
    op, params = pending["op"], pending.get("params") or {}
    uuid = cluster.uuid
    if op == "create":
        # without a trust yet, as its creator with the kept token
        caller = resume.caller_context(cluster) if not cluster.trust_id \
            else None
        if caller is not None:
            LOG.info("Cluster %s: resuming its lost create as its "
                     "creator, with the token kept for it", uuid)
        return cluster_create.create(caller or context, host, uuid)
    if op == "update":
        return cluster_update.update(context, host, uuid,
                                     params.get("rollback", False))
    if op == "resize":
        return cluster_resize.resize(
            context, host, uuid, params["nodegroup_uuid"],
            params["node_count"], params.get("nodes_to_remove"))
    if op == "delete":
        return cluster_delete.delete(context, host, uuid)
    if op.startswith("nodegroup_"):
        func = getattr(nodegroup_ops, op.split("_", 1)[1])
        return func(context, host, uuid, params["nodegroup_uuid"])
    raise exceptions.NotSupported(operation="Resuming %s" % op)


def _settle(host, cluster, verdict, reason):
    pending = cluster.pending_operation or {}
    op = pending.get("op")
    with locking.cluster_lock(cluster.uuid, host, "reconcile") as task:
        if (task.cluster.pending_operation or {}) != pending:
            return
        values = {"pending_operation": None}
        nodegroups = None
        if verdict in (FAIL, RESTORE):
            grace = CONF.cluster.lost_operation_grace
            values["status_reason"] = (
                UNDELIVERED % (op, reason)
                if pending.get(db_clusters.UNDELIVERED)
                else LOST % (op, grace, reason))
            nodegroups = pending.get("previous_nodegroups")
            values["status"] = pending.get("previous_status") \
                if verdict == RESTORE else FAILED_STATUS.get(
                    op, statuses.UPDATE_FAILED)
        task.save(values, nodegroups=nodegroups)


def _stack_statuses(clusters, heat):
    by_cluster = db_nodegroups.list_for_clusters(c.uuid for c in clusters)
    ids = {c.uuid: {ng.stack_id for ng in by_cluster[c.uuid]
                    if ng.stack_id} | ({c.stack_id} if c.stack_id else set())
           for c in clusters}
    stacks, unknown = stack_listing.lister().list(
        heat, stack_listing.wanted_by_project(clusters, ids),
        status_sync.trust_stacks)
    # None: the stacks could not be asked for (a project without a
    # working trust under Heat's default policy); the cluster waits.
    return {uuid: None if sids & unknown else
            [stacks[i].stack_status for i in sids if i in stacks]
            for uuid, sids in ids.items()}


def lost_operations(host, heat=None, grace=None, undelivered=False):
    """Drive again or settle every overdue pending operation (with
    `undelivered`: every one the API could not hand to the bus)."""
    grace = CONF.cluster.lost_operation_grace if grace is None else grace
    overdue = db_clusters.list_with_pending_operation(
        older_than=grace, undelivered=undelivered)
    if not overdue:
        return []
    statuses_ = _stack_statuses(overdue, heat or
                                status_sync.service_stacks())
    context = ml_context.get_admin_context()
    done = []
    for cluster in overdue:
        if statuses_[cluster.uuid] is None:
            continue
        verdict, reason = decide(cluster, statuses_[cluster.uuid])
        # undelivered work is expected after an outage (the API warned)
        log = LOG.info if undelivered else LOG.warning
        log("Cluster %s: %s pending since %s%s; %s", cluster.uuid,
            cluster.pending_operation.get("op"),
            cluster.pending_operation.get("requested_at"),
            " (undelivered)" if undelivered else "", verdict)
        try:
            if verdict == DRIVE:
                _drive(context, host, cluster)
            else:
                _settle(host, cluster, verdict, reason)
        except Exception:
            LOG.exception("Reconciling cluster %s failed", cluster.uuid)
        done.append((cluster.uuid, verdict))
    return done


def stuck_without_stack(host, grace=None):
    """Fail in-progress clusters that have neither a pending operation
    nor any stack: nothing will ever move them."""
    grace = CONF.cluster.lost_operation_grace if grace is None else grace
    now = timeutils.utcnow()
    failed = []
    for cluster in db_clusters.list_in_progress():
        since = cluster.updated_at or cluster.created_at
        if db_clusters.is_pending(cluster) or cluster.stack_id or (
                since and (now - since).total_seconds() < grace):
            continue
        ngs = db_nodegroups.list_for_clusters([cluster.uuid])[cluster.uuid]
        if any(ng.stack_id for ng in ngs):
            continue
        status = cluster.status.replace("IN_PROGRESS", "FAILED")
        if locking.apply_if_idle(cluster, {
                "status": status,
                "status_reason": "No stack was ever created for this "
                                 "cluster; delete it and try again."}):
            failed.append(cluster.uuid)
    return failed


def undelivered(host, heat=None):
    """The periodic task that delivers what the API could not."""
    return lost_operations(host, heat, undelivered=True)


def run(host, heat=None):
    """The periodic task (and the start-up pass)."""
    lost_operations(host, heat)
    stuck_without_stack(host)
