"""Typed errors raised by the world; the HTTP layers translate them.

Every error carries the HTTP status code an OpenStack service would answer
and a message that is safe to show to a user.
"""


class WorldError(Exception):
    """Base class: ``code`` is the HTTP status, ``title`` its reason."""

    code = 500
    title = "Internal Server Error"
    # Neutron-style error type name, used by the network API.
    neutron_type = "NeutronError"

    def __init__(self, message=None, neutron_type=None):
        self.message = message or self.title
        if neutron_type:
            self.neutron_type = neutron_type
        super().__init__(self.message)


class BadRequest(WorldError):
    code = 400
    title = "Bad Request"
    neutron_type = "BadRequest"


class Unauthorized(WorldError):
    code = 401
    title = "Unauthorized"
    neutron_type = "NotAuthorized"


class Forbidden(WorldError):
    code = 403
    title = "Forbidden"
    neutron_type = "PolicyNotAuthorized"


class NotFound(WorldError):
    code = 404
    title = "Not Found"
    neutron_type = "NotFound"


class Conflict(WorldError):
    code = 409
    title = "Conflict"
    neutron_type = "Conflict"


class QuotaExceeded(WorldError):
    """A quota would be exceeded (Nova answers 403, Neutron 409)."""

    code = 403
    title = "Quota Exceeded"
    neutron_type = "OverQuota"


class ServiceUnavailable(WorldError):
    code = 503
    title = "Service Unavailable"
