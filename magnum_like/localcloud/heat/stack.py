"""The state of stacks, resources and events (no behaviour beyond it)."""

import datetime
import itertools
import uuid

CREATE, UPDATE, DELETE, ROLLBACK, INIT = (
    "CREATE", "UPDATE", "DELETE", "ROLLBACK", "INIT")
IN_PROGRESS, COMPLETE, FAILED = "IN_PROGRESS", "COMPLETE", "FAILED"
_EVENT_SEQ = itertools.count(1)
_STACK_SEQ = itertools.count(1)


def now_text():
    return datetime.datetime.now(datetime.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


class Event:
    __slots__ = ("id", "seq", "resource_name", "physical_id", "status",
                 "reason", "time", "resource_type")

    def __init__(self, resource_name, physical_id, status, reason,
                 resource_type):
        self.id = str(uuid.uuid4())
        self.seq = next(_EVENT_SEQ)
        self.resource_name = resource_name
        self.physical_id = physical_id or ""
        self.status = status
        self.reason = reason
        self.time = now_text()
        self.resource_type = resource_type


class Resource:
    def __init__(self, stack, defn):
        self.stack = stack
        self.name = defn.name
        self.defn = defn
        self.uuid = str(uuid.uuid4())
        self.action, self.status, self.reason = INIT, COMPLETE, ""
        self.physical_id = None
        self.props = None
        self.data = {}
        self.nested = None
        self.created = now_text()
        self.updated = None

    @property
    def plugin(self):
        return self.defn.plugin

    @property
    def type(self):
        return self.defn.type

    @property
    def status_text(self):
        return "%s_%s" % (self.action, self.status)

    def set_state(self, action, status, reason="state changed"):
        self.action, self.status, self.reason = action, status, reason
        if action != CREATE or status != IN_PROGRESS:
            self.updated = now_text()
        self.stack.add_event(Event(self.name, self.physical_id,
                                   self.status_text, reason, self.type))


class Stack:
    """One stack (top-level or nested) and everything Heat shows of it."""

    def __init__(self, name, project_id, owner, definition, request,
                 parent=None, parent_resource=None):
        self.id = str(uuid.uuid4())
        self.seq = next(_STACK_SEQ)
        self.name = name
        self.project_id = project_id
        self.owner = owner
        self.parent = parent
        self.parent_resource = parent_resource
        self.definition = definition
        self.request = request   # template, files, env, params, ...
        self.resources = {}
        self.events = []
        self.action, self.status, self.reason = INIT, COMPLETE, ""
        self.created = now_text()
        self.updated = None
        self.deleted = None
        self.task = None
        self.timer = None
        self.previous = None     # (definition, request) before an update
        self.engine = None
        self.cancel_reason = None

    @property
    def root(self):
        stack = self
        while stack.parent is not None:
            stack = stack.parent
        return stack

    @property
    def depth(self):
        return 0 if self.parent is None else self.parent.depth + 1

    @property
    def status_text(self):
        return "%s_%s" % (self.action, self.status)

    @property
    def timeout_mins(self):
        return self.request.get("timeout_mins")

    @property
    def disable_rollback(self):
        return self.request.get("disable_rollback", True)

    @property
    def in_progress(self):
        return self.status == IN_PROGRESS

    def set_state(self, action, status, reason):
        self.action, self.status, self.reason = action, status, reason
        if action in (UPDATE, ROLLBACK) and status == IN_PROGRESS:
            self.updated = now_text()
        self.add_event(Event(self.name, self.id, self.status_text, reason,
                             "OS::Heat::Stack"))

    def add_event(self, event):
        self.events.append(event)

    def pseudo_params(self):
        return {"OS::stack_id": self.id, "OS::stack_name": self.name,
                "OS::project_id": self.project_id}
