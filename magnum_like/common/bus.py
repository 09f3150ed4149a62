"""Handing messages to the message bus within a bound, and what one
process knows of the bus's health.

oslo.messaging's RPC client waits for the broker as long as its `retry`
allows (forever by default): a connection, a channel, a publish confirm
or a call's reply queue may each wait on a broker that is gone or has
blocked publishers. The API must not: its operations are recorded in the
database before they are handed over, and the conductor's recovery
delivers what was not.

`send(fn)` runs `fn` (one publish, done with retry=0 by the caller) in a
daemon thread and waits [conductor] rpc_send_timeout seconds for it. A
send that fails or overruns raises BusUnavailable and marks the bus down
for this process: one WARNING per outage, then further sends are refused
at once, except one probe per rpc_send_timeout, until a send succeeds
again (logged once as the end of the outage). oslo.messaging's own
per-attempt errors from the rabbit driver are silenced while the bus is
known to be down, so that an outage does not log per request.
"""

import logging as std_logging
import threading
import time

import kombu.exceptions
from oslo_config import cfg
from oslo_log import log as logging
import oslo_messaging as messaging

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

RABBIT_LOGGER = "oslo.messaging._drivers.impl_rabbit"


class BusUnavailable(Exception):
    """The message could not be handed to the bus within the bound."""


class _Health:
    def __init__(self):
        self.lock = threading.Lock()
        self.down_since = None
        self.next_probe = 0.0
        self.probing = False
        self.refused = 0

    def admit(self):
        """True when a send may try the bus now (bus up, or a probe)."""
        with self.lock:
            if self.down_since is None:
                return True
            now = time.monotonic()
            if self.probing or now < self.next_probe:
                self.refused += 1
                return False
            self.probing = True
            return True

    def succeeded(self):
        with self.lock:
            down_since, refused = self.down_since, self.refused
            self.down_since, self.probing, self.refused = None, False, 0
        if down_since is not None:
            LOG.warning("The message bus is reachable again after %.0f s; "
                        "%d requests of this process were left to the "
                        "conductor's recovery meanwhile.",
                        time.monotonic() - down_since, refused)

    def failed(self, error):
        with self.lock:
            first = self.down_since is None
            now = time.monotonic()
            if first:
                self.down_since = now
            self.probing = False
            self.next_probe = now + CONF.conductor.rpc_send_timeout
            self.refused += 1
        if first:
            LOG.warning("The message bus is unavailable (%s): requests are "
                        "recorded and left to the conductor's recovery, "
                        "calls answer 503, until it is back.", error)

    def is_down(self):
        return self.down_since is not None


HEALTH = _Health()


def reset():
    """Forget what this process knew of the bus (a new transport)."""
    global HEALTH
    HEALTH = _Health()


class _QuietWhileDown(std_logging.Filter):
    """Drop the rabbit driver's per-attempt errors of sends made while
    the bus is known to be down (one WARNING per outage is ours)."""

    def filter(self, record):
        return not (HEALTH.is_down() and
                    getattr(_local, "quiet", False))


_local = threading.local()
_FILTER = _QuietWhileDown()
std_logging.getLogger(RABBIT_LOGGER).addFilter(_FILTER)


def _runner(fn, outcome, done):
    _local.quiet = True
    try:
        outcome["value"] = fn()
    except BaseException as e:  # handed to the waiting thread
        outcome["error"] = e
    finally:
        _local.quiet = False
        done.set()
        if outcome.get("abandoned"):
            # the caller gave up on us: our late outcome still tells
            # the bus's health
            if "error" in outcome:
                HEALTH.failed(outcome["error"])
            else:
                HEALTH.succeeded()


def run_bounded(fn, timeout):
    """fn() in a daemon thread; its value, its exception, or
    BusUnavailable after `timeout` seconds (the thread runs on)."""
    outcome, done = {}, threading.Event()
    threading.Thread(target=_runner, args=(fn, outcome, done),
                     name="bus-send", daemon=True).start()
    if not done.wait(timeout):
        outcome["abandoned"] = True
        if not done.is_set():
            raise BusUnavailable("no answer from the message bus within "
                                 "%.1f s" % timeout)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def is_bus_error(error):
    """Whether `error` says the bus (not the message, nor a conductor's
    answer or silence) failed."""
    if isinstance(error, messaging.MessagingTimeout):
        return False   # published; no conductor answered in time
    return isinstance(error, (BusUnavailable, OSError,
                              messaging.MessageDeliveryFailure,
                              kombu.exceptions.KombuError))


def send(fn, timeout=None):
    """fn() -- one cast, or one call and its answer -- bounded by
    `timeout` (default [conductor] rpc_send_timeout). BusUnavailable when
    the bus is known to be down or `fn` fails on the bus or overruns;
    any other error (a conductor's refusal, MessagingTimeout) is raised
    as it is."""
    if not HEALTH.admit():
        raise BusUnavailable("the message bus is known to be unavailable")
    timeout = CONF.conductor.rpc_send_timeout if timeout is None \
        else timeout
    try:
        value = run_bounded(fn, timeout)
    except Exception as e:
        if not is_bus_error(e):
            HEALTH.succeeded()
            raise
        HEALTH.failed(e)
        if isinstance(e, BusUnavailable):
            raise
        raise BusUnavailable(str(e)) from e
    HEALTH.succeeded()
    return value
