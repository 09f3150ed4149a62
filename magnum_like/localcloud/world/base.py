"""Helpers shared by the world's services: ids, clocks, locking."""

import copy
import datetime
import functools
import uuid

from magnum_like.localcloud.world import errors


def new_id():
    """Return a new resource id (a dashed UUID, as Nova and Neutron use)."""
    return str(uuid.uuid4())


def new_hex_id():
    """Return a new Keystone-style id (32 hex characters, no dashes)."""
    return uuid.uuid4().hex


def utcnow():
    return datetime.datetime.now(datetime.UTC)


def isotime(when=None):
    """Nova/Neutron timestamp: ``2024-01-02T03:04:05Z``."""
    when = when or utcnow()
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def keystone_time(when):
    """Keystone timestamp: ``2024-01-02T03:04:05.000000Z``."""
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(value):
    """Parse an ISO 8601 timestamp; naive values are taken as UTC."""
    if value is None or isinstance(value, datetime.datetime):
        return value
    text = str(value).replace("Z", "+00:00")
    when = datetime.datetime.fromisoformat(text)
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return when


def locked(method):
    """Run a service method under the world lock and return a deep copy.

    Callers never get references to the world's internal records, so
    they can keep and change what they get without racing other threads.
    """
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self.world.lock:
            return copy.deepcopy(method(self, *args, **kwargs))
    return wrapper


class Service:
    """A part of the world (identity, compute, ...) sharing its lock."""

    def __init__(self, world):
        self.world = world

    def reset(self):
        """Forget all state; called by ``World.reset`` under the lock."""
        raise NotImplementedError


def find_by_name_or_id(records, name_or_id, kind, visible=None):
    """Find one record by id, then by unique name.

    :param records: dict id -> record
    :param visible: optional predicate filtering what the caller may see
    :raises NotFound: nothing matches
    :raises Conflict: several records carry that name
    """
    visible = visible or (lambda rec: True)
    rec = records.get(name_or_id)
    if rec is not None and visible(rec):
        return rec
    found = [r for r in records.values()
             if r.get("name") == name_or_id and visible(r)]
    if not found:
        raise errors.NotFound("%s %s could not be found." % (kind, name_or_id))
    if len(found) > 1:
        raise errors.Conflict(
            "Multiple %s matches found for name '%s', use an ID to be more "
            "specific." % (kind, name_or_id))
    return found[0]
