"""keystoneauth sessions and the OpenStack service clients.

Whose credentials a client carries:

* an API request authenticated by keystonemiddleware acts as the caller:
  the context's `user_auth` is the plugin keystonemiddleware left in the
  WSGI environ (`keystone.token_auth`), holding the caller's token and
  service catalog, so Glance, Nova and Neutron apply the caller's own
  visibility rules;
* anything else (the `noauth` strategy, the conductor's own work) acts
  as the service user of `[keystone_auth]`.

Endpoints come from the catalog, chosen by the `[<service>_client]`
options (region_name, endpoint_type); `ca_file` and `insecure` of those
groups verify the service's endpoint.
"""

import contextlib
import logging as std_logging
import threading

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import loading as ks_loading
from oslo_config import cfg
from oslo_log import log as logging

from magnum_like.common import exceptions

CONF = cfg.CONF
LOG = logging.getLogger(__name__)
# Stack requests carry secrets as parameters Heat hides (the trustee's
# password, the service-account key, Grafana's password), and
# keystoneauth logs whole request bodies at DEBUG: Heat's requests log
# here, at INFO at most unless an operator lowers it knowingly.
HEAT_REQUEST_LOG = std_logging.getLogger("magnum_like.heat_requests")
HEAT_REQUEST_LOG.setLevel(std_logging.INFO)

NOVA_API_VERSION = "2.15"
SERVICE_NAMES = {"glance": "image", "nova": "compute",
                 "neutron": "network", "heat": "orchestration",
                 "barbican": "key-manager"}

_LOCK = threading.Lock()
_SERVICE_AUTH = {}


def service_auth():
    """The [keystone_auth] plugin, loaded once per process."""
    with _LOCK:
        if "plugin" not in _SERVICE_AUTH:
            plugin = ks_loading.load_auth_from_conf_options(
                CONF, "keystone_auth")
            if plugin is None:
                raise exceptions.ServiceUnavailable(
                    reason="no [keystone_auth] credentials are configured "
                           "to reach the cloud")
            _SERVICE_AUTH["plugin"] = plugin
        return _SERVICE_AUTH["plugin"]


def reset():
    """Forget the service plugin (tests, or after config changes)."""
    with _LOCK:
        _SERVICE_AUTH.clear()


def _auth_for(context):
    user_auth = getattr(context, "user_auth", None)
    if user_auth is not None:
        return user_auth
    return service_auth()


def session(context, service):
    """A keystoneauth session for `service` ("glance", "nova", ...)."""
    auth = _auth_for(context)
    opts = getattr(CONF, "%s_client" % service)
    sess = ks_loading.load_session_from_conf_options(
        CONF, "keystone_auth", auth=auth)
    if opts.insecure:
        sess.verify = False
    elif opts.ca_file:
        sess.verify = opts.ca_file
    return sess


def _endpoint_args(service):
    opts = getattr(CONF, "%s_client" % service)
    return {"region_name": opts.region_name,
            "interface": opts.endpoint_type}


def glance(context):
    from glanceclient import client as glance_client
    return glance_client.Client("2", session=session(context, "glance"),
                                **_endpoint_args("glance"))


def nova(context):
    from novaclient import client as nova_client
    args = _endpoint_args("nova")
    return nova_client.Client(
        NOVA_API_VERSION, session=session(context, "nova"),
        region_name=args["region_name"], endpoint_type=args["interface"])


def neutron(context):
    from neutronclient.v2_0 import client as neutron_client
    args = _endpoint_args("neutron")
    return neutron_client.Client(
        session=session(context, "neutron"),
        region_name=args["region_name"], endpoint_type=args["interface"])


def heat(context):
    from heatclient import client as heat_client
    return heat_client.Client("1", session=session(context, "heat"),
                              logger=HEAT_REQUEST_LOG,
                              **_endpoint_args("heat"))


def _client_error_types():
    """Every exception base the service clients raise."""
    from glanceclient import exc as glance_exc
    from heatclient import exc as heat_exc
    from neutronclient.common import exceptions as neutron_exc
    from novaclient import exceptions as nova_exc
    return (ks_exc.ClientException, glance_exc.BaseException,
            glance_exc.ClientException,
            heat_exc.BaseException, neutron_exc.NeutronException,
            nova_exc.ClientException)


def status_of(error):
    """The HTTP status a client exception carries, if any."""
    for attr in ("http_status", "status_code", "code"):
        value = getattr(error, attr, None)
        if isinstance(value, int):
            return value
    return None


@contextlib.contextmanager
def unavailable_on_failure(service):
    """Turn what is left of a client failure into a typed error.

    Callers translate the answers they expect (404, 403, ...) first. An
    unreachable endpoint, a missing catalog entry, rejected credentials
    (401) or a 5xx mean the cloud cannot be asked right now: 503. Any
    other 4xx is the request's fault: 400.
    """
    try:
        yield
    except exceptions.MagnumLikeException:
        raise
    except _client_error_types() as e:
        name = SERVICE_NAMES.get(service, service)
        LOG.warning("The %s service (%s) failed: %s", name, service, e)
        status = status_of(e)
        if status and 400 <= status < 500 and status != 401:
            raise exceptions.Invalid(
                "The %s service rejected the request (HTTP %s)." %
                (name, status))
        reason = "the %s service could not be reached" % name
        if status:
            reason = "the %s service answered HTTP %s" % (name, status)
        raise exceptions.ServiceUnavailable(reason=reason)
