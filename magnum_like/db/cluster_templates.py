"""cluster_template rows: create, look up, list, update, destroy.

Visibility (facts §4.1): a project sees its own templates, hidden ones
included, plus every public template that is not hidden; an admin context
with `all_tenants` sees every template.
"""

from oslo_db import exception as db_exc
from oslo_utils import strutils
from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum_like.common import exceptions
from magnum_like.db import api as db_api
from magnum_like.db import models
from magnum_like.db import session

_MODEL = models.ClusterTemplate

# Changes a template accepts while clusters use it (facts §4.1).
_PUBLISHING = {"public": lambda v: v is True,
               "hidden": lambda v: True,
               "tags": lambda v: v is not None,
               "name": lambda v: True}


def _visible(query, context):
    if context.is_admin and context.all_tenants:
        return query
    if context.project_id:
        own = _MODEL.project_id == context.project_id
    else:
        own = _MODEL.user_id == context.user_id
    public = sa.and_(_MODEL.public.is_(True),
                     sa.or_(_MODEL.hidden.is_(False),
                            _MODEL.hidden.is_(None)))
    return query.filter(sa.or_(own, public))


def _reload(uuid):
    """The row as stored (MariaDB keeps whole seconds of datetimes)."""
    with session.reader() as s:
        return s.query(_MODEL).filter(_MODEL.uuid == uuid).one()


def create(values):
    """Insert a template; `values` are column values (uuid optional)."""
    values = dict(values)
    values.setdefault("uuid", uuidutils.generate_uuid())
    row = _MODEL(**values)
    try:
        with session.writer() as s:
            s.add(row)
    except db_exc.DBDuplicateEntry:
        raise exceptions.ClusterTemplateAlreadyExists(uuid=values["uuid"])
    return _reload(row.uuid)


def get_by_uuid(context, uuid):
    with session.reader() as s:
        row = _visible(s.query(_MODEL), context).filter(
            _MODEL.uuid == uuid).one_or_none()
    if row is None:
        raise exceptions.ClusterTemplateNotFound(clustertemplate=uuid)
    return row


def get_by_name(context, name):
    """The one visible template named `name`; 409 when several are."""
    with session.reader() as s:
        rows = _visible(s.query(_MODEL), context).filter(
            _MODEL.name == name).limit(2).all()
    if not rows:
        raise exceptions.ClusterTemplateNotFound(clustertemplate=name)
    if len(rows) > 1:
        raise exceptions.AmbiguousName(resource="ClusterTemplates",
                                       name=name)
    return rows[0]


def get_by_ident(context, ident):
    """By uuid when `ident` looks like one, else by name."""
    if uuidutils.is_uuid_like(ident):
        return get_by_uuid(context, ident)
    return get_by_name(context, ident)


def get_for_cluster(context, ident):
    """The template a cluster create names: by integer id, uuid or name,
    among the project's templates and every public one, hidden or not
    (the caller then refuses hidden ones to non-admins with a 403)."""
    with session.reader() as s:
        query = s.query(_MODEL)
        if not (context.is_admin and context.all_tenants):
            query = query.filter(sa.or_(
                _MODEL.project_id == context.project_id,
                _MODEL.public.is_(True)))
        if strutils.is_int_like(ident):
            query = query.filter(_MODEL.id == int(ident))
        else:
            query = db_api.filter_by_ident(query, _MODEL, ident)
        rows = query.limit(2).all()
    if not rows:
        raise exceptions.ClusterTemplateNotFound(clustertemplate=ident)
    if len(rows) > 1:
        raise exceptions.AmbiguousName(resource="ClusterTemplates",
                                       name=ident)
    return rows[0]


def labels_by_uuid(uuids):
    """{template uuid: labels} of the templates (any project)."""
    uuids = sorted(set(uuids))
    if not uuids:
        return {}
    with session.reader() as s:
        rows = (s.query(_MODEL.uuid, _MODEL.labels)
                .filter(_MODEL.uuid.in_(uuids)).all())
    return {uuid: labels or {} for uuid, labels in rows}


def list_templates(context, limit=None, marker=None, sort_key=None,
                   sort_dir=None):
    """The visible templates, one page; `marker` is a template uuid."""
    marker_row = get_by_uuid(context, marker) if marker else None
    with session.reader() as s:
        query = _visible(s.query(_MODEL), context)
        return db_api.paginate(query, _MODEL, limit, marker_row, sort_key,
                               sort_dir)


def _count_clusters(s, uuid):
    return (s.query(sa.func.count(models.Cluster.id))
            .filter(models.Cluster.cluster_template_id == uuid).scalar())


def count_clusters(uuid):
    """How many clusters use the template."""
    with session.reader() as s:
        return _count_clusters(s, uuid)


def allowed_while_referenced(changes):
    """Whether `changes` ({field: new value}) may be applied to a
    template that clusters use: one field, and a publishing one."""
    if len(changes) != 1:
        return False
    [(field, value)] = changes.items()
    check = _PUBLISHING.get(field)
    return check is not None and check(value)


def update(uuid, changes):
    """Apply `changes` to the template; returns the updated row.

    Refuses (400) changes other than the publishing ones while clusters
    use the template; the check and the write share one transaction.
    """
    if "uuid" in changes or "id" in changes:
        raise exceptions.Invalid("Cannot overwrite UUID for an existing "
                                 "ClusterTemplate.")
    with session.writer() as s:
        row = s.query(_MODEL).filter(_MODEL.uuid == uuid).with_for_update(
        ).one_or_none()
        if row is None:
            raise exceptions.ClusterTemplateNotFound(clustertemplate=uuid)
        if changes and _count_clusters(s, uuid) and \
                not allowed_while_referenced(changes):
            raise exceptions.ClusterTemplateReferenced(clustertemplate=uuid)
        for field, value in changes.items():
            setattr(row, field, value)
    return _reload(uuid)


def destroy(uuid):
    """Delete the template; 400 while clusters use it."""
    with session.writer() as s:
        if _count_clusters(s, uuid):
            raise exceptions.ClusterTemplateReferenced(clustertemplate=uuid)
        count = s.query(_MODEL).filter(_MODEL.uuid == uuid).delete()
    if not count:
        raise exceptions.ClusterTemplateNotFound(clustertemplate=uuid)
