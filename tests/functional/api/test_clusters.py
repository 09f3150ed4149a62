"""/v1/clusters through the whole WSGI pipeline against a local cloud:
the create pipeline in Magnum's order, what is written before the 202,
views, lookups, pagination, visibility and delete. No conductor runs:
casts over fake:// queue, and the rows show what the API recorded."""

from magnum_like.db import clusters as db_clusters
from magnum_like.db import quotas as db_quotas
from magnum_like.drivers import registry
from tests.functional.api import clusters as helpers
from tests.functional.api.clusters import URL
from tests.functional.api.clusters import at


class TestCreate(helpers.ClusterTestCase):
    def test_rows_and_intent_are_written_before_the_202(self):
        resp = self.post_cluster(name="k1", node_count=2,
                                 labels={"kube_tag": "v1.30.1"})
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertEqual(["uuid"], list(resp.json))
        uuid = resp.json["uuid"]
        cluster = self.get_cluster(uuid)
        self.assertEqual("CREATE_IN_PROGRESS", cluster["status"])
        self.assertEqual(2, cluster["node_count"])
        self.assertEqual(1, cluster["master_count"])
        self.assertEqual(self.template["uuid"],
                         cluster["cluster_template_id"])
        self.assertIsNone(cluster["coe_version"])
        self.assertEqual(self.project_id("demo"), cluster["project_id"])
        ngs = self.nodegroups(uuid)
        self.assertEqual({"default-master", "default-worker"}, set(ngs))
        master, worker = ngs["default-master"], ngs["default-worker"]
        self.assertEqual(("master", 1, "ds2G", True),
                         (master.role, master.node_count, master.flavor_id,
                          master.is_default))
        self.assertEqual(("worker", 2, "m1.small", True),
                         (worker.role, worker.node_count, worker.flavor_id,
                          worker.is_default))
        for ng in ngs.values():
            self.assertEqual("CREATE_IN_PROGRESS", ng.status)
            self.assertEqual("fedora-coreos-40", ng.image_id)
            self.assertEqual({"kube_tag": "v1.30.1"}, ng.labels)
        pending = self.pending(uuid)
        self.assertEqual("create", pending["op"])
        self.assertEqual({"master_count": 1, "node_count": 2,
                          "create_timeout": 60}, pending["params"])

    def test_defaults_from_the_template(self):
        template = self.make_template(
            name="full", docker_volume_size=5, fixed_network="private",
            fixed_subnet="private-subnet", master_lb_enabled=True,
            floating_ip_enabled=False, labels={"a": "1", "b": "2"})
        cluster = self.create_cluster(
            cluster_template_id="full", master_count=3)
        self.assertRegex(cluster["name"], r"^[a-z]+-\d{1,2}-cluster$")
        for key, value in (("keypair", "default"), ("flavor_id", "m1.small"),
                           ("master_flavor_id", "ds2G"),
                           ("docker_volume_size", 5),
                           ("fixed_network", "private"),
                           ("fixed_subnet", "private-subnet"),
                           ("master_lb_enabled", True),
                           ("floating_ip_enabled", False),
                           ("labels", {"a": "1", "b": "2"}),
                           ("create_timeout", 60), ("merge_labels", False),
                           ("cluster_template_id", template["uuid"])):
            self.assertEqual(value, cluster[key], key)
        self.assertEqual(3, cluster["master_count"])
        ngs = self.nodegroups(cluster["uuid"])
        self.assertEqual(5, ngs["default-worker"].docker_volume_size)

    def test_cluster_values_win_over_the_template(self):
        cluster = self.create_cluster(
            flavor_id="m1.medium", master_flavor_id="m1.small",
            docker_volume_size=3, floating_ip_enabled=False,
            create_timeout=10, discovery_url="https://discovery.example")
        for key, value in (("flavor_id", "m1.medium"),
                           ("master_flavor_id", "m1.small"),
                           ("docker_volume_size", 3),
                           ("floating_ip_enabled", False),
                           ("create_timeout", 10),
                           ("discovery_url", "https://discovery.example")):
            self.assertEqual(value, cluster[key], key)

    def test_labels_replace_or_merge(self):
        self.make_template(name="labelled", labels={"a": "1", "b": "2"})
        replaced = self.create_cluster(cluster_template_id="labelled",
                                       labels={"b": 3, "c": True})
        self.assertEqual({"b": "3", "c": "True"}, replaced["labels"])
        self.assertEqual({"b": "2"}, replaced["labels_overridden"])
        self.assertEqual({"c": "True"}, replaced["labels_added"])
        self.assertEqual({"a": "1"}, replaced["labels_skipped"])
        merged = self.create_cluster(cluster_template_id="labelled",
                                     labels={"b": "3"}, merge_labels=True)
        self.assertEqual({"a": "1", "b": "3"}, merged["labels"])
        self.assertIs(False, merged["merge_labels"])
        self.assertEqual({}, merged["labels_skipped"])
        inherited = self.create_cluster(cluster_template_id="labelled",
                                        labels={})
        self.assertEqual({"a": "1", "b": "2"}, inherited["labels"])

    def test_min_node_count_label(self):
        cluster = self.create_cluster(labels={"min_node_count": "2"},
                                      node_count=3)
        ngs = self.nodegroups(cluster["uuid"])
        self.assertEqual(2, ngs["default-worker"].min_node_count)
        self.assert_error(self.post_cluster(labels={"min_node_count": "x"}),
                          400, "min_node_count")

    def test_template_by_name_uuid_or_id(self):
        from magnum_like.db import cluster_templates as db_templates
        row = db_templates.get_by_uuid(
            self._admin_context(), self.template["uuid"])
        for ident in ("k8s", self.template["uuid"], str(row.id)):
            cluster = self.create_cluster(cluster_template_id=ident)
            self.assertEqual(self.template["uuid"],
                             cluster["cluster_template_id"])

    @staticmethod
    def _admin_context():
        from magnum_like.common import context
        return context.get_admin_context()

    def test_missing_template_is_400_before_1_10_and_404_after(self):
        resp = self.post_cluster(headers=at("1.9", self.demo),
                                 cluster_template_id="nope")
        self.assert_error(resp, 400, "nope could not be found")
        resp = self.post_cluster(headers=at("1.10", self.demo),
                                 cluster_template_id="nope")
        self.assert_error(resp, 404, "nope could not be found")
        other = self.make_template(name="alt-private", headers=self.alt)
        self.assert_error(self.post_cluster(
            cluster_template_id=other["uuid"]), 404)

    def test_public_and_hidden_templates(self):
        public = self.make_template(name="pub", public=True,
                                    keypair_id=None, headers=self.admin)
        self.create_cluster(cluster_template_id=public["uuid"])
        hidden = self.make_template(name="hid", public=True, hidden=True,
                                    keypair_id=None, headers=self.admin)
        self.assert_error(self.post_cluster(
            cluster_template_id=hidden["uuid"]), 403, "hidden")
        self.create_cluster(headers=self.admin,
                            cluster_template_id=hidden["uuid"])

    def test_driver_must_be_installed(self):
        self.config(disabled_drivers=["k8s_fedora_coreos_v1"],
                    group="drivers")
        self.addCleanup(registry.reset)
        self.assert_error(self.post_cluster(), 400,
                          "k8s_fedora_coreos_v1")

    def test_devicemapper_volume_size(self):
        self.make_template(name="dm", docker_storage_driver="devicemapper",
                           docker_volume_size=3)
        self.assert_error(self.post_cluster(cluster_template_id="dm",
                                            docker_volume_size=2),
                          400, "devicemapper")
        self.create_cluster(cluster_template_id="dm")

    def test_master_count(self):
        for count in (2, 4):
            self.assert_error(self.post_cluster(master_count=count), 400,
                              "cannot be an even number")
        self.assert_error(self.post_cluster(master_count=0), 400)
        self.assert_error(self.post_cluster(master_count=3), 400,
                          "master_lb_enabled")
        cluster = self.create_cluster(master_count=3,
                                      master_lb_enabled=True)
        self.assertEqual(3, cluster["master_count"])

    def test_zero_node_count_needs_1_10(self):
        self.assert_error(self.post_cluster(
            headers=at("1.9", self.demo), node_count=0), 400,
            "microversion")
        cluster = self.create_cluster(headers=at("1.10", self.demo),
                                      node_count=0)
        self.assertEqual(0, cluster["node_count"])

    def test_policy(self):
        reader = self.as_user("demo_reader", roles="reader")
        self.assert_error(self.post_cluster(headers=reader), 403,
                          "cluster:create")

    def test_quota(self):
        self.config(max_clusters_per_project=1, group="quotas")
        self.create_cluster()
        self.assert_error(self.post_cluster(), 403,
                          "maximum clusters per project, 1")
        db_quotas.create(self.project_id("demo"), "Cluster", 2)
        self.create_cluster()
        self.assert_error(self.post_cluster(), 403, "per project, 2")
        # Another project is not affected.
        self.make_template(name="k8s", headers=self.alt)
        self.create_cluster(headers=self.alt, cluster_template_id="k8s")

    def test_cloud_resources(self):
        cases = ((dict(flavor_id="m1.nope"), 400, "Unable to find flavor"),
                 (dict(master_flavor_id="m1.nope"), 400, "m1.nope"),
                 (dict(flavor_id="m1.zero-disk"), 400, "m1.zero-disk"),
                 (dict(keypair="nope"), 404, "Unable to find keypair"),
                 (dict(fixed_network="public"), 400,
                  "Unable to find fixed network"),
                 (dict(fixed_subnet="alt-private-subnet"), 400,
                  "Unable to find fixed subnet"))
        for fields, status, detail in cases:
            self.assert_error(self.post_cluster(**fields), status, detail)
        self.create_cluster(flavor_id="m1.zero-disk",
                            labels={"boot_volume_size": "10"})

    def test_keypair_is_checked_as_the_clusters_owner(self):
        # A public template names a keypair its author (admin) does not
        # have; each user brings their own (magnum-tempest-plugin's way).
        public = self.make_template(name="pub", public=True,
                                    keypair_id="default", headers=self.admin)
        self.create_cluster(cluster_template_id=public["uuid"])
        self.create_cluster(headers=self.alt,
                            cluster_template_id=public["uuid"])
        self.assert_error(self.post_cluster(
            headers=self.admin, cluster_template_id=public["uuid"]),
            404, "Unable to find keypair default")

    def test_clusters_keypair_before_the_templates(self):
        template = self.make_template(name="gone", keypair_id="gone")
        self.assert_error(self.post_cluster(
            cluster_template_id=template["uuid"]),
            404, "Unable to find keypair gone")
        cluster = self.create_cluster(cluster_template_id=template["uuid"],
                                      keypair="default")
        self.assertEqual("default", cluster["keypair"])
        self.assert_error(self.post_cluster(keypair="gone"), 404,
                          "Unable to find keypair gone")

    def test_body_validation(self):
        cases = ((dict(name="1bad"), "name"),
                 (dict(name="x" * 243), "name"),
                 (dict(node_count=-1), "node_count"),
                 (dict(create_timeout=-1), "create_timeout"),
                 (dict(api_address="x"), "read only"),
                 (dict(bogus=1), "bogus"),
                 (dict(labels="a=b"), "labels"),
                 (dict(floating_ip_enabled="maybe"), "maybe"))
        for fields, detail in cases:
            self.assert_error(self.post_cluster(**fields), 400, detail)
        resp = self.request(URL, method="POST", body={"name": "x"},
                            headers=self.demo)
        self.assert_error(resp, 400, "Mandatory field missing")
        for body in ([], "x", None):
            resp = self.request(URL, method="POST", body=body,
                                headers=self.demo)
            self.assert_error(resp, 400)


class TestViews(helpers.ClusterTestCase):
    def test_detail_below_a_cluster_is_not_found(self):
        cluster = self.ready_cluster(name="k1")
        for ident in (cluster["uuid"], "k1", "nope"):
            resp = self.request(URL + "/%s/detail" % ident,
                                headers=self.demo)
            self.assert_error(resp, 404)

    def test_summary_detail_and_show(self):
        cluster = self.ready_cluster(name="k1", labels={"x": "y"})
        summary = self.get_json(URL, headers=self.demo)["clusters"]
        self.assertEqual(
            {"uuid", "name", "cluster_template_id", "keypair",
             "docker_volume_size", "labels", "node_count", "master_count",
             "status", "health_status", "master_flavor_id", "flavor_id",
             "create_timeout", "cluster_id", "links", "merge_labels"},
            set(summary[0]))
        detail = self.get_json(URL + "/detail",
                               headers=self.demo)["clusters"]
        shown = self.get_cluster("k1")
        self.assertEqual(shown, detail[0])
        self.assertEqual({"x": "y"}, shown["labels_added"])
        self.assertEqual("https://172.24.4.9:6443", shown["api_address"])
        self.assertNotIn("faults", shown)
        self.assertEqual(
            [{"href": "http://localhost/v1/clusters/%s" % cluster["uuid"],
              "rel": "self"},
             {"href": "http://localhost/clusters/%s" % cluster["uuid"],
              "rel": "bookmark"}], shown["links"])

    def test_stack_id_before_1_13_cluster_id_after(self):
        cluster = self.ready_cluster()
        from magnum_like.db import clusters as db_clusters
        db_clusters.update(cluster["uuid"], {"stack_id": "stack-1"})
        old = self.get_cluster(cluster["uuid"],
                               headers=at("1.12", self.demo))
        self.assertEqual("stack-1", old["stack_id"])
        self.assertNotIn("cluster_id", old)
        new = self.get_cluster(cluster["uuid"])
        self.assertEqual("stack-1", new["cluster_id"])
        self.assertNotIn("stack_id", new)
        listed = self.get_json(URL, headers=at("1.1", self.demo))
        self.assertEqual("stack-1", listed["clusters"][0]["stack_id"])

    def test_counts_and_addresses_come_from_the_nodegroups(self):
        from magnum_like.db import nodegroups as db_nodegroups
        cluster = self.ready_cluster(node_count=2)
        ngs = self.nodegroups(cluster["uuid"])
        db_nodegroups.update(ngs["default-worker"].uuid,
                             {"node_addresses": ["10.0.0.5", "10.0.0.6"]})
        db_nodegroups.update(ngs["default-master"].uuid,
                             {"node_addresses": ["10.0.0.4"]})
        db_nodegroups.create({
            "name": "extra", "cluster_id": cluster["uuid"],
            "role": "worker", "node_count": 3, "is_default": False,
            "node_addresses": ["10.0.0.7"], "status": "CREATE_COMPLETE"})
        shown = self.get_cluster(cluster["uuid"])
        self.assertEqual(5, shown["node_count"])
        self.assertEqual(1, shown["master_count"])
        self.assertEqual(["10.0.0.5", "10.0.0.6", "10.0.0.7"],
                         shown["node_addresses"])
        self.assertEqual(["10.0.0.4"], shown["master_addresses"])

    def test_faults_of_failed_clusters(self):
        from magnum_like.db import nodegroups as db_nodegroups
        cluster = self.create_cluster()
        ngs = self.nodegroups(cluster["uuid"])
        self.complete(cluster["uuid"], status="CREATE_FAILED",
                      status_reason="kube_masters: quota exceeded")
        db_nodegroups.update(ngs["default-master"].uuid, {
            "status": "CREATE_FAILED",
            "status_reason": "Resource CREATE failed: kube_masters"})
        db_nodegroups.update(ngs["default-worker"].uuid,
                             {"status": "CREATE_COMPLETE"})
        shown = self.get_cluster(cluster["uuid"])
        self.assertEqual({"default-master":
                          "Resource CREATE failed: kube_masters"},
                         shown["faults"])
        self.assertEqual("kube_masters: quota exceeded",
                         shown["status_reason"])

    def test_lookup_by_name_and_ambiguity(self):
        self.create_cluster(name="twin")
        self.assertEqual("twin", self.get_cluster("twin")["name"])
        self.create_cluster(name="twin")
        resp = self.request(URL + "/twin", headers=self.demo)
        self.assert_error(resp, 409, "Multiple Clusters")
        self.assert_error(self.request(URL + "/nope", headers=self.demo),
                          404, "Cluster nope could not be found")

    def test_projects_and_admins(self):
        mine = self.create_cluster(name="mine")
        self.make_template(name="k8s", headers=self.alt)
        theirs = self.create_cluster(headers=self.alt, name="theirs",
                                     cluster_template_id="k8s")
        self.assertEqual(["mine"], [c["name"] for c in self.get_json(
            URL, headers=self.demo)["clusters"]])
        self.assert_error(self.request(URL + "/" + theirs["uuid"],
                                       headers=self.demo), 404)
        admin = self.get_json(URL + "/detail", headers=self.admin)
        self.assertEqual({mine["uuid"], theirs["uuid"]},
                         {c["uuid"] for c in admin["clusters"]})
        self.assertEqual("theirs",
                         self.get_cluster(theirs["uuid"],
                                          headers=self.admin)["name"])

    def test_pagination(self):
        uuids = [self.create_cluster(name="c%d" % i)["uuid"]
                 for i in range(3)]
        page = self.get_json(URL + "?limit=2", headers=self.demo)
        self.assertEqual(uuids[:2], [c["uuid"] for c in page["clusters"]])
        self.assertEqual(
            "http://localhost/v1/clusters?sort_key=id&sort_dir=asc&"
            "limit=2&marker=%s" % uuids[1], page["next"])
        rest = self.get_json(page["next"].replace("http://localhost", ""),
                             headers=self.demo)
        self.assertEqual(uuids[2:], [c["uuid"] for c in rest["clusters"]])
        self.assertNotIn("next", rest)
        detail = self.get_json(URL + "/detail?limit=1&sort_key=name&"
                                     "sort_dir=desc", headers=self.demo)
        self.assertEqual("c2", detail["clusters"][0]["name"])
        self.assertIn("/v1/clusters/detail?sort_key=name", detail["next"])
        for query, status in (("limit=0", 400), ("sort_dir=up", 400),
                              ("sort_key=bogus", 400), ("marker=x", 400),
                              ("marker=5c9a4e9b-4c02-4d0b-92b6-"
                               "3b1b2a6b2a55", 404)):
            self.assert_error(self.request(URL + "?" + query,
                                           headers=self.demo), status)

    def test_reader_may_look(self):
        self.create_cluster(name="k1")
        reader = self.as_user("demo_reader", roles="reader")
        self.assertEqual(1, len(self.get_json(
            URL, headers=reader)["clusters"]))
        self.get_cluster("k1", headers=reader)


class TestDelete(helpers.ClusterTestCase):
    def test_delete_records_the_intent(self):
        cluster = self.ready_cluster(name="k1")
        self.request(URL + "/k1", method="DELETE", headers=self.demo,
                     expect=204)
        shown = self.get_cluster(cluster["uuid"])
        self.assertEqual("DELETE_IN_PROGRESS", shown["status"])
        self.assertEqual("delete", self.pending(cluster["uuid"])["op"])
        # A second delete while the first is not yet handed to Heat.
        resp = self.request(URL + "/k1", method="DELETE",
                            headers=self.demo)
        self.assert_error(resp, 409, "operation in progress (delete)")

    def test_delete_while_created_is_busy(self):
        cluster = self.create_cluster()
        resp = self.request(URL + "/" + cluster["uuid"], method="DELETE",
                            headers=self.demo)
        self.assert_error(resp, 409, "(create)")

    def test_failed_clusters_can_be_deleted(self):
        cluster = self.create_cluster()
        self.complete(cluster["uuid"], status="CREATE_FAILED")
        self.request(URL + "/" + cluster["uuid"], method="DELETE",
                     headers=self.demo, expect=204)

    def test_admin_deletes_any_project(self):
        self.make_template(name="k8s", headers=self.alt)
        theirs = self.ready_cluster(headers=self.alt,
                                    cluster_template_id="k8s")
        self.assert_error(self.request(URL + "/" + theirs["uuid"],
                                       method="DELETE", headers=self.demo),
                          404)
        self.request(URL + "/" + theirs["uuid"], method="DELETE",
                     headers=self.admin, expect=204)

    def test_reader_may_not_delete(self):
        cluster = self.ready_cluster()
        reader = self.as_user("demo_reader", roles="reader")
        self.assert_error(self.request(URL + "/" + cluster["uuid"],
                                       method="DELETE", headers=reader),
                          403, "cluster:delete")


class TestSecretLabels(helpers.ClusterTestCase):
    """grafana_admin_passwd is kept and handed to the driver as given,
    and shown masked in every view of templates, clusters and
    nodegroups."""

    SECRET = "grafana-Pa55"

    def assert_hidden(self, text):
        self.assertNotIn(self.SECRET, text)

    def test_views_mask_the_secret_label(self):
        template = self.make_template(
            name="graf", labels={"grafana_admin_passwd": self.SECRET,
                                 "monitoring_enabled": "true"})
        self.assertEqual("******", template["labels"]["grafana_admin_passwd"])
        self.assertEqual("true", template["labels"]["monitoring_enabled"])
        self.assert_hidden(self.request(
            "%s/%s" % (helpers.TEMPLATE_URL, template["uuid"]),
            headers=self.demo).text)
        self.assert_hidden(self.request(
            helpers.TEMPLATE_URL + "/detail", headers=self.demo).text)

        cluster = self.create_cluster(
            cluster_template_id="graf",
            labels={"grafana_admin_passwd": "other-Pa55"},
            merge_labels=True)
        self.assertEqual("******", cluster["labels"]["grafana_admin_passwd"])
        self.assertEqual({"grafana_admin_passwd": "******"},
                         cluster["labels_overridden"])
        for path in ("%s/%s" % (URL, cluster["uuid"]), URL + "/detail",
                     "%s/%s/nodegroups/default-worker" % (
                         URL, cluster["uuid"])):
            text = self.request(path, headers=self.demo).text
            self.assert_hidden(text)
            self.assertNotIn("other-Pa55", text)
        # the rows keep the real values for the driver
        ngs = self.nodegroups(cluster["uuid"])
        self.assertEqual("other-Pa55",
                         ngs["default-worker"].labels["grafana_admin_passwd"])
        self.assertEqual(
            "other-Pa55", self.get_row(cluster["uuid"]).labels[
                "grafana_admin_passwd"])

    def test_patch_writing_back_the_mask_keeps_the_value(self):
        template = self.make_template(
            name="graf2", labels={"grafana_admin_passwd": self.SECRET})
        shown = dict(template["labels"], extra="1")
        resp = self.request(
            "%s/%s" % (helpers.TEMPLATE_URL, template["uuid"]),
            method="PATCH", headers=self.demo,
            body=[{"op": "replace", "path": "/labels", "value": shown}])
        self.assertEqual(200, resp.status_int, resp.text)
        cluster = self.create_cluster(cluster_template_id="graf2")
        self.assertEqual(self.SECRET, self.get_row(
            cluster["uuid"]).labels["grafana_admin_passwd"])
        self.assertEqual("1", self.get_row(cluster["uuid"]).labels["extra"])

    def get_row(self, uuid):
        return db_clusters.get_by_uuid(uuid)
