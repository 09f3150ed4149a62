import wsme

from magnum_like.api.controllers import types
from magnum_like.api.controllers import utils
from magnum_like.common import exceptions
from tests import base


class TestTypes(base.TestCase):
    def test_boolean_accepts_strict_strings(self):
        for value in ("1", "t", "true", "on", "y", "yes", "TRUE", True):
            self.assertIs(True, types.boolean.validate(value))
        for value in ("0", "f", "false", "off", "n", "no", False):
            self.assertIs(False, types.boolean.validate(value))
        self.assertRaises(exceptions.Invalid, types.boolean.validate,
                          "maybe")

    def test_name(self):
        self.assertEqual("k8s-1.a_b", types.name.validate("k8s-1.a_b"))
        for bad in ("1abc", "-a", "a b", "", "a/b"):
            self.assertRaises(exceptions.InvalidName,
                              types.name.validate, bad)

    def test_uuid(self):
        good = "7ae3c2ea-3c9d-4b5a-9a8c-1d6d1f1f0b7e"
        self.assertEqual(good, types.uuid.validate(good))
        self.assertRaises(exceptions.InvalidUUID, types.uuid.validate,
                          "nope")

    def test_parse_literal(self):
        self.assertEqual({"a": "b"},
                         types.parse_literal("{'a': 'b'}", dict))
        self.assertEqual([1], types.parse_literal([1], list))
        self.assertRaises(exceptions.Invalid, types.parse_literal,
                          "[1]", dict)
        self.assertRaises(exceptions.Invalid, types.parse_literal,
                          "__import__('os')", dict)

    def test_patch_internal_paths_refused(self):
        for path in ("/uuid", "/id", "/project_id", "/created_at"):
            patch = types.JsonPatchType(path=path, op="replace", value="x")
            self.assertRaises(wsme.exc.ClientSideError,
                              types.JsonPatchType.validate, patch)

    def test_patch_needs_value(self):
        patch = types.JsonPatchType(path="/name", op="replace")
        self.assertRaises(wsme.exc.ClientSideError,
                          types.JsonPatchType.validate, patch)
        remove = types.JsonPatchType(path="/name", op="remove")
        self.assertIs(remove, types.JsonPatchType.validate(remove))


class TestUtils(base.TestCase):
    def test_limit(self):
        self.assertEqual(1000, utils.validate_limit(None))
        self.assertEqual(5, utils.validate_limit(5))
        self.assertEqual(1000, utils.validate_limit(5000))
        self.assertRaises(wsme.exc.ClientSideError,
                          utils.validate_limit, 0)
        self.assertRaises(wsme.exc.ClientSideError,
                          utils.validate_limit, -1)

    def test_sort_dir(self):
        self.assertEqual("asc", utils.validate_sort_dir(None))
        self.assertEqual("desc", utils.validate_sort_dir("desc"))
        self.assertRaises(wsme.exc.ClientSideError,
                          utils.validate_sort_dir, "up")

    def test_apply_jsonpatch(self):
        doc = {"name": "a", "labels": {"x": "1"}, "empty": None}
        self.assertEqual(
            {"name": "b", "labels": {"y": "2"}, "empty": "v"},
            utils.apply_jsonpatch(doc, [
                {"op": "replace", "path": "/name", "value": "b"},
                {"op": "add", "path": "/labels/y", "value": "2"},
                {"op": "remove", "path": "/labels/x"},
                {"op": "add", "path": "/empty", "value": "v"}]))

    def test_apply_jsonpatch_add_rules(self):
        doc = {"name": "a"}
        self.assertRaises(exceptions.PatchError, utils.apply_jsonpatch,
                          doc, [{"op": "add", "path": "/name",
                                 "value": "b"}])
        self.assertRaises(exceptions.PatchError, utils.apply_jsonpatch,
                          doc, [{"op": "add", "path": "/other",
                                 "value": "b"}])
        self.assertRaises(exceptions.PatchError, utils.apply_jsonpatch,
                          doc, [{"op": "remove", "path": "/missing"}])


class TestParseBody(base.TestCase):
    def test_wrong_json_type_for_a_number_is_400(self):
        from magnum_like.api.controllers.v1 import cluster_types
        for bad in ([], {}, [1]):
            error = self.assertRaises(
                wsme.exc.ClientSideError, utils.parse_body,
                cluster_types.Cluster,
                {"cluster_template_id": "t", "docker_volume_size": bad},
                "cluster")
            self.assertEqual(400, error.code)
