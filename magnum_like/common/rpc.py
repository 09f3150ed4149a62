"""oslo.messaging set-up: transports, the RPC client and server factories.

The API and the conductor exchange a serialized RequestContext and plain
JSON-able payloads (UUIDs and small dicts); the database is the single
source of truth.
"""

import threading

from oslo_config import cfg
import oslo_messaging as messaging
from oslo_messaging import opts as messaging_opts
from oslo_serialization import jsonutils

from magnum_like.common import bus
from magnum_like.common import context as ml_context

CONF = cfg.CONF

ALLOWED_EXMODS = ["magnum_like.common.exceptions"]

_STATE = {"transport": None, "notifier": None, "url": None}
_LOCK = threading.Lock()
_REPLY = {"declared": None}

# oslo.messaging options set deliberately (README "The message bus").
MESSAGING_DEFAULTS = {
    # A call (upgrade, CA and credential rotation, certificate signing)
    # is answered in seconds by a live conductor; 30 s keeps the API's
    # 503 well before load balancers' and gunicorn's timeouts.
    (None, "rpc_response_timeout"): 30,
    # A broker gone without closing its sockets is noticed in 20 s, not
    # 60, and the consumer moves to the next transport_url host.
    ("oslo_messaging_rabbit", "heartbeat_timeout_threshold"): 20,
    # Reconnection keeps retrying forever (consumers, notifications),
    # backing off 1, 3, 5 ... s but never waiting more than 10 s, so the
    # conductor is back within ~10 s of its broker.
    ("oslo_messaging_rabbit", "rabbit_retry_interval"): 1,
    ("oslo_messaging_rabbit", "rabbit_retry_backoff"): 2,
    ("oslo_messaging_rabbit", "rabbit_interval_max"): 10,
}
# A notification is dropped (and logged) when the bus refuses it once:
# a conductor must not wait on the bus while it holds a cluster's lock.
NOTIFICATION_RETRY = 0


class JsonPayloadSerializer(messaging.NoOpSerializer):
    @staticmethod
    def serialize_entity(context, entity):
        return jsonutils.to_primitive(entity, convert_instances=True)


class RequestContextSerializer(messaging.Serializer):
    def __init__(self, base):
        self._base = base

    def serialize_entity(self, context, entity):
        return self._base.serialize_entity(context, entity)

    def deserialize_entity(self, context, entity):
        return self._base.deserialize_entity(context, entity)

    def serialize_context(self, context):
        return context.to_dict()

    def deserialize_context(self, context):
        return ml_context.RequestContext.from_dict(context)


def set_defaults(control_exchange="magnum_like", conf=None):
    conf = CONF if conf is None else conf
    messaging.set_transport_defaults(control_exchange)
    for group, opts in messaging_opts.list_opts():
        conf.register_opts(opts, group=group)
    for (group, name), value in MESSAGING_DEFAULTS.items():
        conf.set_default(name, value, group=group)


def set_transport_url(url):
    """Use `url` instead of [DEFAULT] transport_url (the all-in-one runs
    on the in-process `fake://` transport)."""
    with _LOCK:
        _STATE["url"] = url


def get_transport():
    """The process's RPC transport, created on first use (after fork)."""
    with _LOCK:
        if _STATE["transport"] is None:
            _STATE["transport"] = messaging.get_rpc_transport(
                CONF, url=_STATE["url"],
                allowed_remote_exmods=ALLOWED_EXMODS)
        return _STATE["transport"]


def get_notifier(publisher_id=None):
    with _LOCK:
        if _STATE["notifier"] is None:
            transport = messaging.get_notification_transport(
                CONF, url=_STATE["url"],
                allowed_remote_exmods=ALLOWED_EXMODS)
            _STATE["notifier"] = messaging.Notifier(
                transport, retry=NOTIFICATION_RETRY,
                serializer=RequestContextSerializer(
                    JsonPayloadSerializer()))
        notifier = _STATE["notifier"]
    return notifier.prepare(
        publisher_id=publisher_id or "container-infra.%s" % CONF.host)


def cleanup():
    with _LOCK:
        transport = _STATE["transport"]
        _STATE["transport"] = None
        _STATE["notifier"] = None
        declared, _REPLY["declared"] = _REPLY["declared"], None
    bus.reset()
    if declared is not None and not declared.is_set():
        # The AMQP driver's cleanup would wait for the reply queue's lock,
        # which the declaring thread holds until a broker answers: leave
        # the transport to the process's end.
        return
    if transport is not None:
        transport.cleanup()


def get_client(target, version_cap=None, timeout=None):
    serializer = RequestContextSerializer(JsonPayloadSerializer())
    return messaging.get_rpc_client(
        get_transport(), target, version_cap=version_cap,
        serializer=serializer, timeout=timeout)


def get_server(target, endpoints):
    serializer = RequestContextSerializer(JsonPayloadSerializer())
    access_policy = messaging.rpc.dispatcher.DefaultRPCAccessPolicy
    return messaging.get_rpc_server(
        get_transport(), target, endpoints, executor="threading",
        serializer=serializer, access_policy=access_policy)


def _declare_reply_queue(driver, declared):
    try:
        driver._get_reply_q()
    finally:
        declared.set()


def start_reply_queue():
    """Start declaring the reply queue of this process's calls unless it
    exists or is being declared; (driver, Event set once declared), or
    (driver, None) when there is nothing to wait for."""
    driver = getattr(get_transport(), "_driver", None)
    if not hasattr(driver, "_get_reply_q") or \
            getattr(driver, "_reply_q", None) is not None:
        return driver, None
    with _LOCK:
        declared = _REPLY["declared"]
        if declared is None or declared.is_set():
            declared = _REPLY["declared"] = threading.Event()
            threading.Thread(target=_declare_reply_queue,
                             args=(driver, declared), daemon=True,
                             name="reply-queue").start()
    return driver, declared


def ensure_reply_queue(timeout):
    """Declare the reply queue of this process's calls within `timeout`
    seconds, else raise bus.BusUnavailable.

    The AMQP driver declares it on the first call and waits for the
    broker forever meanwhile (no `retry` reaches it). One thread at a
    time declares it; it keeps waiting for the broker after the caller
    gave up, and the next call finds the queue ready. Drivers without a
    reply queue (fake://) need nothing.
    """
    driver, declared = start_reply_queue()
    if declared is None:
        return
    if not declared.wait(timeout) or driver._reply_q is None:
        error = bus.BusUnavailable("the reply queue of calls could not be "
                                   "declared within %.1f s" % timeout)
        bus.HEALTH.failed(error)
        raise error
