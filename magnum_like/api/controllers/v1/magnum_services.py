"""`GET /v1/mservices`: the conductors and whether they are up."""

from oslo_config import cfg
from oslo_utils import timeutils
import pecan
from pecan import rest
import wsme
from wsme import types as wtypes
import wsmeext.pecan as wsme_pecan

from magnum_like.api.controllers import base
from magnum_like.api.controllers import collection
from magnum_like.common import policy
from magnum_like.db import services as db_services

CONF = cfg.CONF


def service_state(row, now=None):
    """`up` while the last heartbeat is within service_down_time."""
    if row.forced_down:
        return "down"
    last = row.last_seen_up or row.updated_at or row.created_at
    now = now or timeutils.utcnow()
    elapsed = abs((now - last).total_seconds())
    return "up" if elapsed <= CONF.service_down_time else "down"


class MagnumService(base.APIBase):
    id = wsme.wsattr(int, readonly=True)
    host = wtypes.StringType(min_length=1, max_length=255)
    binary = wtypes.StringType(min_length=1, max_length=255)
    state = wtypes.Enum(str, "up", "down")
    report_count = int
    disabled = wsme.wsattr(bool, default=False)
    disabled_reason = wtypes.StringType(min_length=1, max_length=255)

    _FIELDS = ("id", "host", "binary", "report_count", "disabled",
               "disabled_reason", "created_at", "updated_at")

    @classmethod
    def convert(cls, row):
        service = cls.from_row(row, cls._FIELDS)
        service.state = service_state(row)
        return service


class MagnumServiceCollection(collection.Collection):
    mservices = [MagnumService]

    def __init__(self, **kwargs):
        self._type = "mservices"

    @classmethod
    def convert(cls, rows):
        result = cls()
        result.mservices = [MagnumService.convert(r) for r in rows]
        return result


class MagnumServiceController(rest.RestController):
    @wsme_pecan.wsexpose(MagnumServiceCollection)
    def get_all(self):
        """The conductor services with their state."""
        policy.authorize(pecan.request.context, "magnum-service:get_all")
        return MagnumServiceCollection.convert(
            db_services.list_services())
