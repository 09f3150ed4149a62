"""Service faults seen by clients, and the real openstack CLI."""

import os
import subprocess
import sys

from glanceclient import client as glance_client
from glanceclient import exc as glance_exc
from novaclient import client as nova_client
from novaclient import exceptions as nova_exc

from tests.functional.localcloud import base

CLI = os.path.join(os.path.dirname(sys.executable), "openstack")


class TestServiceFaults(base.LocalCloudTestCase):
    def test_compute_503_then_recovers(self):
        self.clear_faults()
        nova = nova_client.Client("2.1", session=self.session("demo"))
        nova.flavors.list()
        status, body = self.admin_api("POST", "/faults/service", {
            "service": "compute", "status": 503, "count": 1})
        self.assertEqual(201, status)
        err = self.assertRaises(nova_exc.ClientException, nova.flavors.list)
        self.assertEqual(503, err.code)
        self.assertTrue(nova.flavors.list())

    def test_image_500(self):
        self.clear_faults()
        glance = glance_client.Client("2", session=self.session("demo"))
        self.admin_api("POST", "/faults", {"service": "image",
                                           "status": 500})
        self.assertRaises(glance_exc.HTTPInternalServerError, list,
                          glance.images.list())
        self.admin_api("DELETE", "/faults")
        self.assertTrue(list(glance.images.list()))

    def test_summary(self):
        status, summary = self.admin_api("GET", "/summary")
        self.assertEqual(200, status)
        self.assertEqual(1, summary["projects"]["demo"]["networks"])


class TestOpenstackCLI(base.LocalCloudTestCase):
    def run_cli(self, *args, user="demo"):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("OS_")}
        env.update(self.cloud.env(user))
        result = subprocess.run([CLI, *args, "-f", "value", "-c", "Name"],
                                env=env, capture_output=True, text=True,
                                timeout=120, check=False)
        self.assertEqual(0, result.returncode, result.stderr)
        return result.stdout.split()

    def test_image_list(self):
        names = self.run_cli("image", "list")
        self.assertIn("fedora-coreos-40", names)
        self.assertNotIn("alt-private-image", names)

    def test_flavor_list(self):
        self.assertIn("m1.zero-disk", self.run_cli("flavor", "list"))

    def test_network_list(self):
        self.assertEqual({"private", "public"},
                         set(self.run_cli("network", "list")))

    def test_server_list(self):
        world = self.cloud.world
        project = world.identity.find_project("demo")["id"]
        user = world.identity.find_user("demo")["id"]
        server = world.compute.create_server(project, user, "cli-vm",
                                             "m1.small", "fedora-coreos-40")
        self.addCleanup(world.compute.delete_server, server["id"])
        self.assertEqual(["cli-vm"], self.run_cli("server", "list"))
