"""What the conductor would fail for reasons the API can know is refused
before the 202, by the rules the conductor applies (issues 11 and 15):
the driver's label checks, the cinder volume driver without the cloud
provider, bare-metal volume sizes and subnets, a fixed network whose
name an external network shares. A refused create records nothing."""

from magnum_like.db import clusters as db_clusters
from tests.functional.api import clusters as helpers
from tests.functional.api import templates


class TestChecksBeforeThe202(helpers.ClusterTestCase):
    def refused(self, detail, status=400, **fields):
        before = db_clusters.count_for_project(self.project_id("demo"))
        self.assert_error(self.post_cluster(**fields), status, detail)
        self.assertEqual(
            before, db_clusters.count_for_project(self.project_id("demo")))

    def test_bad_labels_name_the_label(self):
        for labels, detail in (
                ({"kube_tag": "v1.30.4@bad"}, "kube_tag"),
                ({"etcd_tag": "v3.5 ; rm"}, "etcd_tag"),
                ({"keystone_auth_enabled": "maybe"},
                 "keystone_auth_enabled"),
                ({"monitoring_retention_days": "-1"},
                 "monitoring_retention_days"),
                ({"selinux_mode": "lax"}, "selinux_mode"),
                ({"service_cluster_ip_range": "10.254.0.0/99"},
                 "service_cluster_ip_range")):
            self.refused(detail, labels=labels)
        self.create_cluster(labels={"kube_tag": "v1.30.4"})

    def test_bad_template_labels_are_refused_at_cluster_create(self):
        self.make_template(name="bad-tag", labels={"kube_tag": "1.30@x"})
        self.refused("kube_tag", cluster_template_id="bad-tag")
        self.create_cluster(cluster_template_id="bad-tag",
                            labels={"kube_tag": "v1.30.4"})

    def test_cinder_needs_the_cloud_provider(self):
        self.make_template(name="cinder", volume_driver="cinder")
        self.refused("cinder volume driver needs cloud_provider_enabled",
                     cluster_template_id="cinder")
        self.config(cluster_user_trust=True, group="trust")
        self.refused("cinder volume driver needs cloud_provider_enabled",
                     cluster_template_id="cinder",
                     labels={"cloud_provider_enabled": "false"})
        self.create_cluster(cluster_template_id="cinder")

    def test_cloud_provider_needs_the_trust(self):
        self.refused("cluster_user_trust",
                     labels={"cloud_provider_enabled": "true"})


class TestBareMetalBeforeThe202(helpers.ClusterTestCase):
    def setUp(self):
        super().setUp()
        # Bare-metal flavors exceed the seeded compute quota.
        self.config(check_cloud_quotas=False, group="quotas")
        body = dict(templates.BODIES["k8s_fedora_ironic_v1"],
                    keypair_id="default", external_network_id="public",
                    master_flavor_id="baremetal",
                    fixed_network="private", fixed_subnet="private-subnet")
        self.template = self.make_template(name="bm", **body)
        world = self.cloud.world.network
        demo = self.project_id("demo")
        net = world.create_network(demo, name="bm-other-%s" % self.id())
        self.other_subnet = world.create_subnet(
            demo, net["id"], "10.77.0.0/24",
            name="bm-other-subnet-%s" % self.id())

    def test_volume_sizes_are_refused(self):
        for fields, detail in (
                (dict(docker_volume_size=5), "docker_volume_size"),
                (dict(labels={"etcd_volume_size": "5"}), "etcd_volume_size"),
                (dict(labels={"boot_volume_size": "20"}),
                 "boot_volume_size")):
            before = db_clusters.count_for_project(self.project_id("demo"))
            self.assert_error(self.post_cluster(**fields), 400, detail)
            self.assertEqual(before, db_clusters.count_for_project(
                self.project_id("demo")))
        self.create_cluster()

    def test_subnet_not_on_the_fixed_network_is_invalid(self):
        resp = self.post_cluster(fixed_subnet=self.other_subnet["name"])
        error = self.assert_error(resp, 400, "not on the fixed network")
        self.assertIn("Received invalid subnet", error["detail"])
        self.create_cluster(fixed_subnet="private-subnet")


class TestFixedNetworkSharingAnExternalName(helpers.ClusterTestCase):
    def test_external_network_of_the_same_name_is_ignored(self):
        world = self.cloud.world.network
        name = "twin-%s" % self.id().rsplit(".", 1)[-1]
        demo = self.project_id("demo")
        fixed = world.create_network(demo, name=name)
        world.create_subnet(demo, fixed["id"], "10.78.0.0/24",
                            name=name + "-subnet")
        world.create_network(self.project_id("admin"), name=name,
                             external=True, shared=True)
        cluster = self.create_cluster(fixed_network=name)
        self.assertEqual(name, cluster["fixed_network"])


class TestNodegroupBeforeThe202(helpers.ClusterTestCase):
    def test_bad_labels_of_a_new_nodegroup(self):
        cluster = self.ready_cluster()
        url = "/v1/clusters/%s/nodegroups" % cluster["uuid"]
        resp = self.request(url, method="POST", body={
            "name": "ng1", "labels": {"kube_tag": "v1.30.4@bad"}},
            headers=helpers.at("1.9", self.demo))
        self.assert_error(resp, 400, "kube_tag")
        self.assertNotIn("ng1", self.nodegroups(cluster["uuid"]))
        resp = self.request(url, method="POST", body={
            "name": "ng1", "labels": {"kube_tag": "v1.30.5"}},
            headers=helpers.at("1.9", self.demo))
        self.assertEqual(202, resp.status_int, resp.text)
