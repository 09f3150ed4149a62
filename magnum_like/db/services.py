"""magnum_service rows: one per conductor, refreshed by its heartbeat."""

from oslo_db import exception as db_exc
from oslo_utils import timeutils

from magnum_like.common import exceptions
from magnum_like.db import api as db_api
from magnum_like.db import models
from magnum_like.db import session

# The `binary` of conductor rows, as Magnum reports it, so that tools
# reading `openstack coe service list` see the value they expect.
CONDUCTOR_BINARY = "magnum-conductor"


def get_by_host_and_binary(host, binary):
    with session.reader() as s:
        return (s.query(models.MagnumService)
                .filter_by(host=host, binary=binary).one_or_none())


def create(host, binary):
    row = models.MagnumService(host=host, binary=binary, disabled=False,
                               forced_down=False, report_count=0)
    try:
        with session.writer() as s:
            s.add(row)
    except db_exc.DBDuplicateEntry:
        raise exceptions.MagnumServiceAlreadyExists(id="%s/%s" %
                                                    (host, binary))
    return row


def heartbeat(host, binary):
    """Record that the service is alive; creates its row on first call.

    Returns the row as stored.
    """
    now = timeutils.utcnow()
    with session.writer() as s:
        row = (s.query(models.MagnumService)
               .filter_by(host=host, binary=binary).one_or_none())
        if row is None:
            row = models.MagnumService(host=host, binary=binary,
                                       disabled=False, forced_down=False,
                                       report_count=0, created_at=now)
            s.add(row)
        row.report_count = (row.report_count or 0) + 1
        row.last_seen_up = now
        row.updated_at = now
    return row


def list_services(limit=None, marker=None, sort_key=None, sort_dir=None):
    with session.reader() as s:
        query = s.query(models.MagnumService)
        return db_api.paginate(query, models.MagnumService, limit, marker,
                               sort_key, sort_dir)


def destroy(service_id):
    with session.writer() as s:
        count = (s.query(models.MagnumService)
                 .filter_by(id=service_id).delete())
    if not count:
        raise exceptions.MagnumServiceNotFound(magnum_service_id=service_id)
