"""The gateway: one HTTP proxy on a free port in front of every
cluster's API.

* `CONNECT <api ip>:<port>` -> 200, then TLS with the cluster's server
  certificate (client certificate required, checked against the
  cluster's CA), then HTTP/1.1 requests of the COE the port names;
* `GET http://<ip>:5050/...` (absolute form) -> the Mesos master,
  plain HTTP as Magnum's Mesos clusters serve it;
* an address no cluster answers -> 502; a cluster without an ACTIVE
  master -> 504 (its API is down); no server certificate yet -> 502.
"""

from http import server as http_server
import logging
import socketserver
import threading
from urllib import parse

from magnum_like.localcloud.coe import endpoints

LOG = logging.getLogger(__name__)


class _ApiHandler(http_server.BaseHTTPRequestHandler):
    """HTTP/1.1 over the TLS tunnel, answered for one cluster."""

    protocol_version = "HTTP/1.1"

    def __init__(self, sock, address, gateway, coe, host):
        self.gateway, self.coe, self.cluster_host = gateway, coe, host
        super().__init__(sock, address, gateway.server)

    def log_message(self, format, *args):  # noqa: A002
        LOG.debug("coe %s: %s", self.cluster_host, format % args)

    def do_GET(self):  # noqa: N802
        cluster = self.gateway.topology.cluster_at(self.cluster_host)
        if cluster is None or not cluster.api_up:
            self.close_connection = True
            return
        self.gateway.count()
        _send(self, *endpoints.answer(self.coe, self.path, cluster))


def _send(handler, status, content_type, body):
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class _ProxyHandler(http_server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002
        LOG.debug("coe proxy: %s", format % args)

    def _refuse(self, status, text):
        self.close_connection = True
        _send(self, status, "text/plain", text.encode())

    def _target(self, host, port):
        """(cluster, coe) or None after refusing."""
        coe = endpoints.PORTS.get(port)
        cluster = self.server.gateway.topology.cluster_at(host) \
            if coe else None
        if cluster is None:
            self._refuse(502, "no cluster API at %s:%s" % (host, port))
            return None
        if not cluster.api_up:
            self._refuse(504, "the API of %s is down" % host)
            return None
        return cluster, coe

    def do_CONNECT(self):  # noqa: N802
        host, _, port = self.path.rpartition(":")
        host = host.strip("[]")
        found = self._target(host, int(port or 0))
        if found is None:
            return
        ctx = self.server.gateway.certs.server_context(host)
        if ctx is None:
            self._refuse(502, "the API of %s has no certificate" % host)
            return
        self.server.gateway.count(tunnel=True)
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        try:
            tls = ctx.wrap_socket(self.connection, server_side=True)
        except OSError as e:
            LOG.debug("TLS with %s refused: %s", host, e)
            return
        try:
            _ApiHandler(tls, self.client_address, self.server.gateway,
                        found[1], host)
        except OSError:
            pass
        finally:
            try:
                tls.close()
            except OSError:
                pass

    def do_GET(self):  # noqa: N802
        url = parse.urlsplit(self.path)
        if not url.hostname:
            self._refuse(400, "absolute-form requests only")
            return
        found = self._target(url.hostname, url.port or 80)
        if found is None:
            return
        if found[1] != endpoints.MESOS:
            self._refuse(400, "this API is served over TLS only")
            return
        self.server.gateway.count()
        _send(self, *endpoints.answer(found[1], url.path, found[0]))


class _Server(socketserver.ThreadingMixIn, http_server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


class Gateway:
    """Serve the gateway in a daemon thread; `url` once started."""

    def __init__(self, topology, certs, host="127.0.0.1", port=0):
        self.topology, self.certs = topology, certs
        self.host, self.port = host, port
        self.server = None
        self.url = None
        self.requests = 0
        self.tunnels = 0
        self._lock = threading.Lock()
        self._thread = None

    def count(self, tunnel=False):
        with self._lock:
            if tunnel:
                self.tunnels += 1
            else:
                self.requests += 1

    def start(self):
        server = _Server((self.host, self.port), _ProxyHandler)
        server.gateway = self
        self.server = server
        self.port = server.server_address[1]
        shown = "[%s]" % self.host if ":" in self.host else self.host
        self.url = "http://%s:%d" % (shown, self.port)
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.2},
            name="localcloud-coe-%d" % self.port, daemon=True)
        self._thread.start()
        return self.url

    def stop(self):
        if self.server is None:
            return
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)
        self.server = None
