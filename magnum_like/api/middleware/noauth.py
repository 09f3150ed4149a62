"""`auth_strategy = noauth`: requests act as the identity their headers
name, defaulting to an admin of project `noauth-project`.

For development and tests only; never expose such an API.
"""

_DEFAULTS = {
    "HTTP_X_USER_ID": "noauth-user",
    "HTTP_X_USER_NAME": "noauth-user",
    "HTTP_X_PROJECT_ID": "noauth-project",
    "HTTP_X_PROJECT_NAME": "noauth-project",
    "HTTP_X_USER_DOMAIN_ID": "default",
    "HTTP_X_PROJECT_DOMAIN_ID": "default",
    "HTTP_X_ROLES": "admin,member,reader",
}


class NoAuthMiddleware:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        for key, value in _DEFAULTS.items():
            environ.setdefault(key, value)
        environ["HTTP_X_IDENTITY_STATUS"] = "Confirmed"
        return self.app(environ, start_response)


def filter_factory(global_conf, **local_conf):
    return NoAuthMiddleware
