"""Nova ``os-simple-tenant-usage``: usage reports over a period.

``GET /os-simple-tenant-usage`` lists every project's usage (admin only,
``detailed=1`` adds each server's usage); ``GET
/os-simple-tenant-usage/{project}`` shows one project's (admin or that
project), always detailed, ``{}`` when nothing ran. ``start`` and ``end``
default to now; from 2.40 ``limit`` and ``marker`` page through servers
and a full page carries a ``next`` link.
"""

import datetime
import urllib.parse

from magnum_like.localcloud.world import base as world_base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.compute import usage as world_usage
from magnum_like.localcloud.wsgi.compute import resources

V = "/v2.1"
PATH = V + "/os-simple-tenant-usage"
FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f",
           "%Y-%m-%d %H:%M:%S.%f")
MAX_LIMIT = 1000
PAGING = (2, 40)


class UsageRoutes:
    def _usage_routes(self):
        self.add("GET", PATH, self.list_usages)
        self.add("GET", PATH + "/{project_id}", self.show_usage)

    def list_usages(self, req, ctx):
        if not ctx["is_admin"]:
            raise errors.Forbidden(
                "Policy doesn't allow os_compute_api:os-simple-tenant-"
                "usage:list to be performed.")
        start, stop = _period(req)
        usages = self._usage_page(req, start, stop, None)
        detailed = req.GET.get("detailed", "0") == "1"
        body = {"tenant_usages": world_usage.summaries(
            usages, start, stop, detailed)}
        self._usage_links(req, body, "tenant_usages_links", usages)
        return 200, body

    def show_usage(self, req, ctx, project_id):
        if project_id != ctx["project_id"] and not ctx["is_admin"]:
            raise errors.Forbidden(
                "Policy doesn't allow os_compute_api:os-simple-tenant-"
                "usage:show to be performed.")
        start, stop = _period(req)
        usages = self._usage_page(req, start, stop, project_id)
        found = world_usage.summaries(usages, start, stop)
        body = {"tenant_usage": found[0] if found else {}}
        self._usage_links(req, body, "tenant_usage_links", usages)
        return 200, body

    def _usage_page(self, req, start, stop, project_id):
        usages = self.world.compute.server_usages(start, stop, project_id)
        if self.mv(req) < PAGING:
            return usages
        return resources.page(usages, req, key="instance_id")[
            :_limit(req)]

    def _usage_links(self, req, body, key, usages):
        if self.mv(req) < PAGING or not usages or len(usages) < _limit(req):
            return
        query = dict(req.GET, marker=usages[-1]["instance_id"])
        href = "%s%s?%s" % (req.application_url, req.path_info,
                            urllib.parse.urlencode(query))
        body[key] = [{"rel": "next", "href": href}]


def _limit(req):
    try:
        return min(int(req.GET.get("limit", MAX_LIMIT)), MAX_LIMIT)
    except ValueError:
        raise errors.BadRequest("limit param must be an integer")


def _parse(value):
    if not value:
        return world_base.utcnow()
    for fmt in FORMATS:
        try:
            when = datetime.datetime.strptime(value, fmt)
        except ValueError:
            continue
        return when.replace(tzinfo=datetime.UTC)
    raise errors.BadRequest("Invalid datetime string: Datetime is in "
                            "invalid format")


def _period(req):
    start = _parse(req.GET.get("start"))
    stop = _parse(req.GET.get("end"))
    if not start < stop:
        raise errors.BadRequest("Invalid start time. The start time cannot "
                                "occur after the end time.")
    return start, min(stop, world_base.utcnow())
