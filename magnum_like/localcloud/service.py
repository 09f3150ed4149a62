"""Run the local cloud on a port, in a background thread.

>>> cloud = LocalCloud()          # port 0: an ephemeral port
>>> url = cloud.start()
>>> cloud.auth_url               # http://127.0.0.1:<port>/identity/v3
>>> cloud.stop()

It takes plain arguments (no global CONF) so tests and the all-in-one
process can run several.
"""

import logging
import secrets
import socketserver
import threading
from wsgiref import simple_server

from magnum_like.localcloud.agent import NodeAgent
from magnum_like.localcloud.coe import certs as coe_certs
from magnum_like.localcloud.coe import gateway as coe_gateway
from magnum_like.localcloud.coe import topology as coe_topology
from magnum_like.localcloud.world import World
from magnum_like.localcloud.world import seed
from magnum_like.localcloud.wsgi.dispatcher import Dispatcher

LOG = logging.getLogger(__name__)
DEFAULT_SEED = seed.DEFAULT_SEED


class _Handler(simple_server.WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        LOG.debug("%s - %s", self.address_string(), format % args)


class _Server(socketserver.ThreadingMixIn, simple_server.WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class LocalCloud:
    """The emulated OpenStack cloud served over HTTP."""

    def __init__(self, host="127.0.0.1", port=0, seed_file=None,
                 heat_profile="fast", token_expiration=3600,
                 admin_token=None, region_name="RegionOne", settings=None,
                 coe_proxy_port=0):
        """:param seed_file: YAML seed (a path or a dict) replacing the
            packaged default seed, unless it sets ``include_default: true``
        :param admin_token: token for ``/localcloud/admin`` (random when
            None)
        :param settings: extra ``world.settings`` entries
        :param coe_proxy_port: port of the gateway to the clusters' APIs
            (coe/gateway.py; 0: an ephemeral port)
        """
        merged = dict(settings or {}, heat_profile=heat_profile,
                      token_expiration=token_expiration,
                      region_name=region_name)
        self.host = host
        self.port = port
        self.admin_token = admin_token or secrets.token_hex(16)
        self.world = World(seed=seed_file, settings=merged)
        self.coe_certs = coe_certs.CertStore()
        self.world.extensions["coe_certs"] = self.coe_certs
        self.world.on_reset(self.coe_certs.reset)
        self.coe_gateway = coe_gateway.Gateway(
            coe_topology.Topology(self.world), self.coe_certs, host=host,
            port=coe_proxy_port)
        self.world.extensions["coe_gateway"] = self.coe_gateway
        self.app = Dispatcher(self.world, self.admin_token)
        self.agent = NodeAgent(self.world)
        self._server = None
        self._thread = None
        self.url = None

    @property
    def auth_url(self):
        return self.url + "/identity/v3" if self.url else None

    def start(self):
        """Start serving in a daemon thread; returns the base URL."""
        if self._server is not None:
            return self.url
        try:
            server = simple_server.make_server(
                self.host, self.port, self.app, server_class=_Server,
                handler_class=_Handler)
        except OSError as e:
            raise OSError(e.errno, "%s: %s:%s" % (e.strerror, self.host,
                                                  self.port))
        host, port = server.server_address[:2]
        shown = "[%s]" % host if ":" in host else host
        self.url = "http://%s:%d" % (shown, port)
        self.port = port
        self.world.set_base_url(self.url)
        self.coe_gateway.start()
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.2},
            name="localcloud-%d" % port, daemon=True)
        self._thread.start()
        self.agent.start()
        LOG.info("Local cloud serving at %s", self.url)
        return self.url

    def wait(self):
        """Block until the server thread ends (after ``stop``)."""
        if self._thread is not None:
            self._thread.join()

    def stop(self):
        """Stop serving and release the port."""
        if self._server is None:
            return
        self.agent.stop()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        self.app.close()
        self.coe_gateway.stop()
        self._server = None
        self._thread = None

    @property
    def coe_proxy_url(self):
        """The HTTP proxy reaching the clusters' APIs (coe/)."""
        return self.coe_gateway.url

    # -- credentials -----------------------------------------------------
    def password_of(self, username, domain="default"):
        """The seeded password of a user (the cloud is a dev double)."""
        identity = self.world.identity
        with self.world.lock:
            user = identity._user(username, domain)
            return user["_password"]

    def credentials(self, username="admin", project_name=None,
                    domain="Default"):
        """keystoneauth password-plugin arguments for a seeded user."""
        identity = self.world.identity
        user = identity.find_user(username, domain)
        if project_name is None:
            project = identity.find_project(user["default_project_id"])
            project_name = project["name"]
        return {"auth_url": self.auth_url, "username": username,
                "password": self.password_of(username, domain),
                "project_name": project_name,
                "user_domain_name": identity.find_domain(domain)["name"],
                "project_domain_name": "Default"}

    def env(self, username="admin", project_name=None, domain="Default"):
        """``OS_*`` environment variables for the openstack CLI."""
        creds = self.credentials(username, project_name, domain)
        return {"OS_AUTH_URL": creds["auth_url"],
                "OS_AUTH_TYPE": "password",
                "OS_USERNAME": creds["username"],
                "OS_PASSWORD": creds["password"],
                "OS_PROJECT_NAME": creds["project_name"],
                "OS_USER_DOMAIN_NAME": creds["user_domain_name"],
                "OS_PROJECT_DOMAIN_NAME": creds["project_domain_name"],
                "OS_REGION_NAME": self.world.settings["region_name"],
                "OS_IDENTITY_API_VERSION": "3",
                "OS_INTERFACE": "public"}

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
