"""Whether a Keystone project exists, asked through keystoneauth of the
identity endpoint in the catalog: as the caller when the request carried
a token, else as the [keystone_auth] service user."""

import urllib.parse

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

from magnum_like.common import clients
from magnum_like.common import exceptions

CONF = cfg.CONF

_IDENTITY = {"service_type": "identity", "interface": "public",
             "version": (3, 0)}


def check_project(context, project_id):
    """404 ProjectNotFound unless Keystone knows `project_id`."""
    auth = getattr(context, "user_auth", None) or clients.service_auth()
    sess = ks_loading.load_session_from_conf_options(
        CONF, "keystone_auth", auth=auth)
    with clients.unavailable_on_failure("keystone"):
        try:
            sess.get("/projects/%s" % urllib.parse.quote(project_id, safe=""),
                     endpoint_filter=_IDENTITY)
        except ks_exc.NotFound:
            raise exceptions.ProjectNotFound(name=project_id)
