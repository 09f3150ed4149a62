"""Stack update: diff a new definition against the live resources.

Resources whose resolved properties did not change are left alone (no
events, as Heat); changed ones are updated in place or replaced as their
plugin decides; new ones are created; ones no longer in the template are
deleted last, in reverse dependency order.
"""

from magnum_like.localcloud.heat import actions
from magnum_like.localcloud.heat import resolver
from magnum_like.localcloud.heat import stack as st


def _needs_update(engine, res, rdef, new_props):
    if res.status != st.COMPLETE or res.action == st.INIT:
        return True
    if new_props != res.props:
        return True
    return rdef.plugin.needs_update(res, new_props, engine)


def _replace(engine, stack, res, rdef):
    """Create a replacement, then delete the old physical resource."""
    new = st.Resource(stack, rdef)
    new.created = res.created
    new.props = resolver.resolve_props(engine, stack, new)
    yield from new.plugin.create(new, new.props, engine)
    stack.resources[res.name] = new
    if res.physical_id or res.nested is not None:
        yield from res.plugin.delete(res, engine)
    return new


def update_resource(engine, stack, res, rdef):
    """Task: bring one existing resource to its new definition."""
    old_defn = res.defn
    try:
        new_props = resolver.resolve_props(
            engine, stack, st.Resource(stack, rdef))
    except Exception as exc:  # noqa: BLE001 - reported as Heat does
        failure = actions.as_failure(exc, res)
        res.set_state(st.UPDATE, st.FAILED, str(failure))
        raise failure from None
    if res.action == st.DELETE or (res.action == st.CREATE and
                                   res.status == st.FAILED):
        if res.physical_id or res.nested is not None:
            yield from res.plugin.delete(res, engine)
        fresh = st.Resource(stack, rdef)
        stack.resources[res.name] = fresh
        yield from actions.create_resource(engine, stack, fresh)
        return
    if old_defn.type == rdef.type and not _needs_update(
            engine, res, rdef, new_props):
        res.defn = rdef
        return

    def body():
        old_props = res.props or {}
        if old_defn.type != rdef.type:
            yield from _replace(engine, stack, res, rdef)
            return
        res.defn = rdef
        done = yield from rdef.plugin.update(res, old_props, new_props,
                                             engine)
        if done is False:
            res.defn = old_defn
            new = yield from _replace(engine, stack, res, rdef)
            new.action, new.status = res.action, res.status
            return
        res.props = new_props
    yield from actions.run_resource(engine, stack, res, st.UPDATE, body)


def update_body(engine, stack, new_definition, new_request):
    old_deps = stack.definition.deps
    stack.previous = (stack.definition, stack.request)
    stack.definition = new_definition
    stack.request = new_request

    def make(name):
        rdef = new_definition.resources[name]
        res = stack.resources.get(name)
        if res is None:
            res = st.Resource(stack, rdef)
            stack.resources[name] = res
            return actions.create_resource(engine, stack, res)
        return update_resource(engine, stack, res, rdef)

    yield from actions.converge(engine, new_definition.deps, make)
    removed = [n for n in stack.resources
               if n not in new_definition.resources]
    if removed:
        yield from actions.delete_body(engine, stack, removed, old_deps)
        for name in removed:
            stack.resources.pop(name, None)


def rollback_body(engine, stack):
    """Go back to the definition the stack had before the update."""
    old_definition, old_request = stack.previous
    yield from update_body(engine, stack, old_definition, old_request)
