"""A validated stack definition: template + environment + parameters.

``Definition`` is what the engine runs: the enabled resources with their
(unresolved, ``if``-pruned) properties, the dependency graph and the
outputs.  Building one performs every check Heat makes before it answers
a create, update, preview or validate request.  Nested templates are
checked ``structural``-ly (their parameter values are not known yet).
"""

from magnum_like.localcloud.heat import conditions as conds_mod
from magnum_like.localcloud.heat import constraints
from magnum_like.localcloud.heat import dependencies
from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import functions
from magnum_like.localcloud.heat import parameters as params_mod
from magnum_like.localcloud.heat import template as tmpl

MAX_NESTING = 6
_STRUCTURAL_PSEUDO = {"OS::stack_id": "", "OS::stack_name": "",
                      "OS::project_id": ""}


class ResourceDefn:
    def __init__(self, name, body, plugin, props):
        self.name = name
        self.type = body["type"]
        self.plugin = plugin
        self.props = props or {}
        deps = body.get("depends_on") or []
        self.depends = [deps] if isinstance(deps, str) else list(deps)
        self.update_policy = body.get("update_policy") or {}
        self.deletion_policy = body.get("deletion_policy") or "Delete"
        self.metadata = body.get("metadata") or {}
        self.description = body.get("description", "")
        self.refs = set()


class _ParamCtx:
    """A functions context that only knows parameters (for conditions)."""

    def __init__(self, definition):
        self.ordinal = definition.ordinal
        self._d = definition

    def get_param(self, name):
        return self._d.params.get(name)

    def condition(self, expr):
        return self._d.conditions.evaluate(expr, "conditions")

    def get_file(self, key):
        return self._d.get_file(key)

    def _refused(self, *args):
        raise errors.StackValidationFailed(
            "Resource references are not allowed in conditions")

    get_resource = get_attr = resource_facade = _refused


class Definition:
    def __init__(self, doc, files, env, user_params, pseudo, plugins,
                 strict=True, structural=False, depth=0):
        self.template = tmpl.Template(doc, files)
        self.ordinal = self.template.ordinal
        self.files = self.template.files
        self.env = env
        self.plugins = plugins
        self.structural = structural
        self.depth = depth
        if depth > MAX_NESTING:
            raise errors.StackValidationFailed(
                "Recursion depth exceeds %d." % MAX_NESTING)
        self.params = params_mod.Parameters(
            self.template.section("parameters"), user_params,
            env.parameter_defaults,
            _STRUCTURAL_PSEUDO if structural else pseudo, strict=strict)
        if not structural:
            self.params.validate_required()
        self.conditions = conds_mod.Conditions(
            self.template.section("conditions"), self.ordinal,
            _ParamCtx(self))
        if not structural:
            self.conditions.validate()
        self.resources = self._build_resources()
        self.deps = self._build_deps()
        self.outputs = self._build_outputs()
        for rdef in self.resources.values():
            rdef.plugin.validate(rdef.name, rdef.props, self)

    def get_file(self, key):
        if key not in self.files:
            raise errors.StackValidationFailed(
                'No content found in the "files" section for get_file '
                'path: %s' % key)
        return self.files[key]

    def _enabled(self, body, where):
        if self.structural or "condition" not in body:
            return True
        if self.ordinal < tmpl.CONDITIONS_SINCE:
            raise errors.StackValidationFailed(
                '"condition" is not a valid keyword inside a resource '
                'definition')
        return self.conditions.enabled(body["condition"], where)

    def _prune(self, snippet, where):
        if self.structural:
            return snippet
        return conds_mod.prune(snippet, self.ordinal, self.conditions,
                               where)

    def _build_resources(self):
        out = {}
        self.disabled = set()
        for name, body in self.template.section("resources").items():
            where = "resources.%s.condition" % name
            self.plugins.check_available(body.get("type"), self, name)
            if not self._enabled(body, where):
                self.disabled.add(name)
                continue
            plugin = self.plugins.lookup(body["type"], self, name)
            props = self._prune(body.get("properties") or {},
                                "resources.%s.properties" % name)
            out[name] = ResourceDefn(name, body, plugin, props)
            out[name].metadata = self._prune(
                out[name].metadata, "resources.%s.metadata" % name)
            if not self.structural and out[name].update_policy:
                # Heat resolves parameters in update policies
                # (max_batch_size: {get_param: ...}).
                out[name].update_policy = functions.resolve(
                    out[name].update_policy, _ParamCtx(self))
        return out

    def _check_refs(self, snippet, owner):
        """Collect get_resource/get_attr targets; check names and params."""
        known = set(self.resources) | self.disabled
        refs = set()
        for name, args in functions.iter_calls(snippet, self.ordinal):
            target = None
            if name == "get_resource" and isinstance(args, str):
                target = args
            elif name == "get_attr" and isinstance(args, list) and args \
                    and isinstance(args[0], str):
                target = args[0]
                self._check_attr(args, owner)
            elif name == "get_param":
                self._check_param(args)
            if target is not None:
                if target not in known:
                    raise errors.InvalidTemplateReference(target, owner)
                if target in self.resources:
                    refs.add(target)
        return refs

    def _check_param(self, args):
        pname = args[0] if isinstance(args, list) and args else args
        if isinstance(pname, str) and pname not in self.params:
            raise errors.UserParameterMissing(pname)

    def _check_attr(self, args, owner):
        rdef = self.resources.get(args[0])
        if rdef is None or len(args) < 2 or not isinstance(args[1], str):
            return
        names = rdef.plugin.attribute_names(self, rdef.props)
        if names is None or args[1] in names or args[1] == "show":
            return
        raise errors.InvalidTemplateAttribute(args[0], args[1])

    def _build_deps(self):
        deps = {}
        for name, rdef in self.resources.items():
            refs = self._check_refs(rdef.props, name)
            refs |= self._check_refs(rdef.metadata, name)
            for dep in rdef.depends:
                if not isinstance(dep, str) or (
                        dep not in self.resources and
                        dep not in self.disabled):
                    raise errors.InvalidTemplateReference(dep, name)
                if dep in self.resources:
                    refs.add(dep)
            hook = getattr(rdef.plugin, "implicit_deps", None)
            if hook is not None and not self.structural and (
                    rdef.type != "OS::Neutron::FloatingIP" or
                    rdef.props.get("port_id")):
                refs |= hook(name, self) - {name}
            rdef.refs = refs
            deps[name] = refs
        dependencies.check_acyclic(deps)
        return deps

    def _build_outputs(self):
        out = {}
        for name, body in self.template.section("outputs").items():
            if not self._enabled(body, "outputs.%s.condition" % name):
                continue
            value = self._prune(body.get("value"), "outputs.%s" % name)
            self._check_refs(value, name)
            out[name] = {"value": value,
                         "description": body.get("description",
                                                 "No description given")}
        return out

    def check_constraint(self, constraint, value):
        """An error text when `value` breaks a custom constraint of the
        cloud (not checked for a structural validation)."""
        world = getattr(self.plugins, "world", None)
        if world is None or self.structural:
            return None
        return constraints.check(world, constraint, value,
                                 self.params.get("OS::project_id"))

    def param_context(self):
        """A functions context resolving parameters only."""
        return _ParamCtx(self)

    def nested(self, doc, user_params, strict=False):
        """Structurally validate a nested template (provider, group)."""
        return Definition(doc, self.files, self.env.for_nested(),
                          user_params, {}, self.plugins, strict=strict,
                          structural=True, depth=self.depth + 1)
