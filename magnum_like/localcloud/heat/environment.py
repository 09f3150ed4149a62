"""Heat environments: parameters, parameter_defaults, resource_registry."""

import copy

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import template as tmpl

SECTIONS = ("parameters", "parameter_defaults", "resource_registry",
            "encrypted_param_names", "event_sinks",
            "parameter_merge_strategies")
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".template", ".json")
_MAX_CHAIN = 20


def is_template_name(name):
    return name.endswith(TEMPLATE_SUFFIXES) or "/" in name


def parse(doc, name="environment"):
    doc = tmpl.load_document(doc, "environment")
    for key in doc:
        if key not in SECTIONS:
            raise errors.HTTPBadRequest(
                'environment has wrong section "%s"' % key)
    for key in ("parameters", "parameter_defaults", "resource_registry"):
        if doc.get(key) is not None and not isinstance(doc[key], dict):
            raise errors.HTTPBadRequest(
                'environment section "%s" must be a map' % key)
    return doc


class Environment:
    def __init__(self):
        self.parameters = {}
        self.parameter_defaults = {}
        self.registry = {}
        self.resource_specific = {}
        self.extra = {}

    @classmethod
    def build(cls, environment, environment_files, files):
        """Merge the request environment then each environment file."""
        env = cls()
        env.merge(parse(environment or {}))
        for fname in environment_files or []:
            if fname not in (files or {}):
                raise errors.HTTPBadRequest(
                    "Could not fetch the environment file %s: it is not "
                    "in files" % fname)
            env.merge(parse(files[fname]))
        return env

    def merge(self, doc):
        self.parameters.update(doc.get("parameters") or {})
        self.parameter_defaults.update(doc.get("parameter_defaults") or {})
        for key, value in (doc.get("resource_registry") or {}).items():
            if key == "resources" and isinstance(value, dict):
                for rname, mapping in value.items():
                    self.resource_specific.setdefault(rname, {}).update(
                        mapping or {})
            else:
                self.registry[key] = value
        for key in ("encrypted_param_names", "event_sinks",
                    "parameter_merge_strategies"):
            if key in doc:
                self.extra[key] = doc[key]

    def for_nested(self):
        """The environment a nested stack inherits (no user parameters)."""
        env = Environment()
        env.parameter_defaults = self.parameter_defaults
        env.registry = self.registry
        env.resource_specific = self.resource_specific
        return env

    def _lookup(self, rtype, resource_name):
        specific = self.resource_specific.get(resource_name) or {}
        if rtype in specific:
            return specific[rtype]
        if rtype in self.registry:
            return self.registry[rtype]
        for key, target in self.registry.items():
            if key.endswith("*") and rtype.startswith(key[:-1]) and \
                    isinstance(target, str) and target.endswith("*"):
                return target[:-1] + rtype[len(key) - 1:]
        return None

    def resolve_type(self, rtype, resource_name=None):
        """Follow the registry from a type to a plugin type or a file."""
        seen = [rtype]
        current = rtype
        for _ in range(_MAX_CHAIN):
            target = self._lookup(current, resource_name)
            if target is None or target == current:
                return current
            if not isinstance(target, str):
                raise errors.StackValidationFailed(
                    "Invalid resource_registry entry for %s" % current)
            if is_template_name(target):
                return target
            current = target
            seen.append(current)
        raise errors.StackValidationFailed(
            "Circular resource_registry: %s" % " -> ".join(seen))

    def to_dict(self):
        registry = dict(self.registry)
        if self.resource_specific:
            registry["resources"] = copy.deepcopy(self.resource_specific)
        out = {"parameters": dict(self.parameters),
               "parameter_defaults": dict(self.parameter_defaults),
               "resource_registry": registry,
               "event_sinks": [], "encrypted_param_names": []}
        out.update(self.extra)
        return out
