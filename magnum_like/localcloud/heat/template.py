"""Parse a HOT template and check its version and sections."""

import json

import yaml

from magnum_like.localcloud.heat import errors

# Version date -> ordinal; the aliases are Heat's release names.
VERSIONS = {
    "2013-05-23": 0, "2014-10-16": 1, "2015-04-30": 2, "2015-10-15": 3,
    "2016-04-08": 4, "2016-10-14": 5, "2017-02-24": 6, "2017-09-01": 7,
    "2018-03-02": 8, "2018-08-31": 9, "2021-04-16": 10,
}
ALIASES = {
    "newton": "2016-10-14", "ocata": "2017-02-24", "pike": "2017-09-01",
    "queens": "2018-03-02", "rocky": "2018-08-31", "wallaby": "2021-04-16",
}
SECTIONS = ("heat_template_version", "description", "parameter_groups",
            "parameters", "resources", "outputs")
CONDITIONS_SECTION = "conditions"
CONDITIONS_SINCE = VERSIONS["2016-10-14"]

RESOURCE_KEYS = ("type", "properties", "metadata", "depends_on",
                 "deletion_policy", "update_policy", "description",
                 "condition", "external_id")
OUTPUT_KEYS = ("description", "value", "condition")


class _Loader(yaml.SafeLoader):
    """A YAML loader that keeps timestamps (template versions) as text."""


def _str_timestamp(loader, node):
    return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _str_timestamp)


def load_document(text, kind="template"):
    """Load a YAML or JSON document, raising Heat's 400 on bad syntax."""
    if isinstance(text, dict):
        return text
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    try:
        if text.lstrip().startswith("{"):
            doc = json.loads(text)
        else:
            doc = yaml.load(text, Loader=_Loader)  # noqa: S506 - safe
    except (ValueError, yaml.YAMLError) as exc:
        raise errors.HTTPBadRequest(
            "%s not in valid format: %s" % (kind, exc)) from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise errors.HTTPBadRequest(
            "%s not in valid format: The %s is not a JSON object or "
            "YAML mapping." % (kind, kind))
    return doc


class Template:
    """A parsed HOT template with its version ordinal."""

    def __init__(self, doc, files=None):
        self.t = doc
        self.files = dict(files or {})
        self.version = self._check_version(doc)
        self.ordinal = VERSIONS[self.version]
        self._check_sections(doc)

    @staticmethod
    def _check_version(doc):
        if "heat_template_version" not in doc:
            if "HeatTemplateFormatVersion" in doc or \
                    "AWSTemplateFormatVersion" in doc:
                raise errors.InvalidTemplateVersion(
                    "CFN templates are not supported by this cloud")
            raise errors.InvalidTemplateVersion(
                "Template format version not found.")
        raw = str(doc["heat_template_version"])
        version = ALIASES.get(raw, raw)
        if version not in VERSIONS:
            known = sorted(list(VERSIONS) + list(ALIASES))
            raise errors.InvalidTemplateVersion(
                '"heat_template_version: %s". "heat_template_version" '
                'should be one of: %s' % (raw, ", ".join(known)))
        return version

    def _check_sections(self, doc):
        allowed = set(SECTIONS)
        if self.ordinal >= CONDITIONS_SINCE:
            allowed.add(CONDITIONS_SECTION)
        for key in doc:
            if key not in allowed:
                raise errors.InvalidTemplateSection(key)
        for name in ("parameters", "resources", "outputs", "conditions"):
            value = doc.get(name)
            if value is not None and not isinstance(value, dict):
                raise errors.StackValidationFailed(
                    'The "%s" section must be a map, not %s.'
                    % (name, type(value).__name__))
        self._check_entries("resources", RESOURCE_KEYS, "type")
        self._check_entries("outputs", OUTPUT_KEYS, "value")

    def _check_entries(self, section, keys, required):
        kind = section[:-1]
        for name, body in (self.t.get(section) or {}).items():
            if not isinstance(body, dict) or not body:
                raise errors.StackValidationFailed(
                    "Each %s must contain a %s key." % (kind, required))
            for key in body:
                if key not in keys:
                    raise errors.StackValidationFailed(
                        '"%s" is not a valid keyword inside a %s '
                        'definition' % (key, kind))
            if section == "resources":
                self._check_resource(name, body)

    @staticmethod
    def _check_resource(name, body):
        rtype = body.get("type")
        if not rtype:
            raise errors.StackValidationFailed(
                'Resource %s is missing "type"' % name)
        if not isinstance(rtype, str):
            raise errors.StackValidationFailed(
                'Resource "%s" type is not a string' % name)
        for key, kinds, label in (("properties", dict, "object"),
                                  ("metadata", dict, "object"),
                                  ("update_policy", dict, "object"),
                                  ("depends_on", (list, str),
                                   "list or string")):
            value = body.get(key)
            if value is not None and not isinstance(value, kinds):
                raise errors.StackValidationFailed(
                    'Resource %s %s type must be %s'
                    % (name, key, label))

    def section(self, name):
        return self.t.get(name) or {}

    @property
    def description(self):
        return self.t.get("description", "No description")
