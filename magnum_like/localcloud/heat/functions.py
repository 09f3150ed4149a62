"""HOT intrinsic functions: the table per template version and resolution.

A snippet is plain data in which a one-key mapping whose key names a
function of the template's version is a call.  ``resolve`` evaluates calls
top-down (so ``if`` only evaluates the branch it picks) against a context
object that answers ``get_param``, ``get_resource``, ``get_attr``,
``get_file`` and ``condition``.
"""

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import functions_data as data
from magnum_like.localcloud.heat import template as tmpl
from magnum_like.localcloud.heat import yaql_fn

REMOVED = object()  # marks an ``if`` branch that drops the enclosing key

_V = tmpl.VERSIONS
# function name -> first version ordinal that has it
SINCE = {
    "get_param": 0, "get_resource": 0, "get_attr": 0, "get_file": 0,
    "list_join": 0, "str_replace": 0, "resource_facade": 0,
    "digest": _V["2015-04-30"], "repeat": _V["2015-04-30"],
    "str_split": _V["2015-10-15"], "map_merge": _V["2016-04-08"],
    "map_replace": _V["2016-10-14"], "yaql": _V["2016-10-14"],
    "if": _V["2016-10-14"], "equals": _V["2016-10-14"],
    "not": _V["2016-10-14"], "and": _V["2016-10-14"],
    "or": _V["2016-10-14"], "filter": _V["2017-02-24"],
    "str_replace_strict": _V["2017-09-01"],
    "str_replace_vstrict": _V["2017-09-01"],
    "make_url": _V["2017-09-01"], "list_concat": _V["2017-09-01"],
    "list_concat_unique": _V["2017-09-01"], "contains": _V["2017-09-01"],
}
CONDITION_ONLY = ("equals", "not", "and", "or")
REF_FUNCTIONS = ("get_resource", "get_attr")


def function_call(snippet, ordinal):
    """Return (name, args) when the snippet is a call, else None."""
    if isinstance(snippet, dict) and len(snippet) == 1:
        name, args = next(iter(snippet.items()))
        since = SINCE.get(name)
        if since is not None and ordinal >= since:
            return name, args
    return None


def iter_calls(snippet, ordinal):
    """Yield every (name, args) call in a snippet, outermost first."""
    call = function_call(snippet, ordinal)
    if call:
        yield call
        yield from iter_calls(call[1], ordinal)
    elif isinstance(snippet, dict):
        for value in snippet.values():
            yield from iter_calls(value, ordinal)
    elif isinstance(snippet, list):
        for value in snippet:
            yield from iter_calls(value, ordinal)


def has_calls(snippet, ordinal):
    return next(iter_calls(snippet, ordinal), None) is not None


def resolve(snippet, ctx):
    """Evaluate every call in ``snippet`` against ``ctx``."""
    call = function_call(snippet, ctx.ordinal)
    if call:
        name, args = call
        return _IMPL[name](ctx, args)
    if isinstance(snippet, dict):
        out = {}
        for key, value in snippet.items():
            value = resolve(value, ctx)
            if value is not REMOVED:
                out[key] = value
        return out
    if isinstance(snippet, list):
        return [v for v in (resolve(i, ctx) for i in snippet)
                if v is not REMOVED]
    return snippet


def _get_param(ctx, args):
    args = resolve(args, ctx)
    if isinstance(args, list):
        if not args:
            raise errors.StackValidationFailed(
                "Function \"get_param\" must have arguments")
        name, path = args[0], args[1:]
    else:
        name, path = args, []
    if not isinstance(name, str):
        raise errors.StackValidationFailed(
            'Argument to "get_param" must be a string or a list')
    return data.select_path(ctx.get_param(name), path, "get_param")


def _get_resource(ctx, args):
    name = resolve(args, ctx)
    if not isinstance(name, str):
        raise errors.StackValidationFailed(
            'Argument to "get_resource" must be a string')
    return ctx.get_resource(name)


def _get_attr(ctx, args):
    args = resolve(args, ctx)
    if not isinstance(args, list) or not args:
        raise errors.StackValidationFailed(
            'Arguments to "get_attr" must be of the form [resource_name, '
            'attribute, (path), ...]')
    if len(args) == 1:
        return ctx.get_attr(args[0], None, [])
    return ctx.get_attr(args[0], args[1], args[2:])


def _get_file(ctx, args):
    key = resolve(args, ctx)
    return ctx.get_file(key)


def _if(ctx, args):
    if not isinstance(args, list) or len(args) not in (2, 3):
        raise errors.StackValidationFailed(
            'Arguments to "if" must be of the form [condition_name, '
            'value_if_true, value_if_false]')
    chosen = ctx.condition(args[0])
    if chosen:
        return resolve(args[1], ctx)
    if len(args) == 2:
        return REMOVED
    return resolve(args[2], ctx)


def _condition_fn(name):
    def impl(ctx, args):
        return ctx.condition({name: args})
    return impl


def _yaql(ctx, args):
    expression, data_arg = yaql_fn.check_args(args)
    return yaql_fn.evaluate(resolve(expression, ctx), resolve(data_arg, ctx))


def _resource_facade(ctx, args):
    return ctx.resource_facade(resolve(args, ctx))


def _data_fn(func):
    def impl(ctx, args):
        return func(resolve(args, ctx), ctx.ordinal)
    return impl


_IMPL = {
    "get_param": _get_param, "get_resource": _get_resource,
    "get_attr": _get_attr, "get_file": _get_file, "if": _if,
    "yaql": _yaql, "resource_facade": _resource_facade,
}
_IMPL.update({name: _condition_fn(name) for name in CONDITION_ONLY})
_IMPL.update({name: _data_fn(func) for name, func in data.TABLE.items()})
