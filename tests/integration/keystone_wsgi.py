"""Keystone's public WSGI app for gunicorn.

Keystone parses sys.argv with oslo.config when it initializes; gunicorn's
own arguments must not reach it. Its config comes from
OS_KEYSTONE_CONFIG_FILES.
"""

import sys

sys.argv = sys.argv[:1]

from keystone.server import wsgi  # noqa: E402

application = wsgi.initialize_public_application()
