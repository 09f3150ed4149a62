"""magnum-like-all-in-one as a new user runs it: one process, the local
cloud inside, Keystone auth against it, and `openstack --os-cloud ...`
driven by the clouds.yaml it writes."""

import os
import time

import fixtures

from tests import base
from tests.integration import processes


class TestAllInOne(base.TestCase):
    def setUp(self):
        super().setUp()
        self.workdir = self.useFixture(fixtures.TempDir()).path
        self.state = os.path.join(self.workdir, "state")
        self.api_port = processes.free_port()
        conf = processes.write_config(
            os.path.join(self.workdir, "aio.conf"), {
                "DEFAULT": {"state_path": self.state,
                            "report_interval": 1},
                "api": {"port": self.api_port},
                "localcloud": {"port": processes.free_port()}})
        started = time.monotonic()
        self.aio = self.useFixture(processes.ServiceProcess(
            self, "all-in-one",
            ["magnum-like-all-in-one", "--config-file", conf],
            self.workdir))
        processes.wait_for(lambda: "is running" in self.aio.log(), 60,
                           what="the all-in-one banner")
        self.startup = time.monotonic() - started
        self.clouds = os.path.join(self.state, "clouds.yaml")
        self.env = {"OS_CLIENT_CONFIG_FILE": self.clouds}

    def _coe(self, cloud, *args):
        return processes.openstack(["--os-cloud", cloud, "coe"] +
                                   list(args), env=self.env)

    def test_banner_and_state(self):
        log = self.aio.log()
        self.assertIn("http://127.0.0.1:%d" % self.api_port, log)
        self.assertIn("export OS_CLIENT_CONFIG_FILE=%s" % self.clouds, log)
        self.assertTrue(os.path.exists(os.path.join(
            self.state, "magnum_like.sqlite")))
        self.assertEqual(0o600, os.stat(self.clouds).st_mode & 0o777)

    def test_admin_lists_services_through_the_catalog(self):
        [service] = self._coe("magnum-like-admin", "service", "list")
        self.assertEqual("up", service["state"])
        self.assertEqual("magnum-conductor", service["binary"])

    def test_member_is_refused_admin_only_call(self):
        error = self.assertRaises(
            processes.CommandFailed, self._coe, "magnum-like-demo",
            "service", "list")
        self.assertIn("magnum-service:get_all", error.stderr)
        self.assertIn("403", error.stderr)

    def test_the_local_cloud_serves_the_same_users(self):
        images = processes.openstack(
            ["--os-cloud", "magnum-like-demo", "image", "list"],
            env=self.env)
        names = {i["Name"] for i in images}
        self.assertIn("fedora-coreos-40", names)
        self.assertNotIn("alt-private-image", names)

    def test_cli_error_names_the_whole_thing(self):
        # magnumclient prints an error's title only: it must not stop at
        # the "." inside a flavor's name.
        error = self.assertRaises(
            processes.CommandFailed, self._coe, "magnum-like-demo",
            "cluster", "template", "create", "t", "--coe", "kubernetes",
            "--image", "fedora-coreos-40", "--external-network", "public",
            "--flavor", "m1.smal")
        self.assertIn("Unable to find flavor m1.smal (HTTP 400)",
                      error.stderr)

    def _wait_cluster(self, cloud, name, status, timeout=120):
        deadline = time.monotonic() + timeout
        shown = {}
        while time.monotonic() < deadline:
            shown = self._coe(cloud, "cluster", "show", name)
            if shown["status"] == status:
                return shown
            if shown["status"].endswith("FAILED"):
                break
            time.sleep(1)
        self.fail("%s: %s (%s)" % (name, shown.get("status"),
                                   shown.get("status_reason")))

    def test_baremetal_cluster_and_quotas_with_the_cli_alone(self):
        # The admin builds a bare-metal Kubernetes cluster in the admin
        # project, on its own network, within the default quota; then
        # raises the quota with `openstack quota set`.
        admin = "magnum-like-admin"
        self._coe(admin, "cluster", "template", "create", "bm",
                  "--coe", "kubernetes", "--server-type", "bm",
                  "--image", "fedora-ironic", "--flavor", "baremetal",
                  "--master-flavor", "baremetal", "--external-network",
                  "public", "--fixed-network", "admin-private",
                  "--fixed-subnet", "admin-private-subnet")
        processes.openstack(["--os-cloud", admin, "coe", "cluster",
                             "create", "bm1", "--cluster-template", "bm",
                             "--node-count", "1"], env=self.env,
                            json_output=False)
        self._wait_cluster(admin, "bm1", "CREATE_COMPLETE")
        cli = ["--os-cloud", admin, "quota"]
        error = self.assertRaises(
            processes.CommandFailed, processes.openstack,
            cli + ["set", "--ram", "1024", "admin"], env=self.env,
            json_output=False)
        self.assertIn("already used", error.stderr)
        processes.openstack(cli + ["set", "--ram", "102400", "--cores",
                                   "40", "--ports", "100", "admin"],
                            env=self.env, json_output=False)
        shown = processes.openstack(cli + ["show", "admin"], env=self.env)
        values = {row["Resource"]: row["Limit"] for row in shown}
        self.assertEqual((102400, 40, 100), (values["ram"],
                                             values["cores"],
                                             values["ports"]))

    def test_sigterm_stops_it(self):
        import signal
        self.aio.signal(signal.SIGTERM)
        self.assertEqual(0, self.aio.proc.wait(30))


class TestLocalCloudCommand(base.TestCase):
    def test_standalone_local_cloud_serves_the_cli(self):
        workdir = self.useFixture(fixtures.TempDir()).path
        port = processes.free_port()
        conf = processes.write_config(os.path.join(workdir, "lc.conf"), {
            "localcloud": {"port": port}})
        cloud = self.useFixture(processes.ServiceProcess(
            self, "localcloud",
            ["magnum-like-localcloud", "--config-file", conf], workdir))
        auth_url = "http://127.0.0.1:%d/identity/v3" % port
        processes.wait_for(lambda: processes.http_ok(auth_url), 30,
                           what="local cloud identity")
        self.assertIn(auth_url, cloud.log())
        env = {"OS_AUTH_URL": auth_url, "OS_USERNAME": "demo",
               "OS_PASSWORD": "demo-secret", "OS_PROJECT_NAME": "demo",
               "OS_USER_DOMAIN_NAME": "Default",
               "OS_PROJECT_DOMAIN_NAME": "Default",
               "OS_IDENTITY_API_VERSION": "3"}
        flavors = processes.openstack(["flavor", "list"], env=env)
        self.assertIn("m1.small", {f["Name"] for f in flavors})
        networks = processes.openstack(["network", "list"], env=env)
        self.assertIn("public", {n["Name"] for n in networks})
