"""The ``yaql`` intrinsic function, evaluated by the yaql library with
the limits of Heat's defaults ([yaql] limit_iterators, memory_quota), as
Heat itself does: ``{yaql: {expression: <text>, data: <value>}}``
evaluates the expression with ``$.data`` bound to the resolved data."""

import collections.abc  # noqa: F401 - yaql uses it without importing it
import threading

import yaql
from yaql.language import exceptions as yaql_exc

from magnum_like.localcloud.heat import errors

LIMIT_ITERATORS = 200
MEMORY_QUOTA = 10000
_LOCK = threading.Lock()
_STATE = {}


def _engine():
    with _LOCK:
        if "engine" not in _STATE:
            _STATE["engine"] = yaql.YaqlFactory().create({
                "yaql.limitIterators": LIMIT_ITERATORS,
                "yaql.memoryQuota": MEMORY_QUOTA})
            _STATE["context"] = yaql.create_context()
        return _STATE["engine"], _STATE["context"]


def check_args(args):
    """(expression, data) of a yaql call, or Heat's syntax error."""
    if not isinstance(args, dict):
        raise errors.StackValidationFailed(
            'Arguments to "yaql" must be a map.')
    if "expression" not in args or set(args) - {"expression", "data"}:
        raise errors.StackValidationFailed(
            '"yaql" syntax should be yaql:\n              expression: '
            '$.data.var1.sum()\n              data:\n                '
            'var1: [3, 2, 1]')
    return args["expression"], args.get("data", {})


def parse(expression):
    if not isinstance(expression, str):
        raise errors.StackValidationFailed(
            'The "expression" argument to yaql must contain a string.')
    engine, _context = _engine()
    try:
        return engine(expression)
    except yaql_exc.YaqlException as exc:
        raise errors.StackValidationFailed(
            "Bad expression %s." % exc) from None


def evaluate(expression, data):
    statement = parse(expression)
    _engine_, context = _engine()
    try:
        return statement.evaluate({"data": data},
                                  context.create_child_context())
    except (yaql_exc.YaqlException, TypeError, ValueError,
            KeyError, IndexError) as exc:
        raise errors.StackValidationFailed(
            "Error evaluating yaql expression %s: %s"
            % (expression, exc)) from None
