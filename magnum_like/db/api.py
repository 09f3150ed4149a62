"""The database query API: every read and write of the service's rows.

Callers get plain model objects detached from their session. Resource
families live in their own modules (db/services.py, ...); this module
holds what they share.
"""

from oslo_db.sqlalchemy import utils as db_utils
from oslo_utils import uuidutils

from magnum_like.common import exceptions
from magnum_like.db import session


def paginate(query, model, limit=None, marker=None, sort_key=None,
             sort_dir=None):
    """Apply Magnum's pagination: sort by `sort_key` then `id`, start
    after the row `marker` (an already-loaded model object)."""
    sort_key = sort_key or "id"
    sort_dir = sort_dir or "asc"
    if not hasattr(model, sort_key) or sort_key not in \
            model.__table__.columns:
        raise exceptions.InvalidSortKey(key=sort_key)
    sort_keys = [sort_key] if sort_key == "id" else [sort_key, "id"]
    try:
        query = db_utils.paginate_query(query, model, limit, sort_keys,
                                        marker=marker, sort_dir=sort_dir)
    except db_utils.InvalidSortKey:
        raise exceptions.InvalidSortKey(key=sort_key)
    return query.all()


def filter_by_ident(query, model, ident):
    """Filter by uuid when `ident` looks like one, else by name."""
    if uuidutils.is_uuid_like(ident):
        return query.filter(model.uuid == ident)
    return query.filter(model.name == ident)


def get_by_uuid(model, uuid, not_found):
    """The row of `model` with `uuid`, whatever its project; else raise
    `not_found()` (a typed 404)."""
    with session.reader() as s:
        row = s.query(model).filter(model.uuid == uuid).one_or_none()
    if row is None:
        raise not_found()
    return row
