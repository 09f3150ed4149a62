"""The Heat engine: owns every stack and starts their actions.

All state lives in memory under ``self.lock``; the scheduler thread runs
the actions (see scheduler.py) and API threads only read or start them.
"""

import random
import re
import string
import threading

from magnum_like.localcloud.heat import actions
from magnum_like.localcloud.heat import definition as defn_mod
from magnum_like.localcloud.heat import environment as env_mod
from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import scheduler as sched
from magnum_like.localcloud.heat import stack as st
from magnum_like.localcloud.heat import template as tmpl
from magnum_like.localcloud.heat import timing
from magnum_like.localcloud.heat import update
from magnum_like.localcloud.heat.resources import registry

_NAME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9_.-]{0,254}$")


def _suffix():
    return "".join(random.choice(string.ascii_lowercase + string.digits)
                   for _ in range(12))


def _tag_list(tags):
    """Heat takes tags as a comma-separated string (or a list)."""
    if isinstance(tags, str):
        return [t for t in tags.split(",") if t]
    return list(tags) if tags else None


def _check_name(name):
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise errors.StackValidationFailed(
            'Invalid stack name %s must contain only alphanumeric or '
            '"_-." characters, must start with alpha and must be 255 '
            'characters or less.' % name)


class Engine:
    def __init__(self, world):
        self.world = world
        self.lock = threading.RLock()
        self.scheduler = sched.Scheduler(self.lock)
        self.registry = registry.default_registry()
        self.registry.world = world     # for custom constraints
        self.stacks = {}        # id -> Stack (nested and deleted too)
        self.by_name = {}       # (project_id, name) -> live top-level Stack
        self.scheduler.start()
        self._hook_world(world)

    def _hook_world(self, world):
        """Register with the world: reset drops every stack; summary."""
        if hasattr(world, "extensions"):
            world.extensions["heat"] = self
        if hasattr(world, "on_reset"):
            # the hook runs under the world's lock: never take ours there
            world.on_reset(lambda: self.scheduler.call_soon(self._reset))
        if hasattr(world, "add_summary"):
            world.add_summary("heat", self.summary)

    def _reset(self):
        for stack in list(self.stacks.values()):
            if stack.task is not None:
                stack.task.cancel()
        self.stacks.clear()
        self.by_name.clear()

    def summary(self):
        stacks = list(self.by_name.values())
        statuses = {}
        for stack in stacks:
            statuses[stack.status_text] = statuses.get(
                stack.status_text, 0) + 1
        return {"stacks": len(stacks), "by_status": statuses}

    # -- settings, timing, faults -------------------------------------
    def profile(self):
        settings = getattr(self.world, "settings", None)
        try:
            return settings.get("heat_profile", "fast") if settings \
                else "fast"
        except Exception:  # noqa: BLE001 - settings are optional
            return "fast"

    def delay(self, kind, action, key=""):
        return timing.delay(self.profile(), kind, action, key)

    def fault_for(self, stack, res, action):
        faults = getattr(self.world, "faults", None)
        if faults is None:
            return None
        for name in dict.fromkeys((stack.root.name, stack.name)):
            fault = faults.resource_fault(name, res.name, res.type, action)
            if fault:
                return fault
        return None

    def cancel_reason(self, stack, action):
        reason = getattr(stack.root, "cancel_reason", None)
        return reason or "%s aborted" % action

    # -- definitions ----------------------------------------------------
    def definition(self, request, pseudo, strict=True, structural=False):
        return defn_mod.Definition(
            request["template"], request["files"], request["env"],
            request["parameters"], pseudo, self.registry, strict=strict,
            structural=structural)

    @staticmethod
    def parse_request(body, previous=None):
        """Template, files, environment and parameters of a request."""
        prev = previous or {}
        files = dict(prev.get("files") or {})
        files.update(body.get("files") or {})
        if body.get("template") is not None:
            template = tmpl.load_document(body["template"])
        elif prev:
            template = prev["template"]
        elif body.get("template_url"):
            raise errors.HTTPBadRequest(
                "template_url is not supported by the local cloud; send "
                "the template itself")
        else:
            raise errors.HTTPBadRequest("No template specified")
        env = env_mod.Environment()
        if prev:
            env.merge(prev["env"].to_dict())
        env.merge(env_mod.parse(body.get("environment") or {}))
        for fname in body.get("environment_files") or []:
            if fname not in files:
                raise errors.HTTPBadRequest(
                    "Could not fetch the environment file %s" % fname)
            env.merge(env_mod.parse(files[fname]))
        params = dict(prev.get("parameters") or {}) if prev else {}
        for name in body.get("clear_parameters") or []:
            params.pop(name, None)
        params.update(body.get("parameters") or {})
        params.update(env.parameters)
        return {"template": template, "files": files, "env": env,
                "parameters": params}

    # -- lookups ----------------------------------------------------------
    def find(self, auth, name_or_id, show_deleted=True):
        stack = self.stacks.get(name_or_id)
        if stack is None or (stack.deleted and not show_deleted):
            stack = self.by_name.get((auth["project_id"], name_or_id))
            if stack is None and auth.get("is_admin"):
                stack = next((s for (_, n), s in self.by_name.items()
                              if n == name_or_id), None)
        if stack is None:
            raise errors.EntityNotFound("Stack", name_or_id)
        if stack.project_id != auth["project_id"] and \
                not auth.get("is_admin"):
            raise errors.EntityNotFound("Stack", name_or_id)
        return stack

    def live_stacks(self):
        return self.by_name.values()

    # -- actions ----------------------------------------------------------
    def start(self, stack, action, body, rollback=None):
        """Start an action; the stack is IN_PROGRESS when this returns."""
        stack.cancel_reason = None
        stack.set_state(action, st.IN_PROGRESS, "Stack %s started" % action)
        gen = (actions.with_rollback(self, stack, action, body, rollback)
               if stack.parent is None else
               actions.stack_action(self, stack, action, body))
        stack.task = self.scheduler.spawn(gen, "%s %s" % (action,
                                                          stack.name))
        if stack.parent is None and stack.timeout_mins:
            token = stack.task
            self.scheduler.call_later(float(stack.timeout_mins) * 60,
                                      self._timeout, stack, token, action)
        return stack.task

    def _timeout(self, stack, token, action):
        if stack.task is token and stack.in_progress:
            stack.cancel_reason = "%s timed out" % action.title()
            token.cancel()

    def cancel(self, stack, reason):
        if stack.task is not None and not stack.task.future.done:
            stack.cancel_reason = reason
            stack.task.cancel()

    def create_stack(self, auth, body, preview=False):
        name = body.get("stack_name")
        _check_name(name)
        if (auth["project_id"], name) in self.by_name:
            raise errors.StackExists(name)
        request = self.parse_request(body)
        request.update(timeout_mins=body.get("timeout_mins"),
                       disable_rollback=_bool(
                           body.get("disable_rollback", True)),
                       tags=_tag_list(body.get("tags")))
        stack = st.Stack(name, auth["project_id"], dict(auth), None,
                         request)
        stack.engine = self
        stack.definition = self.definition(request, stack.pseudo_params())
        if preview:
            return stack
        self.stacks[stack.id] = stack
        self.by_name[(stack.project_id, name)] = stack
        self.start(stack, st.CREATE, actions.create_body(self, stack),
                   lambda: actions.delete_body(self, stack))
        return stack

    def update_stack(self, auth, stack, body, patch):
        if stack.deleted or stack.action == st.DELETE:
            raise errors.EntityNotFound("Stack", stack.name)
        if stack.in_progress:
            raise errors.ActionInProgress(stack.name, stack.action)
        request = self.parse_request(body, stack.request if patch else None)
        for key in ("timeout_mins", "disable_rollback", "tags"):
            if key in body:
                request[key] = (_bool(body[key]) if key ==
                                "disable_rollback" else body[key])
            elif patch or key != "disable_rollback":
                request[key] = stack.request.get(key)
        request.setdefault("disable_rollback", True)
        new_def = self.definition(request, stack.pseudo_params())
        self.start(stack, st.UPDATE,
                   update.update_body(self, stack, new_def, request),
                   lambda: update.rollback_body(self, stack))
        return stack

    def delete_stack(self, stack):
        if stack.deleted:
            raise errors.EntityNotFound("Stack", stack.name)
        if stack.in_progress:
            self.cancel(stack, "Stack DELETE started")
        self.start(stack, st.DELETE, self._delete_gen(stack))

    def _delete_gen(self, stack):
        yield from actions.delete_body(self, stack)
        if stack.parent is None:
            self._forget(stack)

    def _forget(self, stack):
        stack.deleted = st.now_text()
        if self.by_name.get((stack.project_id, stack.name)) is stack:
            del self.by_name[(stack.project_id, stack.name)]

    # -- nested stacks (used by the nested and group plugins) ------------
    def nested_name(self, parent, res_name):
        return "%s-%s-%s" % (parent.name, res_name, _suffix())

    def new_nested(self, parent, res, doc, params, files=None):
        request = {"template": doc, "files": files or parent.request[
                   "files"], "env": parent.request["env"].for_nested(),
                   "parameters": params, "timeout_mins": None,
                   "disable_rollback": True, "tags": None}
        child = st.Stack(self.nested_name(parent, res.name),
                         parent.project_id, parent.owner, None, request,
                         parent=parent, parent_resource=res.name)
        child.engine = self
        child.definition = self.definition(request, child.pseudo_params(),
                                           strict=False)
        self.stacks[child.id] = child
        return child

    def nested_definition(self, child, doc, params):
        """A nested stack's new request and definition for an update.

        Files and environment come from the parent's current request, so
        a parent update that changes templates reaches its nested stacks.
        """
        parent = child.parent.request
        request = dict(child.request, template=doc, parameters=params,
                       files=parent["files"],
                       env=parent["env"].for_nested())
        return request, self.definition(request, child.pseudo_params(),
                                        strict=False)


def _bool(value):
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "t", "true", "on", "y",
                                          "yes")
