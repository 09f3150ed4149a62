"""PATCH /v1/clustertemplates/{ident}: JSON patch rules, labels, the
client's string-literal dicts, publishing and templates in use."""

from tests.functional.api import templates
from tests.functional.api.templates import URL


def replace(path, value):
    return {"op": "replace", "path": path, "value": value}


class TestPatch(templates.TemplateTestCase):
    def setUp(self):
        super().setUp()
        self.ct = self.create(name="patched", labels={"a": "1", "b": "2"},
                              flavor_id="m1.small")
        self.admin = self.as_user("admin", roles="admin,member,reader")

    def ok(self, ops, headers=None, ident=None):
        resp = self.patch(ident or self.ct["uuid"], ops, headers=headers)
        self.assertEqual(200, resp.status_int, resp.text)
        return resp.json

    def test_replace_fields_like_the_client(self):
        ct = self.ok([
            replace("/name", "renamed"), replace("/flavor_id", "ds2G"),
            replace("/master_flavor_id", "m1.medium"),
            replace("/keypair_id", "default"),
            replace("/external_network_id", "public"),
            replace("/fixed_network", "private"),
            replace("/fixed_subnet", "private-subnet"),
            replace("/network_driver", "calico"),
            replace("/volume_driver", "cinder"),
            replace("/dns_nameserver", "9.9.9.9"),
            replace("/docker_volume_size", 10),
            replace("/docker_storage_driver", "overlay2"),
            replace("/http_proxy", "http://proxy:1"),
            replace("/https_proxy", "http://proxy:2"),
            replace("/no_proxy", "localhost"),
            replace("/insecure_registry", "10.0.0.9:5000"),
            replace("/tls_disabled", True),
            replace("/registry_enabled", True),
            replace("/master_lb_enabled", True),
            replace("/floating_ip_enabled", False),
            replace("/tags", "x,y")])
        self.assertEqual("renamed", ct["name"])
        self.assertEqual("calico", ct["network_driver"])
        self.assertEqual(10, ct["docker_volume_size"])
        self.assertIs(False, ct["floating_ip_enabled"])
        self.assertIs(True, ct["tls_disabled"])
        self.assertEqual("x,y", ct["tags"])
        self.assertIsNotNone(ct["updated_at"])
        self.assertEqual(ct, self.get(ct["uuid"]).json)

    def test_labels_add_remove_and_literal(self):
        ct = self.ok([{"op": "add", "path": "/labels/c", "value": 3},
                      {"op": "remove", "path": "/labels/a"}])
        self.assertEqual({"b": "2", "c": "3"}, ct["labels"])
        ct = self.ok([replace("/labels", "{'x': 'y', 'n': 1}")])
        self.assertEqual({"x": "y", "n": "1"}, ct["labels"])
        ct = self.ok([replace("/labels", {"k": True})])
        self.assertEqual({"k": "True"}, ct["labels"])
        for value in ("['a']", "{'a':", "__import__('os')", "[1]"):
            resp = self.patch(self.ct["uuid"], [replace("/labels", value)])
            self.assert_error(resp, 400)
        resp = self.patch(self.ct["uuid"],
                          [{"op": "remove", "path": "/labels/missing"}])
        self.assert_error(resp, 400, "Couldn't apply patch")

    def test_forbidden_paths_and_ops(self):
        cases = (
            (replace("/uuid", "x"), "internal attribute"),
            (replace("/project_id", "x"), "internal attribute"),
            (replace("/links", "x"), "internal attribute"),
            ({"op": "remove", "path": "/image_id"}, "mandatory"),
            ({"op": "remove", "path": "/coe"}, "mandatory"),
            ({"op": "remove", "path": "/network_driver"}, "mandatory"),
            ({"op": "remove", "path": "/public"}, "mandatory"),
            ({"op": "add", "path": "/name", "value": "x"}, "replace"),
            ({"op": "add", "path": "/nothing", "value": "x"}, "not allowed"),
            (replace("/nothing", "x"), None),
            ({"op": "replace", "path": "/name"}, "need a value"),
            ({"op": "move", "path": "/name", "value": "x"}, None),
            (replace("name", "x"), None),
            (replace("/name", ""), None),
            (replace("/apiserver_port", 1), None),
            (replace("/coe", "nomad"), None),
            (replace("/dns_nameserver", "1.2.3"), None),
            (replace("/public", "perhaps"), None),
        )
        for op, detail in cases:
            resp = self.patch(self.ct["uuid"], [op])
            self.assert_error(resp, 400, detail)
        for body in ({"op": "replace"}, "x", [1], None, [[]], [None]):
            resp = self.patch(self.ct["uuid"], body)
            self.assertEqual(400, resp.status_int, (body, resp.text))

    def test_add_to_null_attribute_and_remove_optional(self):
        ct = self.ok([{"op": "add", "path": "/http_proxy",
                       "value": "http://p:1"}])
        self.assertEqual("http://p:1", ct["http_proxy"])
        ct = self.ok([{"op": "remove", "path": "/http_proxy"},
                      {"op": "remove", "path": "/flavor_id"}])
        self.assertIsNone(ct["http_proxy"])
        self.assertIsNone(ct["flavor_id"])

    def test_rules_apply_to_the_patched_template(self):
        for op, detail in ((replace("/network_driver", "docker"),
                            "not supported"),
                           (replace("/volume_driver", "rexray"), "cinder"),
                           (replace("/docker_storage_driver",
                                    "devicemapper"), "3GB"),
                           (replace("/flavor_id", "m1.nothing"),
                            "m1.nothing"),
                           (replace("/image_id", "no-os-distro"),
                            "os_distro"),
                           (replace("/coe", "mesos"), "docker/unspecified"),
                           (replace("/flavor_id", "m1.zero-disk"),
                            "boot volume")):
            resp = self.patch(self.ct["uuid"], [op])
            self.assertIn(resp.status_int, (400, 404), resp.text)
            self.assert_error(resp, resp.status_int, detail)

    def test_image_or_coe_change_derives_distro_and_driver(self):
        ct = self.ok([replace("/coe", "mesos"),
                      replace("/image_id", "ubuntu-mesos"),
                      replace("/network_driver", "docker")])
        self.assertEqual("ubuntu", ct["cluster_distro"])
        self.assertEqual("mesos_ubuntu_v1", ct["driver"])
        ct = self.ok([replace("/cluster_distro", "windows")])
        self.assertEqual("ubuntu", ct["cluster_distro"])

    def test_labels_decide_the_root_disk_check(self):
        self.ok([{"op": "add", "path": "/labels/boot_volume_size",
                  "value": "10"}, replace("/flavor_id", "m1.zero-disk")])
        resp = self.patch(self.ct["uuid"], [
            {"op": "remove", "path": "/labels/boot_volume_size"}])
        self.assert_error(resp, 400, "m1.zero-disk")

    def test_publish_needs_admin(self):
        for op in (replace("/public", True), replace("/hidden", True)):
            self.assert_error(self.patch(self.ct["uuid"], [op]), 403,
                              "public or hidden")
        ct = self.ok([replace("/public", True)], headers=self.admin)
        self.assertIs(True, ct["public"])
        self.assertEqual(self.project_id("demo"), ct["project_id"])

    def test_noop_patch(self):
        ct = self.ok([replace("/name", "patched")])
        self.assertEqual(self.ct, ct)


class TestTemplateInUse(templates.TemplateTestCase):
    def setUp(self):
        super().setUp()
        self.ct = self.create(name="used", flavor_id="m1.small")
        self.cluster = self.use_template(self.ct["uuid"])
        self.admin = self.as_user("admin", roles="admin,member,reader")

    def test_allowed_changes(self):
        for op, headers in ((replace("/name", "still-used"), None),
                            (replace("/tags", "t1"), None),
                            (replace("/public", True), self.admin),
                            (replace("/hidden", True), self.admin),
                            (replace("/hidden", False), self.admin)):
            resp = self.patch(self.ct["uuid"], [op], headers=headers)
            self.assertEqual(200, resp.status_int, (op, resp.text))

    def test_refused_changes(self):
        self.ok_public()
        for ops in ([replace("/flavor_id", "ds2G")],
                    [{"op": "add", "path": "/labels/x", "value": "y"}],
                    [replace("/name", "n2"), replace("/tags", "t9")],
                    [replace("/public", False)],
                    [{"op": "remove", "path": "/tags"}]):
            resp = self.patch(self.ct["uuid"], ops, headers=self.admin)
            self.assert_error(resp, 400, "referenced by one or multiple")

    def ok_public(self):
        resp = self.patch(self.ct["uuid"], [replace("/public", True)],
                          headers=self.admin)
        self.assertEqual(200, resp.status_int, resp.text)
        resp = self.patch(self.ct["uuid"], [replace("/tags", "t")])
        self.assertEqual(200, resp.status_int, resp.text)

    def test_delete_refused_until_unused(self):
        resp = self.request("%s/%s" % (URL, self.ct["uuid"]),
                            method="DELETE", headers=self.demo)
        self.assert_error(resp, 400, "referenced by one or multiple")
        self.drop_cluster(self.cluster)
        resp = self.request("%s/%s" % (URL, self.ct["uuid"]),
                            method="DELETE", headers=self.demo)
        self.assertEqual(204, resp.status_int)
