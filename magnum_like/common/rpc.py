"""oslo.messaging set-up: transports, the RPC client and server factories.

The API and the conductor exchange a serialized RequestContext and plain
JSON-able payloads (UUIDs and small dicts); the database is the single
source of truth.
"""

import threading

from oslo_config import cfg
import oslo_messaging as messaging
from oslo_serialization import jsonutils

from magnum_like.common import context as ml_context

CONF = cfg.CONF

ALLOWED_EXMODS = ["magnum_like.common.exceptions"]

_STATE = {"transport": None, "notifier": None, "url": None}
_LOCK = threading.Lock()


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


def set_defaults(control_exchange="magnum_like"):
    messaging.set_transport_defaults(control_exchange)


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
                transport,
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
