"""The ``conditions`` section and the ``condition`` keys that use it."""

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import functions


class Conditions:
    """Evaluates named and inline conditions of one template.

    ``param_ctx`` is a functions context that can answer ``get_param``.
    Results are cached: conditions only depend on parameters.
    """

    def __init__(self, section, ordinal, param_ctx):
        self._defs = dict(section or {})
        self._ordinal = ordinal
        self._params = param_ctx
        self._cache = {}
        self._evaluating = set()

    def validate(self):
        for name in self._defs:
            self.named(name, "conditions.%s" % name)

    def named(self, name, where):
        if name in self._cache:
            return self._cache[name]
        if name not in self._defs:
            raise errors.StackValidationFailed(
                'Invalid condition "%s"' % name, path=where.split("."))
        if name in self._evaluating:
            raise errors.StackValidationFailed(
                'Circular definition for condition "%s"' % name)
        self._evaluating.add(name)
        try:
            value = self.evaluate(self._defs[name], "conditions.%s" % name)
        finally:
            self._evaluating.discard(name)
        self._cache[name] = value
        return value

    def enabled(self, condition, where):
        """Whether a resource/output with ``condition:`` is enabled."""
        if condition is None:
            return True
        return self.evaluate(condition, where)

    def evaluate(self, expr, where):
        if isinstance(expr, bool):
            return expr
        if isinstance(expr, str):
            if expr.lower() in ("true", "false") and expr not in self._defs:
                return expr.lower() == "true"
            return self.named(expr, where)
        call = functions.function_call(expr, self._ordinal)
        if not call:
            raise errors.StackValidationFailed(
                "Invalid condition %s" % (expr,), path=where.split("."))
        return self._call(call[0], call[1], where)

    def _call(self, name, args, where):
        if name == "not":
            return not self.evaluate(args, where)
        if name in ("and", "or"):
            if not isinstance(args, list) or len(args) < 2:
                raise errors.StackValidationFailed(
                    'Arguments to "%s" must be a list of at least 2 '
                    'conditions' % name, path=where.split("."))
            values = [self.evaluate(a, where) for a in args]
            return all(values) if name == "and" else any(values)
        if name == "equals":
            if not isinstance(args, list) or len(args) != 2:
                raise errors.StackValidationFailed(
                    'Arguments to "equals" must be of the form: '
                    '[value_1, value_2]', path=where.split("."))
            left, right = (functions.resolve(a, self._params)
                           for a in args)
            return left == right
        if name in ("contains", "get_param"):
            return bool(functions.resolve({name: args}, self._params))
        if name == "yaql" and self._ordinal >= functions.SINCE["contains"]:
            # a condition function since 2017-09-01, as contains
            value = functions.resolve({name: args}, self._params)
            if not isinstance(value, bool):
                raise errors.StackValidationFailed(
                    "Invalid condition %s: the yaql expression gave %r, "
                    "not a boolean" % (where, value), path=where.split("."))
            return value
        raise errors.StackValidationFailed(
            'The function "%s" is invalid in condition functions' % name,
            path=where.split("."))


def prune(snippet, ordinal, conds, where):
    """Replace every ``if`` in a snippet by the branch its condition picks.

    Done once per stack definition so that references in branches that
    are never taken create no dependency and need not be valid.
    """
    call = functions.function_call(snippet, ordinal)
    if call and call[0] == "if":
        args = call[1]
        if not isinstance(args, list) or len(args) not in (2, 3):
            raise errors.StackValidationFailed(
                'Arguments to "if" must be of the form [condition_name, '
                'value_if_true, value_if_false]', path=where.split("."))
        cond = args[0]
        value = (conds.named(cond, where) if isinstance(cond, str)
                 else conds.evaluate(cond, where))
        if value:
            return prune(args[1], ordinal, conds, where)
        if len(args) == 2:
            return functions.REMOVED
        return prune(args[2], ordinal, conds, where)
    if isinstance(snippet, dict):
        out = {}
        for key, value in snippet.items():
            value = prune(value, ordinal, conds, where)
            if value is not functions.REMOVED:
                out[key] = value
        return out
    if isinstance(snippet, list):
        return [v for v in (prune(i, ordinal, conds, where)
                            for i in snippet)
                if v is not functions.REMOVED]
    return snippet
