"""Routes under ``/v1/{tenant}/stacks/{name}/{id}``."""

import itertools

from magnum_like.localcloud.heat import dependencies
from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import http
from magnum_like.localcloud.heat import listing
from magnum_like.localcloud.heat import resolver
from magnum_like.localcloud.heat import serialize


def route(app, req, auth, stack, rest):
    method = req.method
    base = app.base(req)
    if not rest:
        if method == "GET":
            resolve = listing.truthy(req.GET.get("resolve_outputs", "true"))
            return http.response(200, {"stack": serialize.stack_detail(
                app.engine, base, stack, resolve)})
        if method in ("PUT", "PATCH"):
            app.engine.update_stack(auth, stack, http.body(req),
                                    patch=method == "PATCH")
            return http.response(202)
        if method == "DELETE":
            app.engine.delete_stack(stack)
            return http.response(204)
    head, tail = rest[0], rest[1:]
    if method != "GET":
        raise errors.NotFound("The resource could not be found.")
    if head == "resources":
        return _resources(app, req, stack, tail, base)
    if head == "events" and not tail:
        return _events(app, req, stack, base, None)
    if head == "outputs":
        return _outputs(app, stack, tail)
    if head == "template" and not tail:
        return http.response(200, stack.request["template"])
    if head == "environment" and not tail:
        return http.response(200, stack.request["env"].to_dict())
    if head == "files" and not tail:
        return http.response(200, stack.request["files"])
    raise errors.NotFound("The resource could not be found.")


def _nested_stacks(stack, depth):
    """The stack and its nested stacks down to ``depth`` levels."""
    out = [stack]
    if depth > 0:
        for res in list(stack.resources.values()):
            if res.nested is not None:
                out.extend(_nested_stacks(res.nested, depth - 1))
    return out


def _depth(req):
    try:
        return int(req.GET.get("nested_depth") or 0)
    except ValueError:
        raise errors.HTTPBadRequest("Only integer is acceptable by "
                                    "'nested_depth'.") from None


def _resources(app, req, stack, tail, base):
    if not tail:
        out = []
        for owner in _nested_stacks(stack, _depth(req)):
            required = dependencies.required_by(owner.definition.deps)
            for res in owner.resources.values():
                item = serialize.resource(base, owner, res)
                item["required_by"] = sorted(required.get(res.name, ()))
                out.append(item)
        names = req.GET.getall("name")
        if names:
            out = [r for r in out if r["resource_name"] in names]
        return http.response(200, {"resources": out})
    res = stack.resources.get(tail[0])
    if res is None:
        raise errors.ResourceNotFound(tail[0], stack.name)
    if len(tail) == 1:
        return http.response(200, {"resource": serialize.resource(
            base, stack, res, detail=True, engine=app.engine)})
    if tail[1] == "metadata" and len(tail) == 2:
        return http.response(200, {"metadata": res.defn.metadata})
    if tail[1] == "events":
        if len(tail) == 2:
            return _events(app, req, stack, base, res.name)
        event = next((e for e in stack.events if e.id == tail[2]
                      and e.resource_name == res.name), None)
        if event is None:
            raise errors.EntityNotFound("Event", tail[2])
        return http.response(200, {"event": serialize.event(base, stack,
                                                        event)})
    raise errors.NotFound("The resource could not be found.")


def _event_matches(event, params):
    action, _, status = event.status.partition("_")
    for key, value in (("resource_action", action),
                       ("resource_status", status),
                       ("resource_name", event.resource_name),
                       ("resource_type", event.resource_type)):
        wanted = params.getall(key)
        if wanted and value not in wanted:
            return False
    return True


def _events(app, req, stack, base, resource_name):
    pairs = []
    for owner in _nested_stacks(stack, _depth(req)):
        pairs.extend((owner, e) for e in owner.events
                     if resource_name is None or
                     e.resource_name == resource_name)
    pairs = [p for p in pairs if _event_matches(p[1], req.GET)]
    pairs.sort(key=lambda p: p[1].seq,
               reverse=req.GET.get("sort_dir", "asc") == "desc")
    marker = req.GET.get("marker")
    if marker:
        pairs = list(itertools.dropwhile(lambda p: p[1].id != marker,
                                         pairs))[1:]
    limit = req.GET.get("limit")
    if limit:
        pairs = pairs[:int(limit)]
    return http.response(200, {"events": [serialize.event(base, owner, e)
                                      for owner, e in pairs]})


def _outputs(app, stack, tail):
    if not tail:
        return http.response(200, {"outputs": resolver.outputs(
            app.engine, stack, resolve=False)})
    ctx = resolver.RuntimeContext(app.engine, stack)
    if tail[0] not in stack.definition.outputs:
        raise errors.NotFound("Specified output key %s not found."
                              % tail[0])
    item = {"output_key": tail[0], "description": stack.definition.outputs[
        tail[0]]["description"]}
    item.update(resolver.output_value(ctx, tail[0]))
    return http.response(200, {"output": item})
