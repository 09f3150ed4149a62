"""The template, `files` and environment files of a stack request.

Every reference inside the templates (`get_file`, a resource type naming
a template, a resource_registry target) is a path relative to the
top-level `templates/` directory, e.g. `common/fragments/kubelet.sh`.
Heat looks such a reference up verbatim in the request's `files`, so the
same strings are the keys here; no rewriting happens.

`collect` starts from the main template and the chosen environment files
and follows references recursively, so the request carries only what the
stack can use. Environments that are not chosen, fragments no template
names and other drivers' templates stay home (Magnum sent all of them,
~0.8 MB per create, against Heat's 1 MiB body limit).
"""

import dataclasses
import functools
import os
import posixpath
import sys

import yaml

from magnum_like.common import exceptions
from magnum_like.conf import CONF

TEMPLATE_SUFFIXES = (".yaml", ".yml", ".template")


def templates_root():
    """The drivers' Heat templates: [drivers] template_path, else the
    top-level `templates/` of a source tree, else the copy an install puts
    under <prefix>/share/magnum-like/templates."""
    if CONF.drivers.template_path:
        return CONF.drivers.template_path
    package = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    source_tree = os.path.join(os.path.dirname(package), "templates")
    if os.path.isdir(source_tree):
        return source_tree
    return os.path.join(sys.prefix, "share", "magnum-like", "templates")


@dataclasses.dataclass(frozen=True)
class TemplateBundle:
    template: str
    files: dict
    environment_files: list

    @property
    def size(self):
        """Bytes of template text and files the request carries."""
        return len(self.template.encode()) + sum(
            len(text.encode()) for text in self.files.values())


def is_template_reference(value):
    return isinstance(value, str) and value.endswith(TEMPLATE_SUFFIXES) \
        and "::" not in value


@functools.lru_cache(maxsize=256)
def _read(root, path):
    if path != posixpath.normpath(path) or path.startswith(("/", "..")):
        raise exceptions.TemplateError(
            reason="reference %s leaves the templates directory" % path)
    full = os.path.join(root, *path.split("/"))
    try:
        with open(full, encoding="utf-8") as f:
            return f.read()
    except OSError:
        raise exceptions.TemplateError(
            reason="referenced file %s does not exist" % path)


def read(path, root=None):
    """The text of a file under the templates root."""
    return _read(root or templates_root(), path)


def _load(path, text):
    try:
        return yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise exceptions.TemplateError(
            reason="%s is not valid YAML: %s" % (path, e))


def _walk(node, found):
    """Collect get_file targets and template-typed resources of a doc."""
    if isinstance(node, dict):
        if set(node) == {"get_file"} and isinstance(node["get_file"], str):
            found.add(node["get_file"])
            return
        rtype = node.get("type")
        if is_template_reference(rtype):
            found.add(rtype)
        for value in node.values():
            _walk(value, found)
    elif isinstance(node, list):
        for value in node:
            _walk(value, found)


def template_references(path, text):
    """The files a template refers to (get_file and resource types)."""
    found = set()
    _walk(_load(path, text), found)
    return found


def environment_references(path, text):
    """The templates an environment's resource_registry maps types to."""
    registry = _load(path, text).get("resource_registry") or {}
    found = set()
    for key, value in registry.items():
        if key == "resources" and isinstance(value, dict):
            for mapping in value.values():
                found.update(v for v in (mapping or {}).values()
                             if is_template_reference(v))
        elif is_template_reference(value):
            found.add(value)
    return found


def collect(main_template, environment_files, root=None):
    """The TemplateBundle of a stack built from `main_template`.

    `main_template` and `environment_files` are paths under the templates
    root. The main template travels as `template`; everything it, the
    environments and the nested templates reference goes into `files`.
    """
    root = root or templates_root()
    template = _read(root, main_template)
    files = {}
    pending = set(template_references(main_template, template))
    for env in environment_files:
        text = _read(root, env)
        files[env] = text
        pending.update(environment_references(env, text))
    while pending:
        path = pending.pop()
        if path in files:
            continue
        text = _read(root, path)
        files[path] = text
        if path.endswith(TEMPLATE_SUFFIXES):
            pending.update(template_references(path, text) - set(files))
    return TemplateBundle(template=template, files=files,
                          environment_files=list(environment_files))


@functools.lru_cache(maxsize=64)
def _declared(root, path):
    doc = _load(path, _read(root, path))
    params = doc.get("parameters") or {}
    required = frozenset(name for name, schema in params.items()
                         if "default" not in (schema or {}))
    return frozenset(params), required


def declared_parameters(path, root=None):
    """(all parameter names, names without a default) of a template."""
    return _declared(root or templates_root(), path)
