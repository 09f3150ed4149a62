"""HOT intrinsic functions, resolved against a tiny context."""

import testtools

from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import functions
from magnum_like.localcloud.heat import template


class Ctx:
    def __init__(self, version="queens", params=None, conds=None):
        self.ordinal = template.VERSIONS[template.ALIASES.get(
            version, version)]
        self.params = params or {}
        self.conds = conds or {}

    def get_param(self, name):
        return self.params[name]

    def get_resource(self, name):
        return "id-" + name

    def get_attr(self, name, attr, path):
        value = {"addrs": {"net": ["10.0.0.%d" % i for i in range(3)]}}
        for key in [attr] + list(path):
            value = value[key] if isinstance(value, dict) else \
                value[int(key)]
        return value

    def get_file(self, key):
        return "content of " + key

    def condition(self, expr):
        return self.conds[expr]


def resolve(snippet, **kwargs):
    return functions.resolve(snippet, Ctx(**kwargs))


class TestFunctions(testtools.TestCase):
    def test_get_param_path(self):
        self.assertEqual("b", resolve({"get_param": ["m", "k", 1]},
                                      params={"m": {"k": ["a", "b"]}}))

    def test_get_attr_path(self):
        self.assertEqual("10.0.0.2", resolve(
            {"get_attr": ["srv", "addrs", "net", 2]}))

    def test_list_join_multiple_and_json(self):
        self.assertEqual("a,b,c", resolve({"list_join": [
            ",", ["a"], ["b", "c"]]}))
        self.assertEqual('x {"k": 1}', resolve(
            {"list_join": [" ", ["x", {"k": 1}]]}))

    def test_str_replace_longest_first(self):
        self.assertEqual("v1 v2", resolve({"str_replace": {
            "template": "$a $ab", "params": {"$a": "v1", "$ab": "v2"}}}))

    def test_str_replace_strict(self):
        exc = self.assertRaises(
            errors.StackValidationFailed, resolve,
            {"str_replace_strict": {"template": "x",
                                    "params": {"$y": "1"}}})
        self.assertIn("$y", exc.message)

    def test_str_split_repeat_map_merge(self):
        self.assertEqual("b", resolve({"str_split": [",", "a,b", 1]}))
        self.assertEqual([{"p": 80}, {"p": 443}], resolve({"repeat": {
            "for_each": {"%p%": [80, 443]}, "template": {"p": "%p%"}}}))
        self.assertEqual({"a": 1, "b": 3}, resolve({"map_merge": [
            {"a": 1, "b": 2}, {"b": 3}]}))

    def test_map_replace_filter_contains_concat(self):
        self.assertEqual({"K": "V"}, resolve({"map_replace": [
            {"k": "v"}, {"keys": {"k": "K"}, "values": {"v": "V"}}]}))
        self.assertEqual([1, 3], resolve({"filter": [[2], [1, 2, 3]]}))
        self.assertTrue(resolve({"contains": ["a", ["a", "b"]]}))
        self.assertEqual([1, 2, 1], resolve({"list_concat": [[1, 2], [1]]}))
        self.assertEqual([1, 2], resolve({"list_concat_unique": [
            [1, 2], [1]]}))

    def test_digest_make_url_get_file(self):
        self.assertEqual(
            "acbd18db4cc2f85cedef654fccc4a4d8",
            resolve({"digest": ["md5", "foo"]}))
        self.assertEqual("https://h:6443/p?a=1", resolve({"make_url": {
            "scheme": "https", "host": "h", "port": 6443, "path": "/p",
            "query": {"a": "1"}}}))
        self.assertEqual("content of f.sh", resolve({"get_file": "f.sh"}))

    def test_if_picks_one_branch(self):
        snippet = {"if": ["c", "yes", {"get_param": "missing"}]}
        self.assertEqual("yes", resolve(snippet, conds={"c": True}))
        self.assertEqual({}, resolve({"k": {"if": ["c", "v"]}},
                                     conds={"c": False}))

    def test_functions_follow_the_version(self):
        # map_merge appeared in 2016-04-08: before it, it is plain data
        snippet = {"map_merge": [{"a": 1}]}
        self.assertEqual(snippet, resolve(snippet, version="2015-10-15"))
        self.assertEqual({"a": 1}, resolve(snippet, version="2016-04-08"))

    def test_yaql_is_evaluated_as_heat_does(self):
        self.assertEqual(6, resolve({"yaql": {
            "expression": "$.data.var1.sum()",
            "data": {"var1": [3, 2, 1]}}}))
        self.assertEqual(["a", "b"], resolve({"yaql": {
            "expression": "$.data.split(',').where($ != '')",
            "data": "a,,b"}}))
        for bad in ({"expression": "$.data.("}, {"data": {}}, "1 + 1",
                    {"expression": "1", "other": 2}):
            self.assertRaises(errors.StackValidationFailed, resolve,
                              {"yaql": bad})
