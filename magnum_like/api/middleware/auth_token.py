"""keystonemiddleware's auth_token, skipped for the public routes."""

import re

from keystonemiddleware import auth_token
from oslo_log import log as logging

LOG = logging.getLogger(__name__)

_PUBLIC_ROUTES = ("/", "/v1")


class AuthTokenMiddleware(auth_token.AuthProtocol):
    """Validate tokens except on `/` and `/v1` (optionally `.json`)."""

    def __init__(self, app, conf, public_api_routes=_PUBLIC_ROUTES):
        patterns = []
        for route in public_api_routes:
            route = route.rstrip("/") or ""
            patterns.append(re.compile(r"^%s(\.json)?/?$" % re.escape(
                route)))
        self.public_api_routes = patterns
        super().__init__(app, conf)

    def __call__(self, env, start_response):
        path = env.get("PATH_INFO", "/")
        if any(p.match(path) for p in self.public_api_routes):
            return self._app(env, start_response)
        return super().__call__(env, start_response)


def filter_factory(global_conf, **local_conf):
    conf = global_conf.copy()
    conf.update(local_conf)

    def _factory(app):
        return AuthTokenMiddleware(app, conf)
    return _factory
