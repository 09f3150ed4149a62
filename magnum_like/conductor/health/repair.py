"""Repair: replace a node that has been NotReady for longer than
[cluster_health] auto_healing_grace_period, on clusters that opt in with
the labels auto_healing_enabled=true and auto_healing_controller=
magnum-like-conductor.

The replacement is a resize recorded like the API's (begin_operation
"resize": same node_count, nodes_to_remove=[the node], the reason in
status_reason and in the operation's params), announced as the CADF
notification `magnum.cluster.repair` and logged, then cast to the
conductor, so the normal resize path removes exactly that server and
Heat restores the count.

Never: a master (masters are not resizable, and the last one must
stay), a cluster whose API is not answering "ok" (nodes look
NotReady when the API is sick; deleting them heals nothing), more than
one node per cycle (the operation makes the cluster busy until Heat is
done, so a nodegroup never loses two nodes at once).
"""

import threading

from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import strutils
from oslo_utils import timeutils

from magnum_like.common import exceptions
from magnum_like.common import rpc
from magnum_like.common import statuses
from magnum_like.conductor import notifications
from magnum_like.conductor import rpcapi
from magnum_like.conf import cluster_health as health_conf
from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db_nodegroups

CONF = cfg.CONF
LOG = logging.getLogger(__name__)
OPERATION_INITIATOR = "auto-healing"
EVENT_TYPE = "magnum.cluster.repair"

# Nodes whose API reports no transition time (Mesos agents): first seen
# NotReady by this conductor, {(cluster uuid, node name): datetime}.
_first_seen = {}
_first_seen_lock = threading.Lock()


def enabled(labels):
    return strutils.bool_from_string(labels.get("auto_healing_enabled")) \
        and labels.get("auto_healing_controller") == \
        health_conf.HEALING_CONTROLLER


def _since(cluster_uuid, node, now):
    key = (cluster_uuid, node.name)
    with _first_seen_lock:
        if node.ready:
            _first_seen.pop(key, None)
            return None
        if node.since is not None:
            return node.since
        return _first_seen.setdefault(key, now)


def overdue(cluster_uuid, nodes, now=None):
    """[(since, node)] of the NotReady workers past the grace period,
    oldest first."""
    now = now or timeutils.utcnow()
    grace = CONF.cluster_health.auto_healing_grace_period
    found = []
    for node in nodes:
        since = _since(cluster_uuid, node, now)
        if since is None or node.role == "master":
            continue
        if (now - since).total_seconds() >= grace:
            found.append((since, node))
    return sorted(found, key=lambda pair: (pair[0], pair[1].name))


def nodegroup_of(node, nodegroups):
    """The nodegroup a worker belongs to: the one its nodegroup label
    names, else the default worker nodegroup."""
    if node.nodegroup:
        named = [ng for ng in nodegroups if ng.name == node.nodegroup]
        if named:
            return named[0]
    return next((ng for ng in nodegroups
                 if ng.is_default and ng.role != "master"), None)


def consider(context, cluster, labels, health):
    """Start at most one replacement on `cluster`; returns whether it
    did."""
    if not enabled(labels):
        return False
    if not health.api_ok:
        LOG.info("Cluster %s: its API is not well; no node is replaced",
                 cluster.uuid)
        return False
    late = overdue(cluster.uuid, health.nodes)
    if not late:
        return False
    since, node = late[0]
    nodegroups = db_nodegroups.list_for_clusters(
        [cluster.uuid])[cluster.uuid]
    ng = nodegroup_of(node, nodegroups)
    if ng is None:
        return False
    return _replace(context, cluster, ng, node, since)


def _replace(context, cluster, ng, node, since):
    reason = ("Auto-healing: node %s has been NotReady since %sZ (more "
              "than %d s); replacing it." % (
                  node.name, since.isoformat(timespec="seconds"),
                  CONF.cluster_health.auto_healing_grace_period))
    try:
        db_clusters.begin_operation(
            cluster.uuid, "resize", statuses.UPDATE_ALLOWED,
            statuses.UPDATE_IN_PROGRESS,
            cluster_changes={"status_reason": reason},
            nodegroup_changes={ng.uuid: {"node_count": ng.node_count}},
            params={"nodegroup_uuid": ng.uuid,
                    "node_count": ng.node_count,
                    "previous_node_count": ng.node_count,
                    "nodes_to_remove": [node.name],
                    "initiator": OPERATION_INITIATOR, "reason": reason})
    except (exceptions.ClusterBusy, exceptions.ClusterStatusNotAllowed,
            exceptions.ClusterNotFound) as e:
        LOG.info("Cluster %s: node %s not replaced now: %s", cluster.uuid,
                 node.name, e)
        return False
    LOG.warning("Cluster %s: %s", cluster.uuid, reason)
    _notify(context, cluster, ng, node, reason)
    with _first_seen_lock:
        _first_seen.pop((cluster.uuid, node.name), None)
    try:
        rpcapi.ConductorAPI().cluster_resize(
            context, cluster.uuid, ng.uuid, ng.node_count, [node.name])
    except Exception as e:
        # The operation is recorded: reconciliation resumes it.
        LOG.warning("Could not cast the repair of cluster %s (%s); it "
                    "will be reconciled", cluster.uuid, e)
    return True


def _notify(context, cluster, ng, node, reason):
    """CADF `magnum.cluster.repair` (the record of the replacement that
    outlives the status_reason Heat's completion overwrites)."""
    try:
        payload = notifications.event(context, "update",
                                      notifications.PENDING, cluster)
        payload["target"]["attachments"][0]["content"].update(
            repair={"node": node.name, "nodegroup": ng.name,
                    "reason": reason})
        rpc.get_notifier().warn(context, EVENT_TYPE, payload)
    except Exception:
        LOG.exception("Could not send the repair notification of cluster "
                      "%s", cluster.uuid)
