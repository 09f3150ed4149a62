"""Every installed driver through the real CLI (`openstack coe ...`)
against two API processes, one conductor, RabbitMQ, MariaDB and the
local cloud process: a cluster template of the driver's image, COE and
server type, a cluster that reaches CREATE_COMPLETE with its COE's API
address, a scale up and a scale down removing the node named, the
refusals of what the COE cannot do (upgrades and nodegroups on Docker
Swarm and Mesos) as 400s, and a delete that leaves nothing in the local
cloud. One deployment serves every driver."""

import os

from cryptography import x509
from cryptography.hazmat.primitives import serialization
import fixtures

from tests.integration import processes
from tests.integration import test_clusters

VM = ["--external-network", "public", "--keypair", "default",
      "--flavor", "m1.small", "--master-flavor", "m1.medium"]

# name: (template options, API address pattern, upgrades and nodegroups,
# how the node to remove is named: its server "id" or "name")
DRIVERS = {
    "k8s_fedora_coreos_v1": (
        ["--coe", "kubernetes", "--image", "fedora-coreos-40", *VM,
         "--labels", "kube_tag=v1.30.4"],
        r"https://[0-9.]+:6443", True, "id"),
    "k8s_fedora_ironic_v1": (
        ["--coe", "kubernetes", "--image", "fedora-ironic",
         "--server-type", "bm", "--external-network", "public",
         "--keypair", "default", "--flavor", "baremetal",
         "--master-flavor", "baremetal", "--fixed-network", "private",
         "--fixed-subnet", "private-subnet", "--labels",
         "kube_tag=v1.30.4"],
        r"https://[0-9.]+:6443", True, "name"),
    "swarm_fedora_atomic_v2": (
        ["--coe", "swarm-mode", "--image", "fedora-atomic-29", *VM],
        r"tcp://[0-9.]+:2376", False, "id"),
    "swarm_fedora_atomic_v1": (
        ["--coe", "swarm", "--image", "fedora-atomic-29", *VM],
        r"tcp://[0-9.]+:2376", False, "name"),
    "mesos_ubuntu_v1": (
        ["--coe", "mesos", "--image", "ubuntu-mesos", *VM],
        r"http://[0-9.]+:8080", False, "name"),
}


class TestDrivers(test_clusters.ClusterCLITestCase):
    def refused(self, expected, *args):
        error = self.assertRaises(processes.CommandFailed, self.coe, 0,
                                  *args, json_output=False)
        output = error.stderr + error.stdout
        self.assertIn(expected, output)
        self.assertRegex(output, r"\b400\b|Bad Request")

    def lifecycle(self, driver):
        options, address, upgrades, remove_by = DRIVERS[driver]
        name = driver.replace("_", "-")
        template = self.coe(0, "cluster", "template", "create", name,
                            *options)
        self.assertEqual(driver, template.get("driver", driver))
        self.accepted(1, "cluster", "create", name, "--cluster-template",
                      name, "--node-count", "1")
        cluster = self.wait(name, "CREATE_COMPLETE")
        self.assertRegex(cluster["api_address"], "^%s$" % address)
        self.assertEqual(1, len(cluster["node_addresses"]))
        self.assertEqual(1, len(cluster["master_addresses"]))
        servers = self.servers()
        self.assertEqual(2, len(servers))
        if cluster["api_address"].startswith("tcp://"):
            self.check_docker_environment(name, cluster)

        # Up to two workers, then down to one removing the new one.
        self.accepted(0, "cluster", "resize", name, "2")
        cluster = self.wait(name, "UPDATE_COMPLETE")
        self.assertEqual(2, cluster["node_count"])
        self.assertEqual(2, len(cluster["node_addresses"]))
        grown = self.servers()
        added = [n for n in grown if n not in servers]
        self.assertEqual(1, len(added))
        victim = added[0]
        self.accepted(1, "cluster", "resize", name, "1",
                      "--nodes-to-remove",
                      victim if remove_by == "name" else grown[victim])
        cluster = self.wait(name, "UPDATE_COMPLETE")
        self.assertEqual(1, cluster["node_count"])
        self.assertEqual(servers, self.servers())

        if not upgrades:
            self.refused("Upgrading this cluster is not supported",
                         "cluster", "upgrade", name, name)
            self.assertEqual("UPDATE_COMPLETE",
                             self.show(1, name)["status"])
            self.refused("Adding nodegroups to a %s cluster is not "
                         "supported" % options[1], "nodegroup", "create",
                         name, "extra")
            self.assertEqual(
                ["default-master", "default-worker"],
                sorted(ng["name"] for ng in self.coe(
                    1, "nodegroup", "list", name)))

        self.coe(0, "cluster", "delete", name, json_output=False)
        self.wait(name, None)
        self.assertEqual({}, self.servers())
        self.coe(1, "cluster", "template", "delete", name,
                 json_output=False)

    def check_docker_environment(self, name, cluster):
        """`coe cluster config` of a Swarm cluster: the docker client's
        environment and TLS files, a client certificate the cluster CA
        signed for the key beside it."""
        out_dir = self.useFixture(fixtures.TempDir()).path
        out = self.deploy.coe_with_token(
            0, self.demo, "cluster", "config", name, "--dir", out_dir,
            "--force", "--output-certs", json_output=False)
        self.assertIn("export DOCKER_HOST=%s" % cluster["api_address"],
                      out)
        self.assertIn("export DOCKER_CERT_PATH=%s" % out_dir, out)
        self.assertIn("export DOCKER_TLS_VERIFY=True", out)

        def read(name):
            with open(os.path.join(out_dir, name), "rb") as f:
                return f.read()
        ca = x509.load_pem_x509_certificate(read("ca.pem"))
        cert = x509.load_pem_x509_certificate(read("cert.pem"))
        key = serialization.load_pem_private_key(read("key.pem"), None)
        cert.verify_directly_issued_by(ca)
        self.assertEqual(
            key.public_key().public_bytes(
                serialization.Encoding.PEM,
                serialization.PublicFormat.SubjectPublicKeyInfo),
            cert.public_key().public_bytes(
                serialization.Encoding.PEM,
                serialization.PublicFormat.SubjectPublicKeyInfo))

    def test_every_driver(self):
        # Bare-metal flavors are large (64 GiB): an operator raises the
        # compute quota of projects that deploy on them.
        self.deploy.cloud_admin("PUT", "/quotas/compute/demo",
                                {"ram": -1, "cores": -1})
        before = self.leftovers()
        for driver in DRIVERS:
            with self.subTest(driver=driver):
                self.lifecycle(driver)
                self.assertEqual(before, self.leftovers())
        self.assertEqual([], self.coe(0, "cluster", "list"))
