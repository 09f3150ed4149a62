"""Injected faults: ``world.faults``.

Two kinds, both set by tests through the admin HTTP API or the seed file:

* service faults make a whole HTTP service answer an error status or
  stall (the fault middleware asks ``service_fault`` on each request);
* resource faults make the Heat engine fail, hang or slow down one
  resource action (it asks ``resource_fault``).

A fault with ``count`` applies to the first ``count`` matching hits only,
one with ``expires_in`` (seconds) stops applying after that time.
"""

import fnmatch
import time

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked

SERVICES = ("identity", "image", "compute", "network", "orchestration",
            "load-balancer", "key-manager")
SERVICE_KINDS = ("error", "sleep")
RESOURCE_KINDS = ("fail", "hang", "slow")
ACTIONS = ("CREATE", "UPDATE", "DELETE")


class Faults(base.Service):
    """Service-level and resource-level fault injection."""

    def reset(self):
        self.service_faults = {}
        self.resource_faults = {}

    # -- common ----------------------------------------------------------
    def _new(self, spec, count, expires_in):
        if count is not None and int(count) < 1:
            raise errors.BadRequest("count must be a positive integer.")
        spec.update(id=base.new_id(), hits=0,
                    count=None if count is None else int(count),
                    expires_at=None if expires_in is None
                    else time.monotonic() + float(expires_in))
        return spec

    def _live(self, fault):
        if fault["expires_at"] is not None and (
                fault["expires_at"] <= time.monotonic()):
            return False
        return fault["count"] is None or fault["hits"] < fault["count"]

    def _hit(self, fault):
        fault["hits"] += 1
        return fault

    def _view(self, fault):
        view = dict(fault)
        if fault["expires_at"] is not None:
            view["expires_in"] = round(
                max(0.0, fault["expires_at"] - time.monotonic()), 3)
        view.pop("expires_at")
        view["active"] = self._live(fault)
        return view

    # -- service faults --------------------------------------------------
    @locked
    def add_service_fault(self, service, kind="error", status=503,
                          delay=0.0, count=None, expires_in=None,
                          method=None, path_prefix=None, message=None):
        """Make ``service`` (see SERVICES) answer ``status`` (kind
        ``error``) or sleep ``delay`` seconds before answering normally
        (kind ``sleep``). ``method``/``path_prefix`` narrow the requests
        concerned (path relative to the service mount)."""
        if service not in SERVICES:
            raise errors.BadRequest("Unknown service %r; expected one of %s"
                                    % (service, ", ".join(SERVICES)))
        if kind not in SERVICE_KINDS:
            raise errors.BadRequest("Unknown service fault kind %r" % kind)
        fault = self._new({"service": service, "kind": kind,
                           "status": int(status), "delay": float(delay),
                           "method": method.upper() if method else None,
                           "path_prefix": path_prefix,
                           "message": message or "Injected fault"},
                          count, expires_in)
        self.service_faults[fault["id"]] = fault
        return self._view(fault)

    @locked
    def service_fault(self, service, method="GET", path="/"):
        """The first live fault matching a request (counted as a hit), or
        None. Returns ``{"kind", "status", "delay", "message", ...}``."""
        for fault in self.service_faults.values():
            if (fault["service"] == service and self._live(fault)
                    and fault["method"] in (None, method.upper())
                    and (not fault["path_prefix"]
                         or path.startswith(fault["path_prefix"]))):
                return self._view(self._hit(fault))
        return None

    # -- resource faults -------------------------------------------------
    @locked
    def add_resource_fault(self, kind="fail", resource_name=None,
                           resource_type=None, stack_prefix=None,
                           action=None, reason=None, delay=0.0, count=None,
                           expires_in=None):
        """Make Heat ``fail``/``hang``/``slow`` down resource actions.

        ``resource_name`` and ``resource_type`` are exact names or shell
        globs (``kube_minions*``, ``OS::Nova::*``); at least one is needed.
        ``action`` is CREATE, UPDATE, DELETE, a list of them, or None for
        all. ``stack_prefix`` limits it to stacks whose name starts so.
        ``delay`` is the slow-down (``slow``) or hang time (``hang``;
        0 = until the stack times out).
        """
        if kind not in RESOURCE_KINDS:
            raise errors.BadRequest("Unknown resource fault kind %r" % kind)
        if not resource_name and not resource_type:
            raise errors.BadRequest("resource_name or resource_type needed.")
        actions = [action] if isinstance(action, str) else action
        if actions and set(a.upper() for a in actions) - set(ACTIONS):
            raise errors.BadRequest("Unknown action in %s" % action)
        fault = self._new({"kind": kind, "resource_name": resource_name,
                           "resource_type": resource_type,
                           "stack_prefix": stack_prefix,
                           "actions": [a.upper() for a in actions]
                           if actions else None,
                           "reason": reason or "Injected %s fault" % kind,
                           "delay": float(delay)}, count, expires_in)
        self.resource_faults[fault["id"]] = fault
        return self._view(fault)

    @locked
    def resource_fault(self, stack_name, resource_name, resource_type,
                       action):
        """What the Heat engine must do to this resource action.

        :returns: None, or ``{"kind": "fail"|"hang"|"slow", "reason": str,
            "delay": float}`` (the hit is counted)
        """
        for fault in self.resource_faults.values():
            if self._live(fault) and _matches(fault, stack_name or "",
                                              resource_name, resource_type,
                                              action):
                self._hit(fault)
                return {"kind": fault["kind"], "reason": fault["reason"],
                        "delay": fault["delay"], "id": fault["id"]}
        return None

    # -- listing and clearing --------------------------------------------
    @locked
    def list_faults(self):
        return {"service": [self._view(f)
                            for f in self.service_faults.values()],
                "resource": [self._view(f)
                             for f in self.resource_faults.values()]}

    @locked
    def clear(self, fault_id=None):
        """Remove one fault by id (NotFound if unknown) or all of them."""
        if fault_id is None:
            self.reset()
            return
        if self.service_faults.pop(fault_id, None) is None and (
                self.resource_faults.pop(fault_id, None) is None):
            raise errors.NotFound("Fault %s not found." % fault_id)

    @locked
    def add(self, spec):
        """Add a fault from a dict with ``scope: service|resource``."""
        spec = dict(spec)
        scope = spec.pop("scope", None) or (
            "service" if "service" in spec else "resource")
        if scope == "service":
            return self.add_service_fault(**spec)
        if scope == "resource":
            return self.add_resource_fault(**spec)
        raise errors.BadRequest("Unknown fault scope %r" % scope)


def _matches(fault, stack_name, resource_name, resource_type, action):
    if fault["actions"] and (action or "").upper() not in fault["actions"]:
        return False
    if fault["stack_prefix"] and not stack_name.startswith(
            fault["stack_prefix"]):
        return False
    if fault["resource_name"] and not fnmatch.fnmatchcase(
            resource_name or "", fault["resource_name"]):
        return False
    return not fault["resource_type"] or fnmatch.fnmatchcase(
        resource_type or "", fault["resource_type"])
