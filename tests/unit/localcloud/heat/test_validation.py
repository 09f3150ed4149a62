"""Broken templates are refused with Heat's messages (no sockets)."""

import yaml

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import template
from tests.unit.localcloud.heat import base
from tests.unit.localcloud.heat.base import hot

VALUE = {"type": "OS::Heat::Value", "properties": {"value": 1}}


class TestTemplateChecks(base.TestCase):
    def test_bad_yaml(self):
        exc = self.assertRaises(errors.HTTPBadRequest, template.load_document,
                                "heat_template_version: queens\n  bad: [")
        self.assertIn("template not in valid format", exc.message)
        self.assertEqual(400, exc.code)

    def test_unknown_version(self):
        self.assertRejected(errors.InvalidTemplateVersion,
                            '"heat_template_version: 2019-01-01"',
                            hot({}, version="2019-01-01"))

    def test_missing_version(self):
        self.assertRejected(errors.InvalidTemplateVersion,
                            "Template format version not found.",
                            {"resources": {}})

    def test_yaml_date_version_and_aliases(self):
        doc = yaml.safe_load("heat_template_version: 2015-04-30\n")
        self.assertEqual("2015-04-30", base.build(doc).template.version)
        for alias in ("newton", "pike", "queens", "wallaby"):
            base.build(hot({}, version=alias))

    def test_unknown_section(self):
        exc = self.assertRejected(errors.InvalidTemplateSection,
                                  "The template section is invalid: "
                                  "resource", hot({}, resource={}))
        self.assertEqual(400, exc.code)

    def test_conditions_need_newton(self):
        self.assertRejected(errors.InvalidTemplateSection, "conditions",
                            hot({}, version="2016-04-08", conditions={}))

    def test_bad_resource_keyword(self):
        self.assertRejected(errors.StackValidationFailed,
                            '"propertis" is not a valid keyword inside a '
                            'resource definition',
                            hot({"r": {"type": "OS::Heat::None",
                                       "propertis": {}}}))


class TestParameterChecks(base.TestCase):
    def test_undeclared_parameter(self):
        exc = self.assertRejected(
            errors.UnknownUserParameter,
            "The Parameter (foo) was not defined in template.",
            hot({}), params={"foo": "1"})
        self.assertEqual("UnknownUserParameter", exc.to_body()[
            "error"]["type"])

    def test_undeclared_parameter_in_environment(self):
        self.assertRejected(errors.UnknownUserParameter, "(bar)", hot({}),
                            env={"parameters": {"bar": 1}})

    def test_parameter_defaults_may_name_anything(self):
        base.build(hot({}), env={"parameter_defaults": {"bar": 1}})

    def test_missing_required_parameter(self):
        self.assertRejected(errors.UserParameterMissing,
                            "The Parameter (key) was not provided.",
                            hot({}, parameters={"key": {"type": "string"}}))

    def test_wrong_number(self):
        self.assertRejected(
            errors.StackValidationFailed, "Parameter 'n' is invalid",
            hot({}, parameters={"n": {"type": "number"}}),
            params={"n": "many"})

    def test_wrong_boolean(self):
        self.assertRejected(
            errors.StackValidationFailed, "Unrecognized value 'maybe'",
            hot({}, parameters={"b": {"type": "boolean"}}),
            params={"b": "maybe"})

    def test_allowed_values(self):
        self.assertRejected(
            errors.StackValidationFailed,
            '"xl" is not an allowed value [s, m]',
            hot({}, parameters={"f": {"type": "string", "constraints": [
                {"allowed_values": ["s", "m"]}]}}), params={"f": "xl"})

    def test_range_and_custom_description(self):
        doc = hot({}, parameters={"n": {"type": "number", "constraints": [
            {"range": {"min": 1, "max": 3}, "description": "1 to 3!"}]}})
        self.assertRejected(errors.StackValidationFailed, "1 to 3!", doc,
                            params={"n": 9})
        base.build(doc, params={"n": "2"})

    def test_pattern_and_length(self):
        doc = hot({}, parameters={"s": {"type": "string", "constraints": [
            {"length": {"min": 2}}, {"allowed_pattern": "[a-z]+"}]}})
        self.assertRejected(errors.StackValidationFailed,
                            "The length must be at least 2.", doc,
                            params={"s": "a"})
        self.assertRejected(errors.StackValidationFailed,
                            'does not match pattern "[a-z]+"', doc,
                            params={"s": "ab1"})

    def test_hidden_parameter_is_masked(self):
        defn = base.build(hot({}, parameters={
            "pw": {"type": "string", "hidden": True},
            "n": {"type": "number", "default": 3},
            "l": {"type": "comma_delimited_list", "default": "a, b"}}),
            params={"pw": "secret"})
        shown = defn.params.shown()
        self.assertEqual("******", shown["pw"])
        self.assertEqual("3", shown["n"])
        self.assertEqual("a,b", shown["l"])
        self.assertEqual("sid", shown["OS::stack_id"])


class TestReferenceChecks(base.TestCase):
    def test_get_resource_to_nothing(self):
        self.assertRejected(
            errors.InvalidTemplateReference,
            'The specified reference "ghost" (in r) is incorrect.',
            hot({"r": {"type": "OS::Heat::Value", "properties": {
                "value": {"get_resource": "ghost"}}}}))

    def test_get_attr_to_nothing(self):
        self.assertRejected(
            errors.InvalidTemplateReference, '"ghost"',
            hot({"r": VALUE}, outputs={"o": {"value": {
                "get_attr": ["ghost", "value"]}}}))

    def test_get_attr_unknown_attribute(self):
        self.assertRejected(
            errors.InvalidTemplateAttribute,
            "The Referenced Attribute (r nope) is incorrect.",
            hot({"r": VALUE}, outputs={"o": {"value": {
                "get_attr": ["r", "nope"]}}}))

    def test_depends_on_nothing(self):
        self.assertRejected(
            errors.InvalidTemplateReference, '"ghost" (in r)',
            hot({"r": dict(VALUE, depends_on=["ghost"])}))

    def test_get_param_undeclared(self):
        self.assertRejected(
            errors.UserParameterMissing, "The Parameter (p) was not "
            "provided.", hot({"r": {"type": "OS::Heat::Value",
                                    "properties": {"value": {
                                        "get_param": "p"}}}}))

    def test_circular_dependency(self):
        self.assertRejected(
            errors.CircularDependencyException, "Circular Dependency",
            hot({"a": dict(VALUE, depends_on="b"),
                 "b": dict(VALUE, depends_on="a")}))


class TestResourceChecks(base.TestCase):
    def test_unknown_resource_type(self):
        exc = self.assertRejected(
            errors.ResourceTypeNotFound,
            "The Resource Type (OS::Nova::Serverr) could not be found.",
            hot({"s": {"type": "OS::Nova::Serverr"}}))
        self.assertEqual(400, exc.code)

    def test_missing_required_property(self):
        self.assertRejected(
            errors.StackValidationFailed,
            "Property error: resources.s.properties: Property flavor not "
            "assigned", hot({"s": {"type": "OS::Nova::Server",
                                   "properties": {"image": "x"}}}))

    def test_unknown_property(self):
        self.assertRejected(
            errors.StackValidationFailed,
            "resources.s.properties: Unknown Property flavour",
            hot({"s": {"type": "OS::Nova::Server", "properties": {
                "flavor": "m1.small", "flavour": "x"}}}))

    def test_wrong_property_type(self):
        self.assertRejected(
            errors.StackValidationFailed, "is not an integer",
            hot({"r": {"type": "OS::Heat::RandomString",
                       "properties": {"length": "long"}}}))

    def test_group_member_definition_is_checked(self):
        self.assertRejected(
            errors.StackValidationFailed, "Property flavor not assigned",
            hot({"g": {"type": "OS::Heat::ResourceGroup", "properties": {
                "count": 2, "resource_def": {
                    "type": "OS::Nova::Server",
                    "properties": {"name": "n-%index%"}}}}}))

    def test_registry_to_none_and_to_template(self):
        nested = yaml.safe_dump(hot({"v": VALUE}, parameters={
            "x": {"type": "string"}}, outputs={"out": {"value": 1}}))
        defn = base.build(
            hot({"a": {"type": "My::Thing", "properties": {"x": "1"}},
                 "b": {"type": "My::Off", "properties": {"any": "thing"}}},
                outputs={"o": {"value": {"get_attr": ["a", "out"]}}}),
            files={"thing.yaml": nested},
            env={"resource_registry": {"My::Thing": "thing.yaml",
                                       "My::Off": "OS::Heat::None"}})
        self.assertEqual({"a", "b"}, set(defn.resources))

    def test_nested_unknown_property(self):
        nested = yaml.safe_dump(hot({}, parameters={
            "x": {"type": "string", "default": ""}}))
        self.assertRejected(
            errors.StackValidationFailed, "Unknown Property y",
            hot({"a": {"type": "thing.yaml", "properties": {"y": 1}}}),
            files={"thing.yaml": nested})

    def test_nested_template_errors_are_found(self):
        nested = yaml.safe_dump(hot({"s": {"type": "OS::Bogus"}}))
        self.assertRejected(
            errors.StackValidationFailed, "The Resource Type (OS::Bogus)",
            hot({"a": {"type": "thing.yaml"}}),
            files={"thing.yaml": nested})

    def test_missing_template_file(self):
        self.assertRejected(errors.StackValidationFailed,
                            'Could not fetch remote template "nope.yaml"',
                            hot({"a": {"type": "nope.yaml"}}))

    def test_environment_files_merge_in_order(self):
        defn = base.build(
            hot({}, parameters={"a": {"type": "string"}}),
            files={"e1.yaml": "parameter_defaults: {a: one}",
                   "e2.yaml": "parameter_defaults: {a: two}"},
            env_files=["e1.yaml", "e2.yaml"])
        self.assertEqual("two", defn.params.get("a"))

    def test_bad_environment_section(self):
        self.assertRejected(errors.HTTPBadRequest,
                            'environment has wrong section "paramaters"',
                            hot({}), env={"paramaters": {}})


class TestConditions(base.TestCase):
    def doc(self):
        return hot(
            {"on": dict(VALUE, condition="big"),
             "off": dict(VALUE, condition={"not": "big"}),
             "user": {"type": "OS::Heat::Value", "properties": {"value": {
                 "if": ["big", {"get_attr": ["on", "value"]},
                        {"get_attr": ["off", "value"]}]}}}},
            parameters={"size": {"type": "number", "default": 5}},
            conditions={"big": {"equals": [{"get_param": "size"}, 5]}})

    def test_condition_enables_and_prunes(self):
        defn = base.build(self.doc())
        self.assertEqual({"on", "user"}, set(defn.resources))
        self.assertEqual({"on"}, defn.deps["user"])
        defn = base.build(self.doc(), params={"size": 1})
        self.assertEqual({"off", "user"}, set(defn.resources))

    def test_and_or(self):
        doc = hot({"r": dict(VALUE, condition={"and": [
            {"or": [False, True]}, {"not": False}]})})
        self.assertIn("r", base.build(doc).resources)

    def test_unknown_condition(self):
        self.assertRejected(errors.StackValidationFailed,
                            'Invalid condition "huge"',
                            hot({"r": dict(VALUE, condition="huge")},
                                conditions={}))

    def test_bad_condition_function(self):
        self.assertRejected(errors.StackValidationFailed,
                            "Invalid condition",
                            hot({}, conditions={"c": {"bogus": [1, 2]}}))
