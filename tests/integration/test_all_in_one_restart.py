"""magnum-like-all-in-one stopped and started again on the same state
folder: the demo user's templates and clusters stay visible and can be
deleted (the local cloud keeps its ids across restarts), and a cluster
whose stack is gone is deleted cleanly."""

import os
import signal
import time

import fixtures

from tests import base
from tests.integration import processes

TEMPLATE = ["--coe", "kubernetes", "--image", "fedora-coreos-40",
            "--external-network", "public", "--keypair", "default",
            "--flavor", "m1.small", "--master-flavor", "m1.small"]


class TestAllInOneRestart(base.TestCase):
    def setUp(self):
        super().setUp()
        self.workdir = self.useFixture(fixtures.TempDir()).path
        self.state = os.path.join(self.workdir, "state")
        conf = processes.write_config(
            os.path.join(self.workdir, "aio.conf"), {
                "DEFAULT": {"state_path": self.state,
                            "periodic_interval": 1},
                "api": {"port": processes.free_port()},
                "localcloud": {"port": processes.free_port()}})
        self.aio = self.useFixture(processes.ServiceProcess(
            self, "all-in-one",
            ["magnum-like-all-in-one", "--config-file", conf],
            self.workdir))
        self._wait_banner(1)
        self.env = {"OS_CLIENT_CONFIG_FILE":
                    os.path.join(self.state, "clouds.yaml")}

    def _wait_banner(self, count):
        processes.wait_for(
            lambda: self.aio.log().count("is running") >= count, 60,
            what="the all-in-one banner")

    def _restart(self):
        self.aio.signal(signal.SIGTERM)
        self.assertEqual(0, self.aio.proc.wait(30))
        self.aio.start()
        self._wait_banner(2)

    def coe(self, cloud, *args, json_output=True):
        return processes.openstack(["--os-cloud", cloud, "coe"] +
                                   list(args), env=self.env,
                                   json_output=json_output)

    def _status(self, cloud, name):
        try:
            return self.coe(cloud, "cluster", "show", name)["status"]
        except processes.CommandFailed as e:
            if "could not be found" in e.stderr + e.stdout:
                return None
            raise

    def _wait(self, cloud, name, status, timeout=120):
        deadline = time.monotonic() + timeout
        seen = "?"
        while time.monotonic() < deadline:
            seen = self._status(cloud, name)
            if seen == status:
                return
            if seen and seen.endswith("FAILED"):
                self.fail("%s is %s: %s" % (name, seen, self.coe(
                    cloud, "cluster", "show", name)["status_reason"]))
            time.sleep(1)
        self.fail("%s never reached %s (last %s)" % (name, status, seen))

    def test_clusters_and_templates_survive_a_restart(self):
        demo = "magnum-like-demo"
        self.coe(demo, "cluster", "template", "create", "k8s", *TEMPLATE)
        for name in ("c1", "c2"):
            self.coe(demo, "cluster", "create", name, "--cluster-template",
                     "k8s", "--node-count", "1", json_output=False)
        self._wait(demo, "c1", "CREATE_COMPLETE")
        self._wait(demo, "c2", "CREATE_COMPLETE")
        projects_before = processes.openstack(
            ["--os-cloud", "magnum-like-admin", "project", "list"],
            env=self.env)

        self._restart()

        self.assertEqual(
            sorted(p["ID"] for p in projects_before),
            sorted(p["ID"] for p in processes.openstack(
                ["--os-cloud", "magnum-like-admin", "project", "list"],
                env=self.env)))
        self.assertEqual(["k8s"], [t["name"] for t in self.coe(
            demo, "cluster", "template", "list")])
        self.assertEqual(["c1", "c2"], sorted(c["name"] for c in self.coe(
            demo, "cluster", "list")))
        # Their stacks and trusts went with the old local cloud: the
        # owner and the admin can still delete them, and nothing fails.
        self.coe(demo, "cluster", "delete", "c1", json_output=False)
        self.coe("magnum-like-admin", "cluster", "delete", "c2",
                 json_output=False)
        self._wait(demo, "c1", None)
        self._wait(demo, "c2", None)
        self.coe(demo, "cluster", "template", "delete", "k8s",
                 json_output=False)
        self.assertEqual([], self.coe(demo, "cluster", "template", "list"))
