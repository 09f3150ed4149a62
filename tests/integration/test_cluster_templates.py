"""`openstack coe cluster template ...` (the real CLI) against two API
processes, a conductor, RabbitMQ, MariaDB and the local cloud process;
the APIs validate Keystone tokens of the local cloud and check images,
flavors, keypairs and networks as the caller."""

from tests import base
from tests.integration import deployment
from tests.integration import processes

SEED = {"images": [
    {"name": "twin-image", "os_distro": "fedora-coreos",
     "visibility": "public", "owner": "admin"},
    {"name": "twin-image", "os_distro": "fedora-coreos",
     "visibility": "public", "owner": "admin"},
]}

CREATE_ALL = [
    "--coe", "kubernetes", "--image", "fedora-coreos-40",
    "--external-network", "public", "--keypair", "default",
    "--fixed-network", "private", "--fixed-subnet", "private-subnet",
    "--network-driver", "calico", "--volume-driver", "cinder",
    "--driver", "k8s_fedora_coreos_v1", "--dns-nameserver", "8.8.8.8",
    "--flavor", "m1.small", "--master-flavor", "ds2G",
    "--docker-volume-size", "5", "--docker-storage-driver", "overlay2",
    "--http-proxy", "http://proxy:3128", "--https-proxy",
    "http://proxy:3129", "--no-proxy", "localhost,10.0.0.1",
    "--labels", "kube_tag=v1.30.1,boot_volume_size=10",
    "--tls-disabled", "--registry-enabled",
    "--insecure-registry", "10.0.0.5:5000", "--server-type", "vm",
    "--master-lb-enabled", "--floating-ip-disabled", "--visible",
    "--tags", "gold"]

UPDATE_ALL = [
    "--name", "k8s-renamed", "--image", "fedora-coreos-40",
    "--flavor", "m1.medium", "--master-flavor", "m1.small",
    "--keypair", "default", "--external-network", "public",
    "--fixed-network", "private", "--fixed-subnet", "private-subnet",
    "--network-driver", "flannel", "--volume-driver", "cinder",
    "--driver", "k8s_fedora_coreos_v1", "--dns-nameserver", "1.1.1.1",
    "--docker-volume-size", "8", "--docker-storage-driver", "overlay2",
    "--http-proxy", "http://proxy2:3128", "--https-proxy",
    "http://proxy2:3129", "--no-proxy", "localhost",
    "--insecure-registry", "10.0.0.6:5000",
    "--label", "extra=yes", "--no-label", "kube_tag", "--tag", "silver",
    "--tls-enabled", "--registry-disabled", "--master-lb-disabled",
    "--floating-ip-enabled"]


class TestClusterTemplateCLI(base.TestCase):
    def setUp(self):
        super().setUp()
        self.deploy = self.useFixture(deployment.Deployment(
            self, auth_strategy="keystone", localcloud_seed=SEED))
        self.demo = self.deploy.token("demo", "demo-secret", "demo")
        self.admin = self.deploy.token("admin", "admin-secret", "admin")

    def ct(self, api, *args, token=None, json_output=True):
        return self.deploy.coe_with_token(
            api, token or self.demo, "cluster", "template", *args,
            json_output=json_output)

    def create(self, api, name, *args, token=None):
        """`create`; the CLI insists on --external-network."""
        if "--external-network" not in args:
            args += ("--external-network", "public")
        return self.ct(api, "create", name, *args, token=token)

    def fails(self, api, *args, token=None):
        error = self.assertRaises(processes.CommandFailed, self.ct, api,
                                  *args, token=token)
        return error.stderr + error.stdout

    def test_create_show_list_update_delete(self):
        created = self.ct(0, "create", "k8s-full", *CREATE_ALL)
        self.assertEqual("fedora-coreos", created["cluster_distro"])
        self.assertEqual({"kube_tag": "v1.30.1", "boot_volume_size": "10"},
                         created["labels"])
        self.assertEqual("calico", created["network_driver"])
        self.assertIs(False, created["floating_ip_enabled"])
        self.assertIs(True, created["tls_disabled"])
        self.assertIs(True, created["master_lb_enabled"])
        self.assertEqual("gold", created["tags"])

        shown = self.ct(1, "show", "k8s-full")
        self.assertEqual(created["uuid"], shown["uuid"])
        self.assertEqual("ds2G", shown["master_flavor_id"])
        listed = self.ct(1, "list")
        self.assertEqual([created["uuid"]], [t["uuid"] for t in listed])

        updated = self.ct(1, "update", created["uuid"], *UPDATE_ALL)
        self.assertEqual("k8s-renamed", updated["name"])
        self.assertEqual({"boot_volume_size": "10", "extra": "yes"},
                         updated["labels"])
        self.assertEqual("silver", updated["tags"])
        self.assertEqual("m1.medium", updated["flavor_id"])
        self.assertEqual(8, updated["docker_volume_size"])
        for flag in ("tls_disabled", "registry_enabled",
                     "master_lb_enabled"):
            self.assertIs(False, updated[flag], flag)
        self.assertIs(True, updated["floating_ip_enabled"])
        self.assertEqual(updated, self.ct(0, "show", "k8s-renamed"))

        self.ct(0, "delete", "k8s-renamed", json_output=False)
        self.assertIn("could not be found",
                      self.fails(1, "show", created["uuid"]))

    def test_publishing_is_for_admins(self):
        self.assertIn("public or hidden", self.fails(
            0, "create", "pub", "--coe", "kubernetes", "--image",
            "fedora-coreos-40", "--public", "--external-network",
            "public"))
        public = self.create(0, "pub", "--coe", "kubernetes",
                             "--image", "fedora-coreos-40", "--public",
                             "--hidden", token=self.admin)
        self.assertIs(True, public["hidden"])
        self.assertIn("could not be found", self.fails(1, "show", "pub"))
        shown = self.ct(1, "update", "pub", "--visible", "--private",
                        token=self.admin)
        self.assertIs(False, shown["hidden"])
        self.assertIs(False, shown["public"])
        self.assertEqual([], self.ct(1, "list"))
        self.ct(1, "update", "pub", "--public", token=self.admin)
        self.assertEqual(["pub"], [t["name"] for t in self.ct(0, "list")])

    def test_other_coes_and_paging(self):
        for name, coe, image in (("swarm-mode", "swarm-mode",
                                  "fedora-atomic-29"),
                                 ("swarm", "swarm", "fedora-atomic-29"),
                                 ("mesos", "mesos", "ubuntu-mesos"),
                                 ("ironic", "kubernetes", "fedora-ironic")):
            extra = ["--server-type", "bm", "--flavor", "baremetal"] \
                if name == "ironic" else []
            self.create(0, name, "--coe", coe, "--image", image, *extra)
        page = self.ct(1, "list", "--limit", "2", "--sort-key", "name",
                       "--sort-dir", "desc")
        self.assertEqual(["swarm-mode", "swarm"],
                         [t["name"] for t in page])
        self.assertEqual(4, len(self.ct(0, "list")))
        self.assertEqual("mesos_ubuntu_v1",
                         self.ct(1, "show", "mesos")["driver"])

    def test_errors(self):
        base_args = ["--coe", "kubernetes", "--external-network", "public"]
        cases = (
            (["--image", "nope"], "Image nope could not be found"),
            (["--image", "no-os-distro"], "os_distro"),
            (["--image", "twin-image"], "Multiple images"),
            (["--image", "alt-private-image"], "could not be found"),
            (["--image", "fedora-coreos-40", "--flavor", "m1.nope"],
             "Unable to find flavor"),
            (["--image", "fedora-coreos-40", "--external-network",
              "private"], "Unable to find external network"),
            (["--image", "ubuntu-mesos"], "(vm, ubuntu, kubernetes)"),
            (["--image", "fedora-coreos-40", "--driver", "nope"],
             "Cluster driver (nope) not supported"),
            (["--image", "fedora-coreos-40", "--network-driver",
              "docker"], "Network driver type docker"),
        )
        for args, expected in cases:
            self.assertIn(expected, self.fails(
                0, "create", "bad", *(base_args + args)))
        self.assertIn("field/attribute coe", self.fails(
            0, "create", "bad", "--coe", "nomad", "--image",
            "fedora-coreos-40", "--external-network", "public"))
        self.assertEqual([], self.ct(1, "list"))

        for api in (0, 1):
            self.create(api, "twin", "--coe", "kubernetes",
                        "--image", "fedora-coreos-40")
        for action in (["show", "twin"], ["update", "twin", "--tag", "x"]):
            self.assertIn("Multiple ClusterTemplates",
                          self.fails(1, *action))
        # `delete` reports failures but exits 0.
        self.assertIn("Multiple ClusterTemplates", self.ct(
            0, "delete", "twin", json_output=False))
        self.assertEqual(2, len(self.ct(1, "list")))
