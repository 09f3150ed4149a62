"""Rules of real OpenStack Heat the emulator follows (issue 10): what it
makes of null values, and how it hands list properties to a nested
template's comma_delimited_list parameters."""

import yaml

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat.resources import cinder
from magnum_like.localcloud.heat.resources import nested
from tests.unit.localcloud.heat import base
from tests.unit.localcloud.heat.base import hot

PORTS = yaml.safe_dump({
    "heat_template_version": "queens",
    "parameters": {"ports": {"type": "comma_delimited_list",
                             "default": []},
                   "label": {"type": "string", "default": "nested"}},
    "resources": {}})


def _ports_stack(ports, parameters=None):
    return hot({"sg": {"type": "ports.yaml",
                       "properties": {"ports": ports}}},
               parameters=parameters)


class TestNestedListParameters(base.TestCase):
    def test_literal_integers_are_refused(self):
        exc = self.assertRejected(
            errors.StackValidationFailed,
            "sequence item 0: expected str instance, int found",
            _ports_stack([22, "80"]), files={"ports.yaml": PORTS})
        self.assertIn("sg<ports.yaml>", str(exc.to_body()))

    def test_integer_from_a_number_parameter_is_refused(self):
        self.assertRejected(
            errors.StackValidationFailed,
            "sequence item 1: expected str instance, int found",
            _ports_stack(["22", {"get_param": "port"}],
                         {"port": {"type": "number", "default": 6443}}),
            files={"ports.yaml": PORTS})

    def test_strings_are_joined(self):
        base.build(_ports_stack(["22", {"str_replace": {
            "template": "p", "params": {"p": {"get_param": "port"}}}}],
            {"port": {"type": "number", "default": 6443}}),
            files={"ports.yaml": PORTS})
        plugin = nested.TemplateResource("ports.yaml", PORTS, "ports.yaml")
        self.assertEqual({"ports": "22,6443"},
                         plugin.with_defaults({"ports": ["22", "6443"]}))
        self.assertRaises(errors.StackValidationFailed,
                          plugin.with_defaults, {"ports": [22]})

    def test_null_property_is_the_empty_value_not_the_default(self):
        plugin = nested.TemplateResource("ports.yaml", PORTS, "ports.yaml")
        self.assertEqual({"ports": "", "label": ""},
                         plugin.with_defaults({"ports": None,
                                               "label": None}))


class TestNullValues(base.TestCase):
    def test_null_parameter_value_means_the_default(self):
        doc = hot({}, parameters={"size": {"type": "number",
                                           "default": 3},
                                  "name": {"type": "string",
                                           "default": "x"}})
        defn = base.build(doc, params={"size": None, "name": None})
        self.assertEqual(3, defn.params.get("size"))
        self.assertEqual("x", defn.params.get("name"))

    def test_null_string_property_reaches_the_cloud_as_empty(self):
        props = cinder.Volume().with_defaults({"size": 1,
                                               "volume_type": None})
        self.assertEqual("", props["volume_type"])
        self.assertEqual({}, props["metadata"])
