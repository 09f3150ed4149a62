"""The conductor's heartbeat into the magnum_service table."""

from oslo_log import log as logging

from magnum_like.db import services as db_services

LOG = logging.getLogger(__name__)

CONDUCTOR_BINARY = db_services.CONDUCTOR_BINARY


def beat(host, binary=CONDUCTOR_BINARY):
    """Refresh this service's row. A database outage is logged and the
    next beat tries again; it never stops the conductor."""
    try:
        return db_services.heartbeat(host, binary)
    except Exception:
        LOG.exception("Heartbeat of %s on %s failed; retrying at the next "
                      "interval", binary, host)
        return None
