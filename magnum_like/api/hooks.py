"""Pecan hooks: request context, RPC client, microversion headers."""

import threading

from oslo_log import log as logging
import pecan
from pecan import hooks

from magnum_like.common import context as ml_context
from magnum_like.common import policy
from magnum_like.common import rpc
from magnum_like.conductor import rpcapi

LOG = logging.getLogger(__name__)


class ContextHook(hooks.PecanHook):
    """Build the RequestContext from the identity headers that
    keystonemiddleware (or the noauth filter) set."""

    def before(self, state):
        environ = state.request.environ
        ctx = ml_context.RequestContext.from_environ(environ)
        ctx.is_admin = policy.check_is_admin(ctx)
        user_auth = environ.get("keystone.token_auth")
        if user_auth is not None and getattr(user_auth, "has_user_token",
                                             False):
            ctx.user_auth = user_auth
        state.request.context = ctx


class RPCHook(hooks.PecanHook):
    """Give controllers the conductor RPC client, one per process."""

    _client = None
    _lock = threading.Lock()

    @classmethod
    def client(cls):
        with cls._lock:
            if cls._client is None:
                cls._client = rpcapi.ConductorAPI()
                # ready before the first call needs it (in the background:
                # a request never waits on the bus)
                rpc.start_reply_queue()
            return cls._client

    def before(self, state):
        state.request.rpcapi = self.client()


class MicroversionHeadersHook(hooks.PecanHook):
    """Add the microversion headers to every response of a request whose
    version was negotiated (everything under /v1)."""

    def after(self, state):
        headers = getattr(state.request, "version_headers", None)
        if headers:
            state.response.headers.update(headers)

    def on_error(self, state, exc):
        headers = getattr(state.request, "version_headers", None)
        if headers and hasattr(exc, "headers"):
            exc.headers.update(headers)


def current_context():
    return pecan.request.context
