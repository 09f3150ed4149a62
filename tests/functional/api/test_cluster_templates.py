"""/v1/clustertemplates through the whole WSGI pipeline against a local
cloud: create, the COE rules, driver resolution, visibility, lookups,
pagination and delete."""

import re

from magnum_like.drivers import registry
from tests.functional import base
from tests.functional.api import templates
from tests.functional.api.templates import URL


class TestCreate(templates.TemplateTestCase):
    def test_minimal_create(self):
        resp = self.request(URL, method="POST", headers=self.demo, body={
            "coe": "kubernetes", "image_id": "fedora-coreos-40"})
        self.assertEqual(201, resp.status_int, resp.text)
        ct = resp.json
        self.assertEqual("http://localhost/v1/clustertemplates/%s" %
                         ct["uuid"], resp.headers["Location"])
        self.assertRegex(ct["name"], r"^[a-z]+-\d{1,2}-template$")
        self.assertEqual("fedora-coreos", ct["cluster_distro"])
        self.assertEqual("k8s_fedora_coreos_v1", ct["driver"])
        self.assertEqual("flannel", ct["network_driver"])
        self.assertEqual("vm", ct["server_type"])
        self.assertEqual({}, ct["labels"])
        for flag in ("public", "hidden", "tls_disabled", "registry_enabled",
                     "master_lb_enabled"):
            self.assertIs(False, ct[flag], flag)
        self.assertIs(True, ct["floating_ip_enabled"])
        self.assertIsNone(ct["keypair_id"])
        self.assertIsNone(ct["flavor_id"])
        self.assertEqual(self.project_id("demo"), ct["project_id"])
        self.assertEqual(self.user_id("demo"), ct["user_id"])
        self.assertTrue(ct["created_at"].endswith("+00:00"))
        self.assertEqual(
            [{"href": "http://localhost/v1/clustertemplates/%s" %
              ct["uuid"], "rel": "self"},
             {"href": "http://localhost/clustertemplates/%s" % ct["uuid"],
              "rel": "bookmark"}], ct["links"])
        self.assertEqual(ct, self.get(ct["uuid"]).json)

    def test_full_create_round_trips(self):
        ct = self.create(
            name="full", flavor_id="m1.small", master_flavor_id="ds2G",
            keypair_id="default", external_network_id="public",
            fixed_network="private", fixed_subnet="private-subnet",
            network_driver="calico", volume_driver="cinder",
            dns_nameserver="8.8.8.8,1.1.1.1", apiserver_port=6443,
            docker_volume_size=5, docker_storage_driver="overlay2",
            http_proxy="http://p:3128", https_proxy="https://p:3129",
            no_proxy="localhost,10.0.0.1", registry_enabled=True,
            insecure_registry="10.0.0.5:5000", tls_disabled=True,
            master_lb_enabled=True, floating_ip_enabled=False,
            tags="a,b", labels={"kube_tag": "v1.30.1", "n": 3,
                                "flag": True, "ratio": 1.5},
            cluster_distro="ignored")
        self.assertEqual("fedora-coreos", ct["cluster_distro"])
        self.assertEqual({"kube_tag": "v1.30.1", "n": "3", "flag": "True",
                          "ratio": "1.5"}, ct["labels"])
        for key, value in (("network_driver", "calico"),
                           ("volume_driver", "cinder"),
                           ("apiserver_port", 6443),
                           ("floating_ip_enabled", False),
                           ("tags", "a,b"), ("keypair_id", "default"),
                           ("master_flavor_id", "ds2G")):
            self.assertEqual(value, ct[key], key)

    def test_every_driver_and_its_default_network_driver(self):
        defaults = {"kubernetes": "flannel", "swarm": "docker",
                    "swarm-mode": "docker", "mesos": "docker"}
        for driver, body in templates.BODIES.items():
            ct = self.create(**body)
            self.assertEqual(driver, ct["driver"])
            self.assertEqual(defaults[body["coe"]], ct["network_driver"])

    def test_unsupported_triple_lists_supported_ones(self):
        resp = self.create(expect=400, coe="mesos")
        error = self.assert_error(resp, 400, "(vm, fedora-coreos, mesos)")
        self.assertIn("(vm, ubuntu, mesos)", error["detail"])
        self.assertIn("(bm, fedora, kubernetes)", error["detail"])
        resp = self.create(expect=400, server_type="bm")
        self.assert_error(resp, 400, "not supported")

    def test_unknown_coe_and_server_type(self):
        for fields in ({"coe": "nomad"}, {"server_type": "vmware"},
                       {"coe": None}):
            self.assert_error(self.create(expect=400, **fields), 400)

    def test_missing_mandatory_fields(self):
        for body in ({"coe": "kubernetes"}, {"image_id": "x"}):
            resp = self.request(URL, method="POST", body=body,
                                headers=self.demo)
            self.assert_error(resp, 400, "Mandatory field missing")

    def test_readonly_and_unknown_fields(self):
        self.assert_error(self.create(expect=400, project_id="x"), 400,
                          "read only")
        self.assert_error(self.create(expect=400, bogus=1), 400, "bogus")

    def test_network_driver_rules(self):
        self.assert_error(self.create(expect=400, network_driver="docker"),
                          400, "expecting a flannel/calico/unspecified")
        self.assert_error(self.create(
            expect=400, network_driver="calico",
            **templates.BODIES["swarm_fedora_atomic_v2"]), 400,
            "not supported")
        self.create(network_driver="flannel",
                    **templates.BODIES["swarm_fedora_atomic_v1"])
        self.config(kubernetes_allowed_network_drivers=["calico"],
                    group="cluster_template")
        self.assert_error(self.create(expect=400), 400, "not allowed")
        self.config(kubernetes_default_network_driver="calico",
                    group="cluster_template")
        self.assertEqual("calico", self.create()["network_driver"])

    def test_volume_driver_rules(self):
        self.assert_error(self.create(expect=400, volume_driver="rexray"),
                          400, "expecting a cinder/unspecified")
        self.assert_error(self.create(
            expect=400, volume_driver="cinder",
            **templates.BODIES["mesos_ubuntu_v1"]), 400, "rexray")
        self.create(volume_driver="rexray",
                    **templates.BODIES["swarm_fedora_atomic_v1"])

    def test_devicemapper_needs_three_gb(self):
        for size in (None, 1, 2):
            self.assert_error(self.create(
                expect=400, docker_storage_driver="devicemapper",
                docker_volume_size=size), 400, "minimum value 3GB")
        self.create(docker_storage_driver="devicemapper",
                    docker_volume_size=3)

    def test_boolean_strings_and_bad_values(self):
        ct = self.create(tls_disabled="yes", registry_enabled="0")
        self.assertIs(True, ct["tls_disabled"])
        self.assertIs(False, ct["registry_enabled"])
        for fields in ({"tls_disabled": "maybe"}, {"apiserver_port": 80},
                       {"docker_volume_size": 0}, {"name": ""},
                       {"name": "x" * 256}, {"labels": {"a": [1]}},
                       {"dns_nameserver": "8.8.8"}, {"labels": "a=b"}):
            self.assert_error(self.create(expect=400, **fields), 400)

    def test_version_without_header_is_1_1(self):
        resp = self.request(URL, headers={
            k: v for k, v in self.demo.items()
            if k != "OpenStack-API-Version"})
        self.assertEqual(200, resp.status_int)
        self.assertEqual("container-infra 1.1",
                         resp.headers["OpenStack-API-Version"])


class TestDriverResolution(templates.TemplateTestCase):
    def setUp(self):
        super().setUp()
        registry.reset()
        self.addCleanup(registry.reset)

    def test_body_driver(self):
        ct = self.create(driver="k8s_fedora_coreos_v1")
        self.assertEqual("k8s_fedora_coreos_v1", ct["driver"])
        self.assert_error(self.create(expect=400, driver="nope"), 400,
                          "Cluster driver (nope) not supported")
        self.assert_error(self.create(expect=400, driver="mesos_ubuntu_v1"),
                          400, "by driver mesos_ubuntu_v1")

    def test_image_magnum_driver_property(self):
        ct = self.create(image_id="coreos-with-driver")
        self.assertEqual("k8s_fedora_coreos_v1", ct["driver"])
        self.assert_error(
            self.create(expect=400, image_id="coreos-unknown-driver"), 400,
            "no_such_driver")

    def test_default_driver(self):
        self.config(default_driver="k8s_fedora_coreos_v1", group="drivers")
        swarm = self.create(**templates.BODIES["swarm_fedora_atomic_v2"])
        self.assertEqual("swarm_fedora_atomic_v2", swarm["driver"])
        self.config(default_driver="not_installed", group="drivers")
        self.assert_error(self.create(expect=400), 400, "not_installed")

    def test_disabled_driver(self):
        self.config(disabled_drivers=["k8s_fedora_coreos_v1"],
                    group="drivers")
        error = self.assert_error(self.create(expect=400), 400,
                                  "(vm, fedora-coreos, kubernetes)")
        self.assertNotIn("(vm, fedora-coreos, kubernetes),",
                         error["detail"])


class TestVisibility(templates.TemplateTestCase):
    def setUp(self):
        super().setUp()
        self.alt = self.as_user("alt_demo")
        self.admin = self.as_user("admin", roles="admin,member,reader")

    def _names(self, headers):
        return {t["name"] for t in
                self.get_json(URL, headers=headers)["clustertemplates"]}

    def test_private_public_hidden(self):
        mine = self.create(name="mine")
        public = self.create(name="public", public=True,
                             headers=self.admin)
        hidden = self.create(name="hidden", public=True, hidden=True,
                             headers=self.admin)
        self.assertEqual({"mine", "public"}, self._names(self.demo))
        self.assertEqual({"public"}, self._names(self.alt))
        self.assertEqual({"mine", "public", "hidden"},
                         self._names(self.admin))
        self.assertEqual(404, self.get(mine["uuid"], self.alt).status_int)
        self.assertEqual(404, self.get("mine", self.alt).status_int)
        self.assertEqual(404, self.get(hidden["uuid"], self.alt).status_int)
        self.assertEqual(200, self.get(public["uuid"], self.alt).status_int)
        self.assertEqual(200, self.get(mine["uuid"], self.admin).status_int)
        resp = self.request("%s/%s" % (URL, mine["uuid"]), method="DELETE",
                            headers=self.alt)
        self.assert_error(resp, 404, mine["uuid"])
        self.assertEqual(404, self.patch(mine["uuid"], [
            {"op": "replace", "path": "/name", "value": "x"}],
            headers=self.alt).status_int)

    def test_owner_sees_its_hidden_template(self):
        self.create(name="own-hidden", hidden=True, public=True,
                    headers=self.admin)
        self.assertIn("own-hidden", self._names(self.admin))
        self.assertNotIn("own-hidden", self._names(self.demo))

    def test_publish_needs_admin(self):
        for flags in ({"public": True}, {"hidden": True}):
            resp = self.create(expect=403, **flags)
            self.assert_error(resp, 403, "public or hidden")

    def test_reader_reads_but_cannot_write(self):
        reader = self.as_user("demo_reader", roles="reader")
        self.create(name="readable")
        self.assertEqual({"readable"}, self._names(reader))
        self.assert_error(self.create(expect=403, headers=reader), 403,
                          "clustertemplate:create")
        resp = self.request(URL + "/readable", method="DELETE",
                            headers=reader)
        self.assert_error(resp, 403, "clustertemplate:delete")
        no_roles = self.as_user("demo", roles="")
        self.assert_error(self.request(URL, headers=no_roles), 403,
                          "clustertemplate:get_all")

    def test_admin_deletes_another_projects_template(self):
        ct = self.create()
        resp = self.request("%s/%s" % (URL, ct["uuid"]), method="DELETE",
                            headers=self.admin)
        self.assertEqual(204, resp.status_int)
        self.assertEqual(b"", resp.body)


class TestLookup(templates.TemplateTestCase):
    def test_by_name_uuid_and_ambiguous_name(self):
        ct = self.create(name="unique")
        self.assertEqual(ct["uuid"], self.get("unique").json["uuid"])
        self.assertEqual(ct["uuid"], self.get(ct["uuid"]).json["uuid"])
        self.create(name="twice")
        self.create(name="twice")
        for method in ("GET", "DELETE"):
            resp = self.request(URL + "/twice", method=method,
                                headers=self.demo)
            self.assert_error(resp, 409, "Multiple ClusterTemplates")
        self.assert_error(self.patch("twice", [
            {"op": "replace", "path": "/name", "value": "y"}]), 409)

    def test_missing(self):
        for ident in ("nothing", "5c9a4e9b-4c02-4d0b-92b6-3b1b2a6b2a55"):
            self.assert_error(self.get(ident), 404, ident)

    def test_unversioned_path_and_trailing_slash(self):
        ct = self.create()
        self.assertEqual(ct["uuid"], self.get_json(
            "/clustertemplates/%s" % ct["uuid"], headers=self.demo)["uuid"])
        self.assertEqual(1, len(self.get_json(
            URL + "/", headers=self.demo)["clustertemplates"]))

    def test_delete(self):
        ct = self.create()
        resp = self.request("%s/%s" % (URL, ct["name"]), method="DELETE",
                            headers=self.demo)
        self.assertEqual(204, resp.status_int)
        self.assertEqual(404, self.get(ct["uuid"]).status_int)


class TestPagination(templates.TemplateTestCase):
    def setUp(self):
        super().setUp()
        self.made = [self.create(name="ct-%d" % i) for i in range(5)]

    def _page(self, query, path=URL):
        return self.get_json(path + query, headers=self.demo)

    def test_limit_and_next_links(self):
        page = self._page("?limit=2")
        self.assertEqual(["ct-0", "ct-1"],
                         [t["name"] for t in page["clustertemplates"]])
        self.assertEqual(
            "http://localhost/v1/clustertemplates?sort_key=id&sort_dir=asc"
            "&limit=2&marker=%s" % self.made[1]["uuid"], page["next"])
        names = []
        url = URL + "?limit=2"
        while url:
            page = self.get_json(url.replace("http://localhost", ""),
                                 headers=self.demo)
            names += [t["name"] for t in page["clustertemplates"]]
            url = page.get("next")
        self.assertEqual(["ct-%d" % i for i in range(5)], names)
        self.assertNotIn("next", self._page("?limit=10"))

    def test_max_limit(self):
        self.config(max_limit=3, group="api")
        page = self._page("")
        self.assertEqual(3, len(page["clustertemplates"]))
        self.assertIn("next", page)

    def test_sorting(self):
        page = self._page("?sort_key=name&sort_dir=desc")
        self.assertEqual(["ct-4", "ct-3", "ct-2", "ct-1", "ct-0"],
                         [t["name"] for t in page["clustertemplates"]])
        page = self._page("?sort_key=name&sort_dir=desc&limit=2&marker=%s" %
                          self.made[3]["uuid"])
        self.assertEqual(["ct-2", "ct-1"],
                         [t["name"] for t in page["clustertemplates"]])

    def test_detail(self):
        page = self._page("?limit=2", path=URL + "/detail")
        self.assertEqual(2, len(page["clustertemplates"]))
        self.assertTrue(page["next"].startswith(
            "http://localhost/v1/clustertemplates/detail?"))
        self.assertEqual(self._page("")["clustertemplates"],
                         self._page("", path=URL + "/detail")[
                             "clustertemplates"])
        resp = self.request("%s/%s/detail" % (URL, self.made[0]["uuid"]),
                            headers=self.demo)
        self.assertEqual(404, resp.status_int)

    def test_bad_parameters(self):
        cases = (("?limit=0", 400, "Limit must be positive"),
                 ("?limit=-1", 400, None), ("?limit=x", 400, None),
                 ("?sort_dir=up", 400, "sort direction"),
                 ("?sort_key=nope", 400, "nope"),
                 ("?marker=not-a-uuid", 400, "uuid"),
                 ("?marker=5c9a4e9b-4c02-4d0b-92b6-3b1b2a6b2a55", 404,
                  None),
                 ("?bogus=1", 400, "bogus"))
        for query, status, detail in cases:
            resp = self.request(URL + query, headers=self.demo)
            self.assert_error(resp, status, detail)


class TestWithoutCloud(base.FunctionalTestCase):
    start_conductor = False

    def test_list_without_cloud_needs_no_cloud(self):
        resp = self.request(URL, headers=base.LATEST)
        self.assertEqual({"clustertemplates": []}, resp.json)

    def test_create_without_cloud_credentials_is_503(self):
        resp = self.request(URL, method="POST", headers=base.LATEST, body={
            "coe": "kubernetes", "image_id": "fedora-coreos-40"})
        error = self.assert_error(resp, 503)
        self.assertEqual("server", error["code"])
        self.assertFalse(re.search("Traceback|File \"", error["detail"]))
