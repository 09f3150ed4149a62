"""cluster rows: create (with their nodegroups), look up, list, the
operation guard the API takes before a cast, update, destroy.

Busy or idle: a cluster is busy while `pending_operation` holds an
operation the API recorded and the conductor has not yet handed to Heat,
or while a live conductor holds its lock (`reservation`). JSON columns
store None as `{}`, so an empty pending_operation means "none".
"""

import contextlib
import datetime
import hashlib

from oslo_config import cfg
from oslo_db import exception as db_exc
from oslo_utils import timeutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum_like.common import exceptions
from magnum_like.common import statuses
from magnum_like.db import api as db_api
from magnum_like.db import models
from magnum_like.db import services
from magnum_like.db import session

CONF = cfg.CONF
_MODEL = models.Cluster
_NG = models.NodeGroup

IN_PROGRESS = ("CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS",
               "DELETE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS")
_COUNT_FILTERS = {"node_count": False, "master_count": True}


# -- shared clauses ----------------------------------------------------
# pending_operation key: the API could not hand the operation to the bus.
UNDELIVERED = "undelivered"


def idle_clause():
    """SQL: no operation is pending on the cluster."""
    return sa.or_(_MODEL.pending_operation.is_(None),
                  _MODEL.pending_operation == {})


def lock_free_clause(now=None):
    """SQL: the cluster's lock is free or stale.

    Stale: the holder's heartbeat in magnum_service is older than
    [DEFAULT] service_down_time (or it has no row), or the lock was taken
    more than [conductor] lock_stale_after seconds ago.
    """
    now = now or timeutils.utcnow()
    alive_since = now - datetime.timedelta(seconds=CONF.service_down_time)
    stale_at = now - datetime.timedelta(
        seconds=CONF.conductor.lock_stale_after)
    svc = models.MagnumService
    holder_alive = sa.exists().where(
        svc.host == _MODEL.reservation,
        svc.binary == services.CONDUCTOR_BINARY,
        svc.last_seen_up >= alive_since)
    return sa.or_(_MODEL.reservation.is_(None), _MODEL.reserved_at < stale_at,
                  ~holder_alive)


def is_pending(row):
    return bool(getattr(row, "pending_operation", None))


def pending(op, params=None, now=None):
    """A pending_operation value."""
    now = now or timeutils.utcnow()
    return {"op": op, "params": dict(params or {}),
            "requested_at": now.isoformat()}


def pending_age(row, now=None):
    """Seconds since the row's pending operation was requested."""
    op = row.pending_operation or {}
    try:
        at = datetime.datetime.fromisoformat(op["requested_at"])
    except (KeyError, TypeError, ValueError):
        at = row.updated_at or row.created_at
    now = now or timeutils.utcnow()
    return (now - at.replace(tzinfo=None)).total_seconds()


# -- reads -------------------------------------------------------------
def _visible(query, context, all_tenants):
    if all_tenants or (context.is_admin and context.all_tenants):
        return query
    if context.project_id:
        return query.filter(_MODEL.project_id == context.project_id)
    return query.filter(_MODEL.user_id == context.user_id)


def get_by_uuid(uuid):
    """The cluster row whatever its project (the conductor's look-up)."""
    return db_api.get_by_uuid(
        _MODEL, uuid, lambda: exceptions.ClusterNotFound(cluster=uuid))


def get(context, ident, all_tenants=False):
    """The visible cluster by uuid or name; 409 when a name is
    ambiguous, 404 when none matches."""
    with session.reader() as s:
        query = _visible(s.query(_MODEL), context, all_tenants)
        rows = db_api.filter_by_ident(query, _MODEL, ident).limit(2).all()
    if not rows:
        raise exceptions.ClusterNotFound(cluster=ident)
    if len(rows) > 1:
        raise exceptions.AmbiguousName(resource="Clusters", name=ident)
    return rows[0]


def _count_subquery(master):
    role = _NG.role == "master" if master else _NG.role != "master"
    return (sa.select(sa.func.coalesce(sa.func.sum(_NG.node_count), 0))
            .where(_NG.cluster_id == _MODEL.uuid, role)
            .scalar_subquery())


def _filtered(query, filters):
    for key, value in (filters or {}).items():
        if key in _COUNT_FILTERS:
            query = query.filter(
                _count_subquery(_COUNT_FILTERS[key]) == int(value))
        elif key in _MODEL.__table__.columns:
            query = query.filter(getattr(_MODEL, key) == value)
        else:
            raise exceptions.InvalidParameterValue(
                err="Clusters cannot be filtered by %s." % key)
    return query


def list(context, filters=None, limit=None, marker=None, sort_key=None,
         sort_dir=None, all_tenants=False):
    """One page of the visible clusters; `marker` is a cluster uuid,
    `filters` {column or node_count/master_count: value}."""
    marker_row = get(context, marker, all_tenants) if marker else None
    with session.reader() as s:
        query = _filtered(_visible(s.query(_MODEL), context, all_tenants),
                          filters)
        return db_api.paginate(query, _MODEL, limit, marker_row, sort_key,
                               sort_dir)


def count_for_project(project_id):
    with session.reader() as s:
        return (s.query(sa.func.count(_MODEL.id))
                .filter(_MODEL.project_id == project_id).scalar())


def stats(project_id=None):
    """(clusters, nodes): the nodes of every nodegroup, masters too."""
    with session.reader() as s:
        clusters = s.query(sa.func.count(_MODEL.id))
        nodes = s.query(sa.func.coalesce(sa.func.sum(_NG.node_count), 0))
        if project_id:
            clusters = clusters.filter(_MODEL.project_id == project_id)
            nodes = nodes.join(_MODEL, _MODEL.uuid == _NG.cluster_id).filter(
                _MODEL.project_id == project_id)
        return clusters.scalar(), int(nodes.scalar())


def list_in_progress():
    """Every cluster in an *_IN_PROGRESS state (the status sync)."""
    with session.reader() as s:
        return (s.query(_MODEL).filter(_MODEL.status.in_(IN_PROGRESS))
                .order_by(_MODEL.id).all())


def list_with_status(wanted):
    """Every cluster whose status is in `wanted` (the health monitor)."""
    with session.reader() as s:
        return (s.query(_MODEL).filter(_MODEL.status.in_(tuple(wanted)))
                .order_by(_MODEL.id).all())


def list_with_pending_operation(older_than=0, undelivered=False):
    """Clusters whose pending operation was requested more than
    `older_than` seconds ago (reconciliation of lost casts); with
    `undelivered`, only those the API flagged as never handed to the
    bus, of any age."""
    with session.reader() as s:
        rows = (s.query(_MODEL).filter(sa.not_(idle_clause()))
                .order_by(_MODEL.id).all())
    if undelivered:
        return [r for r in rows
                if (r.pending_operation or {}).get(UNDELIVERED)]
    now = timeutils.utcnow()
    return [r for r in rows if pending_age(r, now) >= older_than]


def mark_undelivered(uuid, op):
    """Flag the cluster's pending `op` as never handed to the message
    bus, so that the conductor's recovery takes it without waiting for
    the grace period. False when `op` is no longer pending."""
    with session.writer() as s:
        row = (s.query(_MODEL).filter(_MODEL.uuid == uuid)
               .with_for_update().one_or_none())
        pending_op = dict(row.pending_operation or {}) if row else {}
        if pending_op.get("op") != op:
            return False
        pending_op[UNDELIVERED] = True
        row.pending_operation = pending_op
        return True


def templates_by_uuid(uuids):
    """{uuid: cluster_template row} in one query (any project)."""
    uuids = sorted(set(u for u in uuids if u))
    if not uuids:
        return {}
    tmpl = models.ClusterTemplate
    with session.reader() as s:
        return {t.uuid: t for t in
                s.query(tmpl).filter(tmpl.uuid.in_(uuids)).all()}


def list_locked_by(host):
    with session.reader() as s:
        return s.query(_MODEL).filter(_MODEL.reservation == host).all()


# -- writes ------------------------------------------------------------
def _reload(s, uuid):
    return (s.query(_MODEL).populate_existing()
            .filter(_MODEL.uuid == uuid).one())


def _ng_row(cluster, values):
    values = dict(values)
    values.setdefault("uuid", uuidutils.generate_uuid())
    values["cluster_id"] = cluster["uuid"]
    values.setdefault("project_id", cluster.get("project_id"))
    return _NG(**values)


def create_with_nodegroups(cluster_values, nodegroup_values_list,
                           quota_limit=None):
    """Insert a cluster and its nodegroups in one transaction; returns
    the cluster row. The caller gives status (CREATE_IN_PROGRESS) and
    pending_operation (pending("create", ...)).

    With `quota_limit`, 403 ResourceLimitExceeded when the project would
    have more clusters than that, also against concurrent creates (see
    _over_quota)."""
    values = dict(cluster_values)
    values.setdefault("uuid", uuidutils.generate_uuid())
    if not values.get("status_reason"):
        values["status_reason"] = statuses.requested_reason("create")
    project = values.get("project_id")
    try:
        with session.writer() as s:
            with _project_lock(s, project, quota_limit is not None):
                # Write first: SQLite then serialises the creates.
                s.add(_MODEL(**values))
                s.flush()
                if quota_limit is not None and \
                        _project_count(s, project) > quota_limit:
                    raise _quota_exceeded(quota_limit)
                for ng_values in nodegroup_values_list:
                    s.add(_ng_row(values, ng_values))
                s.flush()
    except db_exc.DBDuplicateEntry as e:
        if "name" in (e.columns or []):
            raise exceptions.NodeGroupAlreadyExists(
                name=",".join(e.columns), cluster_id=values["uuid"])
        raise exceptions.ClusterAlreadyExists(uuid=values["uuid"])
    if quota_limit is not None:
        _over_quota(values["uuid"], project, quota_limit)
    return get_by_uuid(values["uuid"])


@contextlib.contextmanager
def _project_lock(s, project_id, wanted=True):
    """Serialise the creates of one project for the quota's count and
    insert: PostgreSQL's transaction advisory lock; MariaDB's named lock
    (held by the connection, so released here, just before the commit:
    _over_quota covers that instant); SQLite serialises writers itself.
    """
    name = "ml-quota-" + hashlib.sha256(
        str(project_id).encode()).hexdigest()[:40]
    dialect = s.get_bind().dialect.name if wanted else None
    if dialect == "postgresql":
        s.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"),
                  {"k": int(name[-15:], 16)})
    elif dialect == "mysql":
        s.execute(sa.text("SELECT GET_LOCK(:n, 60)"), {"n": name})
    try:
        yield
    finally:
        if dialect == "mysql":
            s.execute(sa.text("SELECT RELEASE_LOCK(:n)"), {"n": name})


def _project_count(s, project_id):
    return (s.query(sa.func.count(_MODEL.id))
            .filter(_MODEL.project_id == project_id).scalar())


def _quota_exceeded(limit):
    return exceptions.ResourceLimitExceeded(
        msg="You have reached the maximum clusters per project, %d. You "
            "may delete a cluster to make room for a new one." % limit)


def _over_quota(uuid, project_id, limit):
    """The check after the commit, the safety net of _project_lock: two
    transactions that each counted before the other committed both see
    both rows now, so at least the later checker withdraws its own, not
    yet cast, cluster; never are both over the limit."""
    with session.writer() as s:
        if _project_count(s, project_id) <= limit:
            return
        s.query(_NG).filter(_NG.cluster_id == uuid).delete(
            synchronize_session=False)
        s.query(_MODEL).filter(_MODEL.uuid == uuid).delete(
            synchronize_session=False)
    raise _quota_exceeded(limit)


def _refusal(row, uuid, operation, allowed_statuses):
    """Why begin_operation's conditional UPDATE matched no row: 404; 409
    naming the operation in progress when another one was requested or
    runs (an *_IN_PROGRESS status) or a conductor holds the cluster; 400
    when the cluster's status forbids `operation`."""
    if row is None:
        raise exceptions.ClusterNotFound(cluster=uuid)
    name = row.name or uuid
    status = row.status or ""
    if is_pending(row) or (status not in allowed_statuses and
                           status.endswith("_IN_PROGRESS")):
        running = ((row.pending_operation or {}).get("op") or
                   status.split("_", 1)[0].lower())
        raise exceptions.ClusterBusy(cluster=name, operation=running)
    if status not in allowed_statuses:
        raise exceptions.ClusterStatusNotAllowed(
            operation=operation.capitalize(), status=row.status)
    raise exceptions.ClusterBusy(cluster=name,
                                 operation=row.reserved_for or "locked")


def begin_operation(uuid, operation, allowed_statuses, new_status,
                    cluster_changes=None, nodegroup_changes=None,
                    params=None):
    """Record `operation` on an idle cluster whose status allows it.

    One conditional UPDATE (status as read and in `allowed_statuses`,
    no pending operation, lock free or stale) sets the status,
    pending_operation and `cluster_changes`; `nodegroup_changes`
    ({nodegroup uuid: {field: value}}) are applied in the same
    transaction. pending_operation = {"op": operation, "params": params,
    "requested_at", "previous_status", "previous_nodegroups": {uuid:
    {field: old value}}}: what the conductor restores when the operation
    fails before reaching Heat. Returns the cluster row.
    404 ClusterNotFound; 409 ClusterBusy naming the operation in progress
    (pending, *_IN_PROGRESS or locked); 400 ClusterStatusNotAllowed.
    """
    with session.writer() as s:
        return _begin(s, uuid, operation, allowed_statuses, new_status,
                      cluster_changes, nodegroup_changes, params)


def begin_nodegroup_create(cluster_uuid, nodegroup_values,
                           allowed_statuses, new_status):
    """Insert a nodegroup and record "nodegroup_create" on its cluster
    (params {"nodegroup_uuid"}) in ONE transaction: no reader ever sees
    the row without the operation, nor the operation without the row.
    Refusals as begin_operation; 409 NodeGroupAlreadyExists. Returns the
    nodegroup row."""
    values = dict(nodegroup_values, cluster_id=cluster_uuid)
    values.setdefault("uuid", uuidutils.generate_uuid())
    try:
        with session.writer() as s:
            _begin(s, cluster_uuid, "nodegroup_create", allowed_statuses,
                   new_status, params={"nodegroup_uuid": values["uuid"]})
            s.add(_NG(**values))
            s.flush()
    except db_exc.DBDuplicateEntry:
        raise exceptions.NodeGroupAlreadyExists(
            name=values.get("name"), cluster_id=cluster_uuid)
    with session.reader() as s:
        return s.query(_NG).filter(_NG.uuid == values["uuid"]).one()


def _begin(s, uuid, operation, allowed_statuses, new_status,
           cluster_changes=None, nodegroup_changes=None, params=None):
    now = timeutils.utcnow()
    changes = dict(cluster_changes or {})
    _check_changes(changes)
    # Write first: the row stays locked until the commit (MySQL,
    # PostgreSQL), and SQLite cannot deadlock on a read-then-write.
    (s.query(_MODEL).filter(_MODEL.uuid == uuid)
     .update({"updated_at": _MODEL.updated_at},
             synchronize_session=False))
    row = s.query(_MODEL).filter(_MODEL.uuid == uuid).one_or_none()
    if row is None or row.status not in allowed_statuses:
        _refusal(row, uuid, operation, allowed_statuses)
    op = pending(operation, params, now)
    op["previous_status"] = row.status
    op["previous_status_reason"] = row.status_reason
    op["previous_nodegroups"] = _previous(s, uuid, nodegroup_changes)
    changes.update(status=new_status, updated_at=now,
                   pending_operation=op)
    changes.setdefault("status_reason", statuses.requested_reason(operation))
    count = (s.query(_MODEL)
             .filter(_MODEL.uuid == uuid, _MODEL.status == row.status,
                     idle_clause(), lock_free_clause(now))
             .update(changes, synchronize_session=False))
    if count != 1:
        _refusal(s.query(_MODEL).populate_existing()
                 .filter(_MODEL.uuid == uuid).one_or_none(),
                 uuid, operation, allowed_statuses)
    for ng_uuid, ng_changes in (nodegroup_changes or {}).items():
        (s.query(_NG).filter(_NG.uuid == ng_uuid)
         .update(dict(ng_changes, updated_at=now),
                 synchronize_session=False))
    return _reload(s, uuid)


def _previous(s, cluster_uuid, nodegroup_changes):
    """{nodegroup uuid: {field: current value}} of the changed fields."""
    previous = {}
    for ng_uuid, ng_changes in (nodegroup_changes or {}).items():
        ng = (s.query(_NG).filter(_NG.uuid == ng_uuid,
                                  _NG.cluster_id == cluster_uuid)
              .one_or_none())
        if ng is None:
            raise exceptions.NodeGroupNotFound(nodegroup=ng_uuid)
        previous[ng_uuid] = {k: getattr(ng, k) for k in ng_changes}
    return previous


def _check_changes(values):
    for field in ("uuid", "id"):
        if field in values:
            raise exceptions.InvalidClusterChange(field=field)


def update(uuid, values):
    """Apply `values` to the cluster; returns the updated row."""
    _check_changes(values)
    values = dict(values, updated_at=timeutils.utcnow())
    with session.writer() as s:
        count = (s.query(_MODEL).filter(_MODEL.uuid == uuid)
                 .update(values, synchronize_session=False))
        if not count:
            raise exceptions.ClusterNotFound(cluster=uuid)
        return _reload(s, uuid)


def update_if(uuid, values, status=None, unlocked=False, idle=False):
    """Apply `values` only while the cluster still has `status` (when
    given), its lock is free or stale (`unlocked`) and no operation is
    pending (`idle`): the status sync's compare-and-set. Returns whether
    the row changed."""
    _check_changes(values)
    now = timeutils.utcnow()
    query = sa.and_(_MODEL.uuid == uuid)
    if status is not None:
        query = sa.and_(query, _MODEL.status == status)
    if unlocked:
        query = sa.and_(query, lock_free_clause(now))
    if idle:
        query = sa.and_(query, idle_clause())
    with session.writer() as s:
        return bool(s.query(_MODEL).filter(query).update(
            dict(values, updated_at=now), synchronize_session=False))


def destroy(uuid):
    """Delete the cluster and its nodegroups."""
    with session.writer() as s:
        s.query(_NG).filter(_NG.cluster_id == uuid).delete(
            synchronize_session=False)
        count = s.query(_MODEL).filter(_MODEL.uuid == uuid).delete(
            synchronize_session=False)
    if not count:
        raise exceptions.ClusterNotFound(cluster=uuid)
