"""magnum-like-all-in-one with the options a newcomer tries: --noauth
without an encryption key, a seed that includes the default one, another
region name, and the local cloud's admin token (given or printed)."""

import json
import os
import re
import urllib.request

import fixtures
import yaml

from tests import base
from tests.integration import processes


class AllInOneCase(base.TestCase):
    def start(self, sections=None, args=()):
        workdir = self.useFixture(fixtures.TempDir()).path
        self.state = os.path.join(workdir, "state")
        self.api_port = processes.free_port()
        self.cloud_port = processes.free_port()
        config = {"DEFAULT": {"state_path": self.state},
                  "api": {"port": self.api_port},
                  "localcloud": {"port": self.cloud_port}}
        for section, values in (sections or {}).items():
            config.setdefault(section, {}).update(values)
        conf = processes.write_config(os.path.join(workdir, "aio.conf"),
                                      config)
        self.aio = self.useFixture(processes.ServiceProcess(
            self, "all-in-one",
            ["magnum-like-all-in-one", "--config-file", conf] + list(args),
            workdir))
        processes.wait_for(
            lambda: "is running" in self.aio.log() or
            self.aio.proc.poll() is not None, 60,
            what="the all-in-one banner")
        self.assertIn("is running", self.aio.log())
        self.env = {"OS_CLIENT_CONFIG_FILE":
                    os.path.join(self.state, "clouds.yaml")}

    def coe(self, cloud, *args):
        return processes.openstack(["--os-cloud", cloud, "coe"] +
                                   list(args), env=self.env)

    def admin_get(self, path, token):
        request = urllib.request.Request(
            "http://127.0.0.1:%d/localcloud/admin%s" % (self.cloud_port,
                                                       path),
            headers={"X-Admin-Token": token})
        with urllib.request.urlopen(request, timeout=10) as resp:
            return json.loads(resp.read())


class TestAllInOneOptions(AllInOneCase):
    def test_noauth_needs_no_encryption_key(self):
        self.start(args=["--noauth"])
        url = "http://127.0.0.1:%d" % self.api_port
        [service] = processes.openstack(
            ["--os-auth-type", "none", "--os-endpoint", url, "coe",
             "service", "list"])
        self.assertEqual("magnum-conductor", service["binary"])
        self.assertEqual(0o600, os.stat(os.path.join(
            self.state, "encryption.key")).st_mode & 0o777)

    def test_seed_including_the_default_one(self):
        seed = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            "seed.yaml")
        with open(seed, "w") as f:
            yaml.safe_dump({"include_default": True, "projects": [
                {"name": "extra", "domain": "Default"}]}, f)
        self.start({"localcloud": {"seed_file": seed}})
        self.assertEqual([], self.coe("magnum-like-demo", "cluster",
                                      "template", "list"))
        projects = processes.openstack(
            ["--os-cloud", "magnum-like-admin", "project", "list"],
            env=self.env)
        self.assertIn("extra", {p["Name"] for p in projects})

    def test_region_name(self):
        self.start({"localcloud": {"region_name": "RegionTwo"}})
        self.assertEqual([], self.coe("magnum-like-demo", "cluster",
                                      "template", "list"))
        [service] = self.coe("magnum-like-admin", "service", "list")
        self.assertEqual("up", service["state"])

    def test_admin_token_from_the_config(self):
        self.start({"localcloud": {"admin_token": "my-admin-token"}})
        summary = self.admin_get("/summary", "my-admin-token")
        self.assertIn("demo", summary["projects"])
        self.assertNotIn("my-admin-token", self.aio.log())

    def test_generated_admin_token_is_printed(self):
        self.start()
        found = re.search(r"X-Admin-Token: ([0-9a-f]+)", self.aio.log())
        self.assertIsNotNone(found, self.aio.log())
        summary = self.admin_get("/summary", found.group(1))
        self.assertIn("demo", summary["projects"])
