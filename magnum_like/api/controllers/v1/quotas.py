"""`/v1/quotas`: per-project limits; only `Cluster` (the number of a
project's clusters) exists and is enforced on cluster create (facts
§4.7)."""

from oslo_config import cfg
import pecan
from pecan import rest
import wsme
from wsme import types as wtypes
import wsmeext.pecan as wsme_pecan

from magnum_like.api.controllers import base
from magnum_like.api.controllers import collection
from magnum_like.api.controllers import types
from magnum_like.api.controllers import utils
from magnum_like.api.validation import identity
from magnum_like.common import exceptions
from magnum_like.common import policy
from magnum_like.db import quotas as db

CONF = cfg.CONF

RESOURCES = ("Cluster",)
FIELDS = ("id", "project_id", "resource", "hard_limit", "created_at",
          "updated_at")


class Quota(base.APIBase):
    id = wsme.wsattr(int, readonly=True)
    project_id = wsme.wsattr(wtypes.StringType(min_length=1,
                                               max_length=255),
                             default=None)
    resource = wsme.wsattr(wtypes.Enum(wtypes.text, *RESOURCES),
                           default=RESOURCES[0])
    hard_limit = wsme.wsattr(wtypes.IntegerType(minimum=0), default=1)

    def __init__(self, **kwargs):
        self.fields = list(FIELDS)
        super().__init__(**kwargs)

    @classmethod
    def convert(cls, row):
        return cls.from_row(row, FIELDS)


class QuotaCollection(collection.Collection):
    quotas = [Quota]

    def __init__(self, **kwargs):
        self._type = "quotas"

    @classmethod
    def convert(cls, rows, limit, **kwargs):
        result = cls()
        result.quotas = [Quota.convert(r) for r in rows]
        result.next = result.get_next(limit, marker_attr="id", **kwargs)
        return result


def _check_resource(project_id, resource):
    if resource not in RESOURCES:
        raise exceptions.QuotaNotFound(
            msg="for project %s and resource %s" % (project_id, resource))


class QuotaController(rest.RestController):
    @wsme_pecan.wsexpose(QuotaCollection, int, int, wtypes.text,
                         wtypes.text, types.boolean)
    def get_all(self, marker=None, limit=None, sort_key="id",
                sort_dir="asc", all_tenants=False):
        """The caller's project's quotas; every project's for an admin
        asking with all_tenants."""
        context = pecan.request.context
        policy.authorize(context, "quota:get_all")
        limit = utils.validate_limit(limit)
        sort_dir = utils.validate_sort_dir(sort_dir)
        project_id = None
        if not (context.is_admin and all_tenants):
            project_id = context.project_id
        rows = db.list(project_id, limit=limit, marker=marker,
                       sort_key=sort_key, sort_dir=sort_dir)
        return QuotaCollection.convert(rows, limit, sort_key=sort_key,
                                       sort_dir=sort_dir)

    @wsme_pecan.wsexpose(Quota, wtypes.text, wtypes.text)
    def get_one(self, project_id, resource):
        """A project's quota, or the default limit when none is set."""
        context = pecan.request.context
        policy.authorize(context, "quota:get")
        if not context.is_admin and project_id != context.project_id:
            raise exceptions.NotAuthorized()
        _check_resource(project_id, resource)
        try:
            return Quota.convert(db.get(project_id, resource))
        except exceptions.QuotaNotFound:
            return Quota(project_id=project_id, resource=resource,
                         hard_limit=CONF.quotas.max_clusters_per_project)

    @wsme_pecan.wsexpose(Quota, body=types.jsontype, status_code=201)
    def post(self, quota=None):
        """Set a project's quota; the project must exist in Keystone."""
        context = pecan.request.context
        policy.authorize(context, "quota:create")
        quota = utils.parse_body(Quota, quota, "quota")
        if not quota.project_id:
            raise exceptions.InvalidParameterValue(
                err="Must provide a valid project ID.")
        identity.check_project(context, quota.project_id)
        row = db.create(quota.project_id, quota.resource, quota.hard_limit)
        return Quota.convert(row)

    @wsme_pecan.wsexpose(Quota, wtypes.text, wtypes.text,
                         body=types.jsontype, status_code=202)
    def patch(self, project_id, resource, quota=None):
        """Change the hard limit; the body is a quota object."""
        context = pecan.request.context
        policy.authorize(context, "quota:update")
        quota = utils.parse_body(Quota, quota, "quota")
        row = db.update(project_id, resource, quota.hard_limit)
        return Quota.convert(row)

    @wsme_pecan.wsexpose(None, wtypes.text, wtypes.text, status_code=204)
    def delete(self, project_id, resource):
        context = pecan.request.context
        policy.authorize(context, "quota:delete")
        db.destroy(project_id, resource)
