"""The conductor service: RPC server, heartbeat and periodic tasks."""

import threading

from oslo_config import cfg
from oslo_log import log as logging
import oslo_messaging as messaging

from magnum_like.common import cert_manager
from magnum_like.common import rpc
from magnum_like.conductor import heartbeat
from magnum_like.conductor import locking
from magnum_like.conductor import manager as conductor_manager
from magnum_like.conductor import periodic

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


class ConductorService:
    """Start, run and gracefully stop one conductor."""

    def __init__(self, host=None):
        self.host = host or CONF.host
        self.manager = conductor_manager.ConductorManager(self.host)
        self._server = None
        self._periodic = periodic.PeriodicRunner()
        self._stopped = threading.Event()

    def start(self):
        # Refuse to start when certificates cannot be stored safely
        # (e.g. the x509keypair backend without an encryption key).
        cert_manager.check()
        # The row exists before the first RPC is served; locks a previous
        # run of this host left are free again (its work died with it).
        heartbeat.beat(self.host)
        locking.release_all(self.host)
        target = messaging.Target(topic=CONF.conductor.topic,
                                  server=self.host)
        self._server = rpc.get_server(target, [self.manager])
        self._server.start()
        self._periodic.add("heartbeat",
                           lambda: heartbeat.beat(self.host),
                           spacing=CONF.report_interval,
                           run_immediately=False)
        for name, func, spacing in self.periodic_tasks():
            self._periodic.add(name, func, spacing)
        self._periodic.start()
        LOG.info("Conductor %s started on topic %s", self.host,
                 CONF.conductor.topic)

    def periodic_tasks(self):
        """(name, callable, spacing) of the manager's periodic work."""
        if not CONF.periodic_enable:
            return []
        return list(getattr(self.manager, "periodic_tasks", lambda: [])())

    def stop(self, graceful=True):
        """Stop taking work; with `graceful`, let in-flight work finish
        (up to [conductor] graceful_shutdown_timeout)."""
        if self._stopped.is_set():
            return
        LOG.info("Conductor %s stopping", self.host)
        if self._server is not None:
            self._server.stop()
            if graceful:
                waiter = threading.Thread(target=self._server.wait,
                                          daemon=True)
                waiter.start()
                waiter.join(CONF.conductor.graceful_shutdown_timeout)
                if waiter.is_alive():
                    LOG.warning(
                        "In-flight work did not finish within %s s",
                        CONF.conductor.graceful_shutdown_timeout)
        self._periodic.stop()
        self.manager.stop()
        self._stopped.set()
        LOG.info("Conductor %s stopped", self.host)

    def wait(self, timeout=None):
        return self._stopped.wait(timeout)
