"""Template parameters: schema, types, constraints and user values."""

import json
import re

from magnum_like.localcloud.heat import errors

TYPES = ("string", "number", "json", "comma_delimited_list", "boolean")
PSEUDO = ("OS::stack_id", "OS::stack_name", "OS::project_id")
SCHEMA_KEYS = ("type", "description", "default", "constraints", "hidden",
               "label", "immutable", "tags")
_TRUE = ("1", "t", "true", "on", "y", "yes")
_FALSE = ("0", "f", "false", "off", "n", "no")


def _invalid(name, message):
    return errors.StackValidationFailed(
        "Parameter '%s' is invalid: %s" % (name, message))


def convert(ptype, value):
    """Convert a user value to the parameter's type (ValueError if not)."""
    if ptype == "string":
        if isinstance(value, (dict, list)):
            raise ValueError("Value must be a string; got %s"
                             % json.dumps(value))
        return "" if value is None else str(value)
    if ptype == "number":
        if isinstance(value, bool):
            raise ValueError("Value '%s' is not a number" % value)
        if isinstance(value, (int, float)):
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            return float(value)
    if ptype == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise ValueError("Unrecognized value '%s', acceptable values are: "
                         "'0', '1', 'f', 'false', 'n', 'no', 'off', 'on', "
                         "'t', 'true', 'y', 'yes'" % value)
    if ptype == "json":
        if isinstance(value, (dict, list)):
            return value
        if value in (None, ""):
            return {}
        try:
            parsed = json.loads(value)
        except ValueError as exc:
            raise ValueError("Value must be valid JSON: %s" % exc) from None
        if not isinstance(parsed, (dict, list)):
            raise ValueError("Value must be valid JSON: %s" % value)
        return parsed
    if isinstance(value, list):
        return [str(v) if not isinstance(v, str) else v for v in value]
    if value in (None, ""):
        return []
    return [item.strip() for item in str(value).split(",")]


def display(ptype, value):
    """The text Heat shows for a parameter value in a stack's GET."""
    if ptype == "json":
        return json.dumps(value)
    if ptype == "comma_delimited_list":
        return ",".join(value)
    return str(value)


def _check_constraint(ptype, value, constraint):
    custom = constraint.get("description")
    message = None
    if "allowed_values" in constraint:
        allowed = constraint["allowed_values"] or []
        items = value if ptype == "comma_delimited_list" else [value]
        for item in items:
            if item not in allowed and str(item) not in map(str, allowed):
                message = '"%s" is not an allowed value [%s]' % (
                    item, ", ".join(str(a) for a in allowed))
    elif "range" in constraint or "length" in constraint:
        kind = "range" if "range" in constraint else "length"
        message = _check_bounds(kind, constraint[kind] or {}, value)
    elif "allowed_pattern" in constraint:
        pattern = constraint["allowed_pattern"]
        match = re.match(pattern, str(value))
        if match is None or match.end() != len(str(value)):
            message = '"%s" does not match pattern "%s"' % (value, pattern)
    if message:
        raise ValueError(custom or message)


def _check_bounds(kind, bounds, value):
    low, high = bounds.get("min"), bounds.get("max")
    measured = len(value) if kind == "length" else value
    word = "value" if kind == "range" else "length"
    if (low is None or measured >= low) and \
            (high is None or measured <= high):
        return None
    if low is not None and high is not None:
        return "The %s must be in the range %s to %s." % (word, low, high)
    if low is not None:
        return "The %s must be at least %s." % (word, low)
    return "The %s must be no greater than %s." % (word, high)


class Parameter:
    def __init__(self, name, schema):
        if not isinstance(schema, dict):
            raise errors.StackValidationFailed(
                "Invalid parameter %s: the schema must be a map" % name)
        for key in schema:
            if key not in SCHEMA_KEYS:
                raise errors.StackValidationFailed(
                    'Invalid key \'%s\' for parameter (%s)' % (key, name))
        ptype = schema.get("type")
        if ptype is None:
            raise errors.StackValidationFailed(
                "Missing parameter type for parameter: %s" % name)
        if ptype not in TYPES:
            raise errors.StackValidationFailed(
                'Invalid type (%s)' % ptype)
        self.name = name
        self.type = ptype
        self.schema = schema
        self.hidden = bool(schema.get("hidden", False))
        self.constraints = schema.get("constraints") or []
        self.has_value = False
        self.value = None

    def set(self, raw):
        try:
            value = convert(self.type, raw)
            for constraint in self.constraints:
                _check_constraint(self.type, value, constraint)
        except (ValueError, TypeError) as exc:
            raise _invalid(self.name, str(exc)) from None
        self.value = value
        self.has_value = True


class Parameters:
    """The parameter values of one stack, validated against its template.

    ``user`` are the values passed (request plus environment
    ``parameters``); an undeclared one is refused as Heat does, while
    ``defaults`` (``parameter_defaults``) may name anything.
    """

    def __init__(self, section, user, defaults, pseudo, strict=True):
        self.params = {}
        for name, schema in (section or {}).items():
            self.params[name] = Parameter(name, schema)
        user = dict(user or {})
        if strict:
            for name in user:
                if name not in self.params:
                    raise errors.UnknownUserParameter(name)
        defaults = defaults or {}
        for name, param in self.params.items():
            # A JSON null value means "use the default", as in Heat.
            if user.get(name) is not None:
                param.set(user[name])
            elif defaults.get(name) is not None:
                param.set(defaults[name])
            elif "default" in param.schema:
                param.set(param.schema["default"])
        self.pseudo = dict(pseudo)
        self.user = {k: v for k, v in user.items() if k in self.params}

    def validate_required(self):
        for name, param in self.params.items():
            if not param.has_value:
                raise errors.UserParameterMissing(name)

    def __contains__(self, name):
        return name in self.params or name in PSEUDO

    def get(self, name):
        if name in PSEUDO:
            return self.pseudo.get(name)
        param = self.params.get(name)
        if param is None or not param.has_value:
            raise errors.UserParameterMissing(name)
        return param.value

    def shown(self):
        """Parameter values as Heat shows them (hidden ones masked)."""
        out = {}
        for name, param in self.params.items():
            if not param.has_value:
                continue
            out[name] = ("******" if param.hidden
                         else display(param.type, param.value))
        out.update({k: str(v) for k, v in self.pseudo.items()})
        return out
