"""magnum-like-api: the REST API under gunicorn, with worker processes.

gunicorn is a pre-forking production WSGI server: each worker process
loads the paste pipeline after the fork (so each opens its own RPC and
database connections) and serves requests with a pool of threads.
"""

import multiprocessing
import socket
import sys

from gunicorn.app import base as gunicorn_base
from oslo_log import log as logging

from magnum_like.api import app as api_app
from magnum_like.common import service

LOG = logging.getLogger(__name__)


def default_workers():
    return max(2, multiprocessing.cpu_count())


class APIServer(gunicorn_base.BaseApplication):
    def __init__(self, options):
        self._options = options
        super().__init__()

    def load_config(self):
        for key, value in self._options.items():
            # Settings newer gunicorns added are skipped on older ones.
            if value is not None and key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self):
        return api_app.load_app()


def gunicorn_options(conf):
    api = conf.api
    options = {
        "bind": "%s:%d" % (api.host, api.port),
        "workers": api.workers or default_workers(),
        "worker_class": "gthread",
        "threads": api.threads_per_worker,
        "timeout": api.worker_timeout,
        "graceful_timeout": 30,
        "keepalive": 5,
        "proc_name": "magnum-like-api",
        "errorlog": "-",
        "loglevel": "debug" if conf.debug else "info",
        "preload_app": False,
        # Several API processes may run on one host: no shared control
        # socket in the home directory.
        "control_socket_disable": True,
    }
    if api.enabled_ssl:
        options["certfile"] = api.ssl_cert_file
        options["keyfile"] = api.ssl_key_file
    return options


def check_port_free(host, port):
    """Fail before gunicorn (which retries and logs) when host:port is
    taken; raises OSError naming it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as e:
            raise OSError(e.errno, "%s: %s:%s" % (e.strerror, host, port))


@service.command("magnum-like-api")
def main(argv=None):
    conf = service.prepare_service(argv, prog="magnum-like-api",
                                   description=service.summary(__doc__))
    service.log_options()
    # Fail before forking when the pipeline cannot load.
    api_app.find_paste_config()
    options = gunicorn_options(conf)
    check_port_free(conf.api.host, conf.api.port)
    LOG.info("Serving the API on http://%s with %d workers",
             options["bind"], options["workers"])
    APIServer(options).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
