"""Template (provider) resources: a nested stack from a template file."""

import zlib

from magnum_like.localcloud.heat import actions
from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import functions
from magnum_like.localcloud.heat import functions_data
from magnum_like.localcloud.heat import resolver
from magnum_like.localcloud.heat import stack as st
from magnum_like.localcloud.heat import template as tmpl
from magnum_like.localcloud.heat import update
from magnum_like.localcloud.heat.resources import base

_PROP_TYPES = {"string": "string", "number": "number", "json": "any",
               "comma_delimited_list": "list", "boolean": "boolean"}
# What Heat passes to the nested stack for a property given as null: the
# property has no default of its own, so the empty value of its type.
_NULL_PARAMS = {"string": "", "number": 0, "json": {},
                "comma_delimited_list": "", "boolean": False}


def _joined(value):
    """A list property as Heat hands it to a comma_delimited_list
    parameter of the nested stack: its items joined with commas, which
    fails (str.join) on anything but strings."""
    if not isinstance(value, list) or not value:
        return "" if isinstance(value, list) else value
    if isinstance(value[0], dict):
        return value
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise errors.StackValidationFailed(
                "sequence item %d: expected str instance, %s found"
                % (index, type(item).__name__))
    return ",".join(value)


def wait_child(engine, child, task):
    """Wait for a nested stack action; cancel it if we are cancelled."""
    try:
        result = yield task.future
    except GeneratorExit:
        engine.cancel(child, engine.cancel_reason(child.root, child.action))
        raise
    return result


def create_child(engine, res, doc, params, files=None):
    child = engine.new_nested(res.stack, res, doc, params, files)
    res.nested = child
    res.physical_id = child.id
    task = engine.start(child, st.CREATE, actions.create_body(engine,
                                                              child))
    yield from wait_child(engine, child, task)


def update_child(engine, res, doc, params):
    child = res.nested
    if child is None or child.deleted:
        yield from create_child(engine, res, doc, params)
        return
    request, new_def = engine.nested_definition(child, doc, params)
    task = engine.start(child, st.UPDATE,
                        update.update_body(engine, child, new_def, request))
    yield from wait_child(engine, child, task)


def delete_child(engine, res):
    child = res.nested
    if child is None or child.deleted:
        return
    if child.in_progress:
        engine.cancel(child, "Stack DELETE started")
    task = engine.start(child, st.DELETE, engine._delete_gen(child))
    yield from wait_child(engine, child, task)


def output(engine, child, name, path):
    """The value of a nested stack's output, followed along ``path``."""
    if child is None:
        return None
    value = resolver.output_value(resolver.RuntimeContext(engine, child),
                                  name)
    if "output_error" in value:
        raise errors.StackValidationFailed(value["output_error"])
    return functions_data.select_path(value["output_value"], path,
                                      "get_attr")


class TemplateResource(base.Plugin):
    """A resource whose type names a template in ``files``."""

    timing = "config"

    def __init__(self, key, text, declared_type):
        self.key = key
        self.type_name = declared_type
        self.text = text
        self.digest = zlib.crc32(str(text).encode())
        self._doc = None

    @property
    def doc(self):
        if self._doc is None:
            self._doc = tmpl.load_document(self.text)
        return self._doc

    def property_names(self, vctx):
        section = self.doc.get("parameters") or {}
        defaults = vctx.env.parameter_defaults
        return {name: base.Prop(
            _PROP_TYPES.get((schema or {}).get("type"), "any"),
            required=("default" not in (schema or {}) and
                      name not in defaults))
            for name, schema in section.items()}

    def attribute_names(self, vctx, snippet):
        return list(self.doc.get("outputs") or {}) + ["OS::stack_id"]

    def _param_types(self):
        return {name: (schema or {}).get("type") for name, schema in
                (self.doc.get("parameters") or {}).items()}

    def _check_lists(self, snippet, vctx):
        """Heat joins list properties when it validates the stack, with
        the parameters resolved: integers fail there already."""
        for key, ptype in self._param_types().items():
            if ptype != "comma_delimited_list" or key not in snippet:
                continue
            try:
                value = functions.resolve(snippet[key],
                                          vctx.param_context())
            except errors.HeatError:
                continue        # depends on resources: checked at create
            _joined(value)

    def validate_more(self, name, snippet, vctx):
        literal = {k: v for k, v in (snippet or {}).items()
                   if not functions.has_calls(v, vctx.ordinal)}
        try:
            self._check_lists(snippet or {}, vctx)
            vctx.nested(self.doc, literal)
        except errors.HeatError as exc:
            raise errors.StackValidationFailed(
                exc.message, error="Failed to validate",
                path=["resources", name + "<%s>" % self.key]) from None

    def with_defaults(self, props):
        types = self._param_types()
        out = {}
        for key, value in (props or {}).items():
            ptype = types.get(key)
            if value is None:
                value = _NULL_PARAMS.get(ptype)
            elif ptype == "comma_delimited_list":
                value = _joined(value)
            if value is not None:
                out[key] = value
        return out

    def create(self, res, props, engine):
        res.data["digest"] = self.digest
        yield from create_child(engine, res, self.doc, props)

    def needs_update(self, res, new_props, engine):
        return res.data.get("digest") != self.digest

    def update(self, res, old, new, engine):
        res.data["digest"] = self.digest
        yield from update_child(engine, res, self.doc, new)
        return True

    def delete(self, res, engine):
        yield from delete_child(engine, res)

    def refid(self, res):
        if res.nested is not None and "OS::stack_id" in (
                self.doc.get("outputs") or {}):
            return output(res.stack.engine, res.nested, "OS::stack_id", [])
        return res.physical_id or res.name

    def get_attr(self, res, name, path, engine):
        if name == "OS::stack_id" and "OS::stack_id" not in (
                self.doc.get("outputs") or {}):
            return res.physical_id
        return output(engine, res.nested, name, path)

    def all_attributes(self, res, engine):
        return {name: self.get_attr(res, name, [], engine)
                for name in self.doc.get("outputs") or {}}
