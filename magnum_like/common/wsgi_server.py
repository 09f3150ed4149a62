"""A small threaded WSGI server for the embedded (all-in-one) mode.

Production deployments run the API under gunicorn (magnum-like-api).
"""

import socketserver
import threading
from wsgiref import simple_server

from oslo_log import log as logging

LOG = logging.getLogger(__name__)


class _QuietHandler(simple_server.WSGIRequestHandler):
    def log_message(self, format, *args):
        LOG.debug("%s - %s", self.address_string(), format % args)


class _ThreadingServer(socketserver.ThreadingMixIn,
                       simple_server.WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class ThreadedWSGIServer:
    """Serve `app` on host:port (0 = any free port) in a thread."""

    def __init__(self, app, host="127.0.0.1", port=0):
        try:
            self._httpd = simple_server.make_server(
                host, port, app, server_class=_ThreadingServer,
                handler_class=_QuietHandler)
        except OSError as e:
            raise OSError(e.errno, "%s: %s:%s" % (e.strerror, host, port))
        self._thread = None

    @property
    def port(self):
        return self._httpd.server_address[1]

    @property
    def host(self):
        return self._httpd.server_address[0]

    def start(self):
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.2},
            name="wsgi-%d" % self.port, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
