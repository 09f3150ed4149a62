"""nodegroup rows: create, look up (id, uuid or name within a cluster),
list, update, destroy, and the batched read of the status sync."""

from oslo_db import exception as db_exc
from oslo_utils import strutils
from oslo_utils import timeutils
from oslo_utils import uuidutils

from magnum_like.common import exceptions
from magnum_like.db import api as db_api
from magnum_like.db import models
from magnum_like.db import session

_MODEL = models.NodeGroup


def create(values):
    """Insert a nodegroup (`cluster_id` = the cluster's uuid); 409 when
    the cluster already has one of that name."""
    values = dict(values)
    values.setdefault("uuid", uuidutils.generate_uuid())
    try:
        with session.writer() as s:
            s.add(_MODEL(**values))
    except db_exc.DBDuplicateEntry:
        raise exceptions.NodeGroupAlreadyExists(
            name=values.get("name"), cluster_id=values.get("cluster_id"))
    return get_by_uuid(values["uuid"])


def get_by_uuid(uuid):
    return db_api.get_by_uuid(
        _MODEL, uuid, lambda: exceptions.NodeGroupNotFound(nodegroup=uuid))


def get(cluster_uuid, ident):
    """The cluster's nodegroup by integer id, uuid or name."""
    with session.reader() as s:
        query = s.query(_MODEL).filter(_MODEL.cluster_id == cluster_uuid)
        if strutils.is_int_like(ident):
            query = query.filter(_MODEL.id == int(ident))
        else:
            query = db_api.filter_by_ident(query, _MODEL, ident)
        row = query.one_or_none()
    if row is None:
        raise exceptions.NodeGroupNotFound(nodegroup=ident)
    return row


def list(cluster_uuid, role=None, limit=None, marker=None, sort_key=None,
         sort_dir=None):
    """One page of the cluster's nodegroups; `marker` is a nodegroup
    uuid."""
    marker_row = get(cluster_uuid, marker) if marker else None
    with session.reader() as s:
        query = s.query(_MODEL).filter(_MODEL.cluster_id == cluster_uuid)
        if role:
            query = query.filter(_MODEL.role == role)
        return db_api.paginate(query, _MODEL, limit, marker_row, sort_key,
                               sort_dir)


def list_for_clusters(cluster_uuids):
    """{cluster uuid: [nodegroup rows]} in one query."""
    uuids = sorted(set(cluster_uuids))
    found = {u: [] for u in uuids}
    if not uuids:
        return found
    with session.reader() as s:
        rows = (s.query(_MODEL).filter(_MODEL.cluster_id.in_(uuids))
                .order_by(_MODEL.id).all())
    for row in rows:
        found[row.cluster_id].append(row)
    return found


def update(uuid, values):
    """Apply `values`; returns the updated row."""
    if "uuid" in values or "id" in values:
        raise exceptions.Invalid("Cannot overwrite UUID for an existing "
                                 "node group.")
    values = dict(values, updated_at=timeutils.utcnow())
    with session.writer() as s:
        count = (s.query(_MODEL).filter(_MODEL.uuid == uuid)
                 .update(values, synchronize_session=False))
    if not count:
        raise exceptions.NodeGroupNotFound(nodegroup=uuid)
    return get_by_uuid(uuid)


def destroy(uuid):
    with session.writer() as s:
        count = s.query(_MODEL).filter(_MODEL.uuid == uuid).delete(
            synchronize_session=False)
    if not count:
        raise exceptions.NodeGroupNotFound(nodegroup=uuid)
