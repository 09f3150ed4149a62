"""Cluster health seen through the real `openstack coe cluster show`,
with the real processes (two APIs, a conductor polling health every
second, RabbitMQ, MariaDB) and the local cloud process, whose gateway
answers each cluster's Kubernetes API over TLS. The masters' server
certificates are issued through `openstack coe ca sign`, as a node's
boot script would get them; Nova faults come from the local cloud's
admin API."""

import os
import tempfile
import time
from urllib import parse

from tests.integration import processes
from tests.integration import test_clusters

EXTRA = dict(test_clusters.EXTRA, kubernetes={"health_polling_interval": 1},
             cluster_health={"timeout": 5, "auto_healing_grace_period": 0})
HEALING = "auto_healing_enabled=true,auto_healing_controller=" \
          "magnum-like-conductor,kube_tag=v1.30.4"


class HealthCLITestCase(test_clusters.ClusterCLITestCase):
    extra = EXTRA

    def create(self, name, labels="kube_tag=v1.30.4"):
        self.coe(0, "cluster", "template", "create", name + "-t",
                 *test_clusters.TEMPLATE, "--labels", labels)
        self.accepted(0, "cluster", "create", name, "--cluster-template",
                      name + "-t", "--node-count", "2")
        cluster = self.wait(name, "CREATE_COMPLETE")
        self.boot_api(cluster)
        return cluster

    def boot_api(self, cluster):
        host = parse.urlsplit(cluster["api_address"]).hostname
        csr = self.deploy.cloud_admin("GET", "/coe/%s/csr" % host)["csr"]
        fd, path = tempfile.mkstemp(suffix=".csr")
        self.addCleanup(os.unlink, path)
        with os.fdopen(fd, "w") as f:
            f.write(csr)
        signed = self.coe(0, "ca", "sign", cluster["name"], path,
                          json_output=False)
        ca = self.coe(1, "ca", "show", cluster["name"], json_output=False)
        self.deploy.cloud_admin("PUT", "/coe/%s/certificate" % host,
                                {"certificate": signed, "ca": ca})

    def set_server(self, server_id, status):
        self.deploy.cloud_admin("POST", "/servers/%s/status" % server_id,
                                {"status": status})

    def wait_health(self, name, status, timeout=60):
        deadline = time.monotonic() + timeout
        shown, api = None, 0
        while time.monotonic() < deadline:
            api = 1 - api
            shown = self.show(api, name)
            if shown["health_status"] == status:
                return shown
            time.sleep(0.5)
        self.fail("%s never became %s: %s %s" % (
            name, status, shown["health_status"],
            shown["health_status_reason"]))


class TestHealth(HealthCLITestCase):
    def test_unhealthy_node_named_then_healthy_then_unknown(self):
        self.create("h1")
        shown = self.wait_health("h1", "HEALTHY")
        servers = self.servers()
        self.assertEqual(dict({"api": "ok"}, **{
            "%s.Ready" % n: "True" for n in servers}),
            shown["health_status_reason"])
        sick = sorted(n for n in servers if "-node-" in n)[0]
        self.set_server(servers[sick], "ERROR")
        shown = self.wait_health("h1", "UNHEALTHY")
        self.assertEqual("False",
                         shown["health_status_reason"]["%s.Ready" % sick])
        self.set_server(servers[sick], "ACTIVE")
        self.wait_health("h1", "HEALTHY")
        # The only master down: the API does not answer.
        master = [i for n, i in servers.items() if "-master-" in n][0]
        self.set_server(master, "SHUTOFF")
        shown = self.wait_health("h1", "UNKNOWN")
        self.assertIn("is unreachable", shown["health_status_reason"]["api"])
        self.assertEqual("CREATE_COMPLETE", shown["status"])

    def test_repair_replaces_the_node_once(self):
        self.create("h2", labels=HEALING)
        self.wait_health("h2", "HEALTHY")
        servers = self.servers()
        workers = sorted(n for n in servers if "-node-" in n)
        sick, kept = workers
        self.set_server(servers[sick], "ERROR")
        deadline = time.monotonic() + 60
        while sick in self.servers():
            self.assertLess(time.monotonic(), deadline,
                            "%s was never replaced" % sick)
            time.sleep(0.5)
        cluster = self.wait("h2", "UPDATE_COMPLETE")
        self.assertEqual(2, cluster["node_count"])
        self.assertEqual(1, cluster["master_count"])
        with open(self.deploy.conductor.log_path) as f:
            log = f.read()
        self.assertEqual(1, log.count("Auto-healing: node %s has been "
                                      "NotReady" % sick), log[-3000:])
        after = self.servers()
        self.assertEqual(3, len(after))
        self.assertEqual(servers[kept], after[kept])
        for name, server_id in servers.items():
            if "-master-" in name:
                self.assertEqual(server_id, after[name])
        self.wait_health("h2", "HEALTHY")
        # Healthy for several cycles: nothing more is replaced.
        time.sleep(3)
        self.assertEqual(after, self.servers())
        self.assertEqual("UPDATE_COMPLETE", self.show(0, "h2")["status"])
        with open(self.deploy.conductor.log_path) as f:
            self.assertEqual(1, f.read().count("Auto-healing: node"))


class TestUnreachable(HealthCLITestCase):
    extra = dict(EXTRA, cluster_health={"timeout": 2,
                                        "api_proxy": "http://127.0.0.1:%d"
                                        % processes.free_port()})

    def test_no_path_to_the_api_is_unknown(self):
        self.create("h3")
        shown = self.wait_health("h3", "UNKNOWN")
        self.assertIn("is unreachable", shown["health_status_reason"]["api"])
