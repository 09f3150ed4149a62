"""Stack actions: create, update, delete and rollback, as scheduler tasks.

Resources run as soon as what they depend on is done (independent ones
concurrently); a failure stops new starts, aborts the resources still
running and fails the stack with Heat's ``Resource <ACTION> failed: ...``.
"""

from magnum_like.localcloud.heat import dependencies
from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import resolver
from magnum_like.localcloud.heat import scheduler as sched
from magnum_like.localcloud.heat import stack as st


def as_failure(exc, res):
    """Turn any exception into a ResourceFailure pathed to ``res``."""
    prefix = ["resources", res.name]
    if isinstance(exc, errors.ResourceFailure):
        return exc.nested(prefix)
    if isinstance(exc, errors.HeatError):
        return errors.ResourceFailure(exc.error_type, exc.message, prefix)
    code = getattr(exc, "code", None)
    if isinstance(code, int) and hasattr(exc, "message"):
        # a cloud API error, reported as the OpenStack clients show it
        return errors.ResourceFailure(
            type(exc).__name__, "%s (HTTP %d)" % (exc.message, code),
            prefix)
    return errors.ResourceFailure(type(exc).__name__, str(exc), prefix)


def converge(engine, deps, make_gen):
    """Run one task per node of ``deps`` once its dependencies are done."""
    done, started, running = set(), set(), {}
    failure = None
    box = {}

    def wake(_future):
        waiter = box.pop("wake", None)
        if waiter is not None:
            waiter.set_result()

    try:
        while True:
            if failure is None:
                for name in dependencies.ready(deps, done, started):
                    started.add(name)
                    task = engine.scheduler.spawn(make_gen(name), name)
                    running[name] = task
                    task.future.add_done_callback(wake)
            finished = [n for n, t in running.items() if t.future.done]
            if not finished:
                if not running:
                    break
                box["wake"] = sched.Future()
                yield box["wake"]
                continue
            for name in finished:
                task = running.pop(name)
                if task.future.error is None:
                    done.add(name)
                elif failure is None:
                    failure = task.future.error
            if failure is not None:
                for task in list(running.values()):
                    task.cancel()
    except GeneratorExit:
        for task in list(running.values()):
            task.cancel()
        raise
    if failure is not None:
        raise failure


def _fault(engine, stack, res, action):
    fault = engine.fault_for(stack, res, action)
    if not fault:
        return
    kind = fault.get("kind")
    if kind == "slow":
        yield float(fault.get("delay") or 10)
    elif kind == "hang":
        if float(fault.get("delay") or 0) > 0:
            yield float(fault["delay"])
        else:
            yield sched.Future()   # only a timeout or a delete ends it
    elif kind == "fail":
        reason = fault.get("reason") or "Injected failure"
        if res.type == "OS::Nova::Server" or res.defn.plugin.type_name == \
                "OS::Nova::Server":
            raise errors.ResourceInError("ERROR", reason)
        raise errors.ResourceFailure(fault.get("error") or "Error", reason)


def run_resource(engine, stack, res, action, body):
    """Wrap a plugin action with states, events, faults and failures."""
    res.set_state(action, st.IN_PROGRESS)
    try:
        yield from _fault(engine, stack, res, action)
        result = yield from body()
    except GeneratorExit:
        res.set_state(action, st.FAILED, "%s aborted" % action)
        raise
    except Exception as exc:  # noqa: BLE001 - every failure is reported
        failure = as_failure(exc, res)
        res.set_state(action, st.FAILED, str(failure))
        raise failure from None
    res.set_state(action, st.COMPLETE)
    return result


def create_resource(engine, stack, res):
    def body():
        res.props = resolver.resolve_props(engine, stack, res)
        result = yield from res.plugin.create(res, res.props, engine)
        return result
    return run_resource(engine, stack, res, st.CREATE, body)


def delete_resource(engine, stack, res):
    if res.action == st.INIT or (
            res.action == st.DELETE and res.status == st.COMPLETE):
        return _noop(stack, res)

    def body():
        if res.defn.deletion_policy != "Retain":
            yield from res.plugin.delete(res, engine)
    return run_resource(engine, stack, res, st.DELETE, body)


def _noop(stack, res):
    if res.action == st.INIT:
        stack.resources.pop(res.name, None)
    yield 0


def create_body(engine, stack):
    for name, rdef in stack.definition.resources.items():
        stack.resources[name] = st.Resource(stack, rdef)
    yield from converge(engine, stack.definition.deps,
                        lambda n: create_resource(engine, stack,
                                                  stack.resources[n]))


def delete_body(engine, stack, names=None, deps=None):
    """Delete ``names`` (default: all) in reverse dependency order."""
    names = set(stack.resources if names is None else names)
    deps = deps if deps is not None else stack.definition.deps
    graph = {n: {d for d in deps.get(n, ()) if d in names} for n in names}
    reverse = dependencies.required_by(graph)
    reverse = {n: reverse.get(n, set()) for n in names}
    yield from converge(engine, reverse,
                        lambda n: delete_resource(engine, stack,
                                                  stack.resources[n]))


def stack_action(engine, stack, action, body):
    """Run a stack-level action and record the stack's states."""
    if stack.action != action or stack.status != st.IN_PROGRESS:
        stack.set_state(action, st.IN_PROGRESS,
                        "Stack %s started" % action)
    try:
        yield from body
    except GeneratorExit:
        stack.set_state(action, st.FAILED, engine.cancel_reason(stack,
                                                                action))
        raise
    except errors.ResourceFailure as failure:
        stack.set_state(action, st.FAILED,
                        "Resource %s failed: %s" % (action, failure))
        raise
    except errors.HeatError as exc:
        stack.set_state(action, st.FAILED, exc.message)
        raise errors.ResourceFailure(exc.error_type, exc.message) from None
    stack.set_state(action, st.COMPLETE,
                    "Stack %s completed successfully" % action)


def with_rollback(engine, stack, action, body, rollback_body):
    """A top-level action that rolls back on failure when asked to."""
    try:
        yield from stack_action(engine, stack, action, body)
    except errors.ResourceFailure:
        if stack.disable_rollback or rollback_body is None:
            return
        try:
            yield from stack_action(engine, stack, st.ROLLBACK,
                                    rollback_body())
        except errors.ResourceFailure:
            return
