"""The contract of a resource plugin and its property schema."""

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import functions
from magnum_like.localcloud.heat import functions_data

COMMON_ATTRS = ("show",)

# What Heat makes of a property given as null (e.g. the false branch of
# an ``if``): the property's default, else this value of its type -- a
# null string property reaches the cloud API as ''.
NULL_VALUES = {"string": "", "integer": 0, "number": 0, "list": [],
               "map": {}, "boolean": False}


class Prop:
    """One property: its type, whether required, default, updatability."""

    def __init__(self, ptype="string", required=False, default=None,
                 update_allowed=True, allowed=None, constraint=None):
        """:param constraint: a custom constraint of Heat's naming a
            cloud object (``glance.image``, ``nova.flavor``,
            ``cinder.vtype``; see heat/constraints.py)."""
        self.constraint = constraint
        self.type = ptype
        self.required = required
        self.default = default
        self.update_allowed = update_allowed
        self.allowed = allowed


def check_type(name, prop, value):
    """Return an error text when a literal value has the wrong type."""
    ptype = prop.type
    if value is None or ptype == "any":
        return None
    if ptype == "string" and isinstance(value, (dict, list)):
        return "Value must be a string; got %s" % (value,)
    if ptype in ("integer", "number"):
        try:
            (int if ptype == "integer" else float)(value)
        except (TypeError, ValueError):
            return "Value '%s' is not an %s" % (
                value, "integer" if ptype == "integer" else "number")
    if ptype == "boolean" and not isinstance(value, bool) and \
            str(value).lower() not in ("true", "false", "0", "1", "yes",
                                       "no", "on", "off", "t", "f"):
        return '"%s" is not a valid boolean' % value
    if ptype == "list" and not isinstance(value, (list, str)):
        return '"%s" is not a list' % (value,)
    if ptype == "map" and not isinstance(value, dict):
        return '"%s" is not a map' % (value,)
    if prop.allowed and value not in prop.allowed:
        return '"%s" is not an allowed value [%s]' % (
            value, ", ".join(str(a) for a in prop.allowed))
    return None


def _constraint(prop, value, vctx):
    """The custom constraint's verdict on a literal (a null string
    property is checked as '', the value Heat passes on)."""
    if prop.constraint is None:
        return None
    if value is None:
        if prop.default is not None:
            return None
        value = NULL_VALUES.get(prop.type)
    check = getattr(vctx, "check_constraint", None)
    return check(prop.constraint, value) if check else None


class Plugin:
    """A resource type.  Subclasses set ``type_name``, ``props``, ``attrs``.

    ``create``, ``update`` and ``delete`` are generators run by the
    scheduler: they yield a number of seconds to wait or a Future to wait
    on, and store their cloud object's id in ``res.physical_id`` and any
    state in ``res.data``.
    """

    type_name = None
    props = {}
    attrs = ()        # None: any attribute name is accepted
    strict = True     # refuse unknown properties
    timing = "default"

    def property_names(self, defn_ctx):
        return self.props

    def validate(self, name, snippet, vctx):
        """Static checks of a resource's properties (unresolved)."""
        schema = self.property_names(vctx)
        path = ["resources", name, "properties"]
        snippet = snippet or {}
        if functions.function_call(snippet, vctx.ordinal):
            return
        for key, value in snippet.items():
            if key not in schema:
                if self.strict:
                    raise errors.StackValidationFailed(
                        "Unknown Property %s" % key,
                        error="Property error", path=path)
                continue
            if functions.has_calls(value, vctx.ordinal):
                continue
            problem = check_type(key, schema[key], value) or \
                _constraint(schema[key], value, vctx)
            if problem:
                raise errors.StackValidationFailed(
                    problem, error="Property error", path=path + [key])
        for key, prop in schema.items():
            if prop.required and snippet.get(key) is None and \
                    prop.default is None:
                raise errors.StackValidationFailed(
                    "Property %s not assigned" % key,
                    error="Property error", path=path)
        self.validate_more(name, snippet, vctx)

    def validate_more(self, name, snippet, vctx):
        """Type-specific static checks."""

    def attribute_names(self, vctx, snippet):
        return self.attrs

    def with_defaults(self, props):
        out = {k: p.default for k, p in self.props.items()
               if p.default is not None}
        for key, value in (props or {}).items():
            prop = self.props.get(key)
            if value is None and prop is not None:
                value = prop.default if prop.default is not None \
                    else NULL_VALUES.get(prop.type)
            if value is not None:
                out[key] = value
        return out

    def create(self, res, props, ctx):
        yield ctx.delay(self.timing, "CREATE")

    def update(self, res, old, new, ctx):
        """Update in place; return True when done, False to replace."""
        if any(old.get(k) != new.get(k) for k, p in self.props.items()
               if not p.update_allowed):
            return False
        yield ctx.delay(self.timing, "UPDATE")
        return True

    def needs_update(self, res, new_props, ctx):
        """Whether an update is needed although properties are equal."""
        return False

    def delete(self, res, ctx):
        yield ctx.delay(self.timing, "DELETE")

    def refid(self, res):
        return res.physical_id or res.name

    def attribute(self, res, name, ctx):
        return res.data.get("attributes", {}).get(name)

    def get_attr(self, res, name, path, ctx):
        """``get_attr: [res, name, path...]``."""
        return functions_data.select_path(self.attribute(res, name, ctx),
                                          path, "get_attr")

    def all_attributes(self, res, ctx):
        names = self.attrs or ()
        return {n: self.attribute(res, n, ctx) for n in names}
