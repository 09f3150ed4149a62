"""Horizon's local_settings for the browser tier (copied into the
Horizon venv as openstack_dashboard/local/local_settings.py).

The minimum Horizon needs to serve magnum-ui against magnum-like: the
Keystone of the service (from the environment: the tier starts one per
test), an in-process cache and sessions, no debug pages.
"""

import os

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECRET_KEY = os.environ.get("MAGNUM_LIKE_HORIZON_SECRET_KEY",
                            "magnum-like-horizon-test-only")
OPENSTACK_KEYSTONE_URL = os.environ["MAGNUM_LIKE_HORIZON_KEYSTONE_URL"]
OPENSTACK_KEYSTONE_DEFAULT_ROLE = "member"
# The default LocMemCache culls at 300 entries; django-compressor fills it
# with static-file entries and would cull the sessions with them.
CACHES = {"default": {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "OPTIONS": {"MAX_ENTRIES": 100000}}}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
LOGGING = {
    "version": 1, "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
