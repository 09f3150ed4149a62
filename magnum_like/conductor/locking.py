"""The one lock primitive of the conductor (Ironic's task_manager).

    with locking.cluster_lock(uuid, host, "create") as task:
        task.cluster             # the row as it was when the lock was taken
        task.save({...}, nodegroups={ng_uuid: {...}})

Taking the lock is one conditional UPDATE of the cluster row
(reservation = host, reserved_at = now, reserved_for = operation) that
matches only while the lock is free or stale (db.clusters.
lock_free_clause: the holder's heartbeat is older than [DEFAULT]
service_down_time, or the lock older than [conductor] lock_stale_after);
no row changed means ClusterLocked (409) naming the holder. Every write
under the lock is conditional on still holding it, so a conductor whose
stale lock was taken over cannot overwrite its successor's work.

The status sync does not take the lock per cluster (its cost must stay
flat): it writes with `apply_if_idle`, one compare-and-set that changes
the cluster only while no lock is held and no operation is pending.
"""

import contextlib

from oslo_log import log as logging
from oslo_utils import timeutils
import sqlalchemy as sa

from magnum_like.common import exceptions
from magnum_like.db import clusters as db_clusters
from magnum_like.db import models
from magnum_like.db import session

LOG = logging.getLogger(__name__)
_CLUSTER = models.Cluster
_NG = models.NodeGroup


LockLost = exceptions.ClusterLockLost


def _write(s, cluster_filter, uuid, values, nodegroups, now):
    count = (s.query(_CLUSTER).filter(cluster_filter)
             .update(dict(values, updated_at=now),
                     synchronize_session=False))
    if not count:
        return False
    for ng_uuid, ng_values in (nodegroups or {}).items():
        (s.query(_NG).filter(_NG.uuid == ng_uuid, _NG.cluster_id == uuid)
         .update(dict(ng_values, updated_at=now),
                 synchronize_session=False))
    return True


class ClusterTask:
    """The cluster while this conductor holds its lock."""

    def __init__(self, cluster, host, operation):
        self.cluster = cluster
        self.uuid = cluster.uuid
        self.host = host
        self.operation = operation

    def _held(self):
        return sa.and_(_CLUSTER.uuid == self.uuid,
                       _CLUSTER.reservation == self.host)

    def _lost(self):
        return LockLost(cluster=self.uuid, host=self.host,
                        operation=self.operation)

    def save(self, values=None, nodegroups=None):
        """Write cluster `values` and {nodegroup uuid: values} in one
        transaction, only while the lock is still ours; returns the
        fresh cluster row. (The guarded UPDATE comes first: a
        transaction that reads before it writes can deadlock on SQLite.)
        """
        now = timeutils.utcnow()
        with session.writer() as s:
            if not _write(s, self._held(), self.uuid, dict(values or {}),
                          nodegroups, now):
                raise self._lost()
        self.cluster = db_clusters.get_by_uuid(self.uuid)
        return self.cluster

    def destroy(self):
        """Delete the cluster and its nodegroups (lock included)."""
        with session.writer() as s:
            if not s.query(_CLUSTER).filter(self._held()).delete(
                    synchronize_session=False):
                raise self._lost()
            s.query(_NG).filter(_NG.cluster_id == self.uuid).delete(
                synchronize_session=False)


def acquire(uuid, host, operation):
    """Take the lock; returns the ClusterTask. 404 ClusterNotFound,
    409 ClusterLocked."""
    now = timeutils.utcnow()
    with session.writer() as s:
        count = (s.query(_CLUSTER)
                 .filter(_CLUSTER.uuid == uuid,
                         db_clusters.lock_free_clause(now))
                 .update({"reservation": host, "reserved_at": now,
                          "reserved_for": operation},
                         synchronize_session=False))
        row = s.query(_CLUSTER).filter(_CLUSTER.uuid == uuid).one_or_none()
    if row is None:
        raise exceptions.ClusterNotFound(cluster=uuid)
    if not count:
        raise exceptions.ClusterLocked(cluster=row.name or uuid,
                                       host=row.reservation,
                                       operation=row.reserved_for)
    return ClusterTask(row, host, operation)


def release(task):
    """Free the lock if it is still ours (a deleted row is fine)."""
    with session.writer() as s:
        (s.query(_CLUSTER).filter(task._held())
         .update({"reservation": None, "reserved_at": None,
                  "reserved_for": None}, synchronize_session=False))


@contextlib.contextmanager
def cluster_lock(uuid, host, operation):
    task = acquire(uuid, host, operation)
    try:
        yield task
    finally:
        try:
            release(task)
        except Exception:
            LOG.exception("Could not release the lock of cluster %s; it "
                          "expires when stale", uuid)


def release_all(host):
    """Free every lock `host` holds: at start-up, the work a conductor
    of the same host was doing died with it."""
    with session.writer() as s:
        count = (s.query(_CLUSTER).filter(_CLUSTER.reservation == host)
                 .update({"reservation": None, "reserved_at": None,
                          "reserved_for": None}, synchronize_session=False))
    if count:
        LOG.warning("Released %d cluster locks left by a previous run of "
                    "conductor %s", count, host)
    return count


def apply_if_idle(cluster, values, nodegroups=None):
    """The status sync's write: apply cluster `values` and nodegroup
    values only while the cluster row is unchanged since `cluster` was
    read (status, updated_at), no operation is pending and no live
    conductor holds it. Returns whether it did."""
    now = timeutils.utcnow()
    cluster_filter = sa.and_(_CLUSTER.uuid == cluster.uuid,
                             _CLUSTER.status == cluster.status,
                             _CLUSTER.updated_at == cluster.updated_at,
                             db_clusters.idle_clause(),
                             db_clusters.lock_free_clause(now))
    with session.writer() as s:
        return _write(s, cluster_filter, cluster.uuid, dict(values),
                      nodegroups, now)
