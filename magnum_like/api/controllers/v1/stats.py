"""`GET /v1/stats`: how many clusters and nodes (masters included) a
project, or for admins the whole cloud, has (facts §4.8)."""

import pecan
from pecan import rest
from wsme import types as wtypes
import wsmeext.pecan as wsme_pecan

from magnum_like.api.controllers import base
from magnum_like.common import exceptions
from magnum_like.common import policy
from magnum_like.db import clusters as db_clusters

TYPES = ("cluster",)


class Stats(base.APIBase):
    clusters = wtypes.IntegerType(minimum=0)
    nodes = wtypes.IntegerType(minimum=0)


class StatsController(rest.RestController):
    @wsme_pecan.wsexpose(Stats, wtypes.text, wtypes.text)
    def get_all(self, project_id=None, type="cluster"):
        """Totals of the caller's project, of `project_id` (admins or the
        caller's own), or of every project (admins, no project_id)."""
        context = pecan.request.context
        policy.authorize(context, "stats:get_all")
        if (type or "").lower() not in TYPES:
            raise exceptions.InvalidParameterValue(
                err="Invalid stats type. Allowed values are '%s'" %
                    ",".join(TYPES))
        if not context.is_admin:
            if project_id and project_id != context.project_id:
                raise exceptions.NotAuthorized()
            project_id = context.project_id
        clusters, nodes = db_clusters.stats(project_id or None)
        return Stats(clusters=clusters, nodes=nodes)
