"""quotas rows: one hard limit per (project, resource) (facts §4.7)."""

from oslo_db import exception as db_exc
from oslo_utils import timeutils

from magnum_like.common import exceptions
from magnum_like.db import api as db_api
from magnum_like.db import models
from magnum_like.db import session

_MODEL = models.Quota


def _not_found(project_id, resource):
    return exceptions.QuotaNotFound(
        msg="for project %s and resource %s" % (project_id, resource))


def create(project_id, resource, hard_limit):
    """Insert a quota; 409 when the project has one for `resource`."""
    row = _MODEL(project_id=project_id, resource=resource,
                 hard_limit=hard_limit)
    try:
        with session.writer() as s:
            s.add(row)
    except db_exc.DBDuplicateEntry:
        raise exceptions.QuotaAlreadyExists(project_id=project_id,
                                            resource=resource)
    return get(project_id, resource)


def get(project_id, resource):
    with session.reader() as s:
        row = (s.query(_MODEL)
               .filter_by(project_id=project_id, resource=resource)
               .one_or_none())
    if row is None:
        raise _not_found(project_id, resource)
    return row


def hard_limit(project_id, resource, default):
    """The project's limit for `resource`, `default` without a row."""
    try:
        return get(project_id, resource).hard_limit
    except exceptions.QuotaNotFound:
        return default


def _get_by_id(quota_id):
    with session.reader() as s:
        row = s.query(_MODEL).filter_by(id=quota_id).one_or_none()
    if row is None:
        raise exceptions.QuotaNotFound(msg=quota_id)
    return row


def list(project_id=None, limit=None, marker=None, sort_key=None,
         sort_dir=None):
    """One page of quotas (of one project when `project_id` is given);
    `marker` is a quota's integer id."""
    marker_row = _get_by_id(marker) if marker is not None else None
    with session.reader() as s:
        query = s.query(_MODEL)
        if project_id is not None:
            query = query.filter(_MODEL.project_id == project_id)
        return db_api.paginate(query, _MODEL, limit, marker_row, sort_key,
                               sort_dir)


def update(project_id, resource, hard_limit):
    with session.writer() as s:
        count = (s.query(_MODEL)
                 .filter_by(project_id=project_id, resource=resource)
                 .update({"hard_limit": hard_limit,
                          "updated_at": timeutils.utcnow()},
                         synchronize_session=False))
    if not count:
        raise _not_found(project_id, resource)
    return get(project_id, resource)


def destroy(project_id, resource):
    with session.writer() as s:
        count = (s.query(_MODEL)
                 .filter_by(project_id=project_id, resource=resource)
                 .delete(synchronize_session=False))
    if not count:
        raise _not_found(project_id, resource)
