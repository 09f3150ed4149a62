"""Resolve snippets of a running stack: properties, attributes, outputs."""

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import functions
from magnum_like.localcloud.heat import functions_data


class RuntimeContext:
    """Answers intrinsic functions from a stack's live resources."""

    def __init__(self, engine, stack, definition=None):
        self.engine = engine
        self.stack = stack
        self.definition = definition or stack.definition
        self.ordinal = self.definition.ordinal

    def get_param(self, name):
        return self.definition.params.get(name)

    def _resource(self, name):
        if name in self.definition.disabled:
            return None
        res = self.stack.resources.get(name)
        if res is None:
            if name in self.definition.resources:
                return None
            raise errors.InvalidTemplateReference(name, self.stack.name)
        return res

    def get_resource(self, name):
        res = self._resource(name)
        if res is None:
            return None
        return res.plugin.refid(res)

    def get_attr(self, name, attr, path):
        res = self._resource(name)
        if res is None:
            return None
        if attr is None:
            return res.plugin.all_attributes(res, self.engine)
        if attr == "show":
            value = res.data.get("show") or res.plugin.all_attributes(
                res, self.engine)
            return functions_data.select_path(value, path, "get_attr")
        return res.plugin.get_attr(res, attr, path, self.engine)

    def get_file(self, key):
        return self.definition.get_file(key)

    def condition(self, expr):
        return self.definition.conditions.evaluate(expr, "if")

    def resource_facade(self, kind):
        parent = self.stack.parent
        if parent is None:
            return None
        res = parent.resources.get(self.stack.parent_resource)
        if res is None:
            return None
        if kind == "metadata":
            return res.defn.metadata
        if kind == "deletion_policy":
            return res.defn.deletion_policy
        return res.defn.update_policy


def resolve_props(engine, stack, res):
    """The resource's properties with every function evaluated."""
    ctx = RuntimeContext(engine, stack)
    return res.plugin.with_defaults(functions.resolve(res.defn.props, ctx))


def outputs(engine, stack, resolve=True):
    """Heat's output list: [{output_key, output_value, description}]."""
    out = []
    ctx = RuntimeContext(engine, stack)
    for key, body in stack.definition.outputs.items():
        item = {"output_key": key, "description": body["description"]}
        if resolve:
            item.update(output_value(ctx, key))
        out.append(item)
    return out


def output_value(ctx, key):
    body = ctx.definition.outputs.get(key)
    if body is None:
        return {"output_value": None,
                "output_error": "Output %s not found" % key}
    try:
        return {"output_value": functions.resolve(body["value"], ctx)}
    except (errors.HeatError, errors.ResourceFailure, LookupError,
            TypeError, ValueError) as exc:
        return {"output_value": None, "output_error": str(exc)}
