"""`openstack coe cluster ...` and `coe nodegroup ...` (the real CLI)
against two API processes, one conductor, RabbitMQ, MariaDB and the
local cloud process, with Keystone tokens of the local cloud: a
cluster's whole life, a Heat failure, a conductor killed mid-create and
a RabbitMQ restart mid-run (of a private RabbitMQ node, not the shared
broker)."""

import re
import threading
import time

import sqlalchemy
from testtools import content

from tests import base
from tests.integration import deployment
from tests.integration import private_rabbit
from tests.integration import processes
from tests.integration import services

# The conductor polls Heat every second and resumes lost operations
# after 10 s; its lock is stale 6 s after its last heartbeat.
EXTRA = {"DEFAULT": {"periodic_interval": 1},
         "cluster": {"lost_operation_grace": 10, "pre_delete_lb_timeout": 5}}
TEMPLATE = ["--coe", "kubernetes", "--image", "fedora-coreos-40",
            "--external-network", "public", "--keypair", "default",
            "--flavor", "m1.small", "--master-flavor", "m1.medium"]
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                     r"[0-9a-f]{12}")


class ClusterCLITestCase(base.TestCase):
    extra = EXTRA

    def setUp(self):
        super().setUp()
        self.deploy = self.useFixture(deployment.Deployment(
            self, auth_strategy="keystone", localcloud_seed={},
            extra=self.extra, rabbit_url=self.rabbit_url()))
        self.demo = self.deploy.token("demo", "demo-secret", "demo")

    def rabbit_url(self):
        """A private broker's URL, or None for the shared RabbitMQ."""
        return None

    def coe(self, api, *args, json_output=True):
        return self.deploy.coe_with_token(api, self.demo, *args,
                                          json_output=json_output)

    def accepted(self, api, *args):
        """A command that prints "Request to ... accepted"; its uuid."""
        out = self.coe(api, *args, json_output=False)
        self.assertIn("accepted", out)
        found = UUID_RE.search(out)
        return found.group(0) if found else None

    def template(self, name, kube_tag):
        return self.coe(0, "cluster", "template", "create", name,
                        *TEMPLATE, "--labels", "kube_tag=%s" % kube_tag)

    def show(self, api, cluster):
        return self.coe(api, "cluster", "show", cluster)

    def wait(self, cluster, status, timeout=180):
        """Poll `cluster show` on both APIs in turn until `status`; None
        waits for the cluster to be gone."""
        deadline = time.monotonic() + timeout
        shown, api = None, 0
        while time.monotonic() < deadline:
            api = 1 - api
            try:
                shown = self.show(api, cluster)
            except processes.CommandFailed as e:
                if status is None and "could not be found" in (
                        e.stderr + e.stdout):
                    return None
                raise
            if status is not None and shown["status"] == status:
                return shown
            if shown["status"].endswith("FAILED") and \
                    shown["status"] != status:
                self.fail("%s is %s: %s" % (cluster, shown["status"],
                                            shown["status_reason"]))
            time.sleep(1)
        self.fail("%s never reached %s: %s" % (cluster, status, shown))

    def servers(self):
        """{name: id} of the demo project's servers in the local cloud."""
        listed = self.deploy.cloud_cli("demo", "demo-secret", "demo",
                                       "server", "list", "-f", "json")
        return {s["Name"]: s["ID"] for s in listed}

    def leftovers(self):
        """What a cluster may leave behind in the local cloud."""
        summary = self.deploy.cloud_admin("GET", "/summary")
        demo = summary["projects"]["demo"]
        return ({k: demo.get(k) for k in ("servers", "ports",
                                          "floating_ips", "networks",
                                          "routers", "trusts",
                                          "load_balancers", "volumes")},
                summary["users_by_domain"].get("magnum_like"))


class TestClusterLifecycle(ClusterCLITestCase):
    def test_create_resize_nodegroups_upgrade_delete(self):
        before = self.leftovers()
        self.template("k8s", "v1.30.4")
        new = self.template("k8s-new", "v1.31.0")

        uuid = self.accepted(0, "cluster", "create", "k1",
                             "--cluster-template", "k8s",
                             "--node-count", "2")
        # The row exists before the 202: the other API finds it at once
        # (the fast Heat profile may already have completed it).
        shown = self.show(1, uuid)
        self.assertIn(shown["status"],
                      ("CREATE_IN_PROGRESS", "CREATE_COMPLETE"))
        cluster = self.wait("k1", "CREATE_COMPLETE")
        self.assertTrue(cluster["api_address"].startswith("https://"))
        self.assertEqual(2, len(cluster["node_addresses"]))
        self.assertEqual(1, len(cluster["master_addresses"]))
        self.assertEqual([uuid], [c["uuid"] for c in
                                  self.coe(1, "cluster", "list")])

        # Down to one worker, removing exactly the server named.
        servers = self.servers()
        self.assertEqual(3, len(servers))
        workers = sorted(n for n in servers if "master" not in n)
        victim = workers[-1]
        self.accepted(1, "cluster", "resize", "k1", "1",
                      "--nodes-to-remove", servers[victim])
        cluster = self.wait("k1", "UPDATE_COMPLETE")
        self.assertEqual(1, cluster["node_count"])
        after = self.servers()
        self.assertEqual({n: i for n, i in servers.items() if n != victim},
                         after)
        # And up to three.
        self.accepted(0, "cluster", "resize", "k1", "3")
        cluster = self.wait("k1", "UPDATE_COMPLETE")
        self.assertEqual(3, cluster["node_count"])
        self.assertEqual(4, len(self.servers()))
        self.assertTrue(set(after.items()) <= set(self.servers().items()))

        # A nodegroup: create, update, delete.
        self.coe(1, "nodegroup", "create", "k1", "extra", "--node-count",
                 "1", "--max-nodes", "2", "--node-labels", "tier=web",
                 json_output=False)
        self.wait("k1", "UPDATE_COMPLETE")
        extra = self.coe(0, "nodegroup", "show", "k1", "extra")
        self.assertEqual("CREATE_COMPLETE", extra["status"])
        self.assertEqual({"tier": "web"}, extra["node_labels"])
        self.assertEqual(1, len(extra["node_addresses"]))
        self.assertEqual(
            ["default-master", "default-worker", "extra"],
            sorted(ng["name"] for ng in self.coe(1, "nodegroup", "list",
                                                 "k1")))
        self.coe(0, "nodegroup", "update", "k1", "extra", "--max-nodes",
                 "3", "--node-taints", "dedicated=web:NoSchedule",
                 json_output=False)
        self.wait("k1", "UPDATE_COMPLETE")
        extra = self.coe(1, "nodegroup", "show", "k1", "extra")
        self.assertEqual(3, extra["max_node_count"])
        self.assertEqual([{"key": "dedicated", "value": "web",
                           "effect": "NoSchedule"}], extra["node_taints"])

        # Upgrade to the other template (a synchronous call).
        self.accepted(1, "cluster", "upgrade", "k1", "k8s-new")
        cluster = self.wait("k1", "UPDATE_COMPLETE")
        self.assertEqual(new["uuid"], cluster["cluster_template_id"])

        self.coe(0, "nodegroup", "delete", "k1", "extra",
                 json_output=False)
        self.wait("k1", "UPDATE_COMPLETE")
        self.assertEqual(4, len(self.servers()))

        self.coe(1, "cluster", "delete", "k1", json_output=False)
        self.wait("k1", None)
        self.assertEqual({}, self.servers())
        self.assertEqual(before, self.leftovers())
        self.assertEqual([], self.coe(0, "cluster", "list"))

    def test_errors_reach_the_cli(self):
        self.template("k8s", "v1.30.4")
        # A public template naming a keypair its author lacks is fine;
        # the keypair is checked at cluster create, as the cluster's owner.
        admin = self.deploy.token("admin", "admin-secret", "admin")
        self.deploy.coe_with_token(
            0, admin, "cluster", "template", "create", "pub", *TEMPLATE,
            "--public")
        # No conductor: the create stays recorded, the cluster busy.
        self.deploy.conductor.kill()
        self.accepted(0, "cluster", "create", "k1", "--cluster-template",
                      "k8s")
        self.accepted(1, "cluster", "create", "k2", "--cluster-template",
                      "pub")
        for args, expected in (
                (["cluster", "create", "x", "--cluster-template", "nope"],
                 "nope could not be found"),
                (["cluster", "create", "x", "--cluster-template", "k8s",
                  "--master-count", "2"], "even number"),
                (["cluster", "create", "x", "--cluster-template", "k8s",
                  "--flavor", "m1.nope"], "Unable to find flavor"),
                (["cluster", "create", "x", "--cluster-template", "k8s",
                  "--keypair", "nope"], "Unable to find keypair nope"),
                (["cluster", "create", "x", "--cluster-template", "k8s",
                  "--labels", "kube_tag=v1.30.4@bad"], "kube_tag"),
                (["cluster", "resize", "k1", "2"], "in progress (create)"),
                (["cluster", "update", "k1", "--name", "x"],
                 "cannot change cluster property"),
                (["cluster", "update", "k1", "--node-count", "3"],
                 "in progress (create)"),
                (["nodegroup", "create", "k1", "ng"], "API address")):
            error = self.assertRaises(processes.CommandFailed, self.coe, 1,
                                      *args, json_output=False)
            self.assertIn(expected, error.stderr + error.stdout)
        # List and show never fail on a row in transition (issue 15):
        # k1's masters are being deleted, its worker nodegroup is gone.
        engine = sqlalchemy.create_engine(self.deploy.database_url)
        self.addCleanup(engine.dispose)
        with engine.begin() as conn:
            uuid = conn.execute(sqlalchemy.text(
                "SELECT uuid FROM cluster WHERE name = 'k1'")).scalar()
            conn.execute(sqlalchemy.text(
                "UPDATE nodegroup SET node_count = 0, status = "
                "'DELETE_IN_PROGRESS' WHERE cluster_id = :u AND role = "
                "'master'"), {"u": uuid})
            conn.execute(sqlalchemy.text(
                "DELETE FROM nodegroup WHERE cluster_id = :u AND role = "
                "'worker'"), {"u": uuid})
        for api in (0, 1):
            listed = {c["name"]: c for c in self.coe(api, "cluster", "list")}
            self.assertEqual((0, 0), (listed["k1"]["master_count"],
                                      listed["k1"]["node_count"]))
            self.assertEqual(0, self.show(api, "k1")["master_count"])
        # The project's Nova and Neutron quotas are checked before the 202.
        for service, limits, expected in (
                ("compute", {"instances": 2}, "quota of instances"),
                ("network", {"floatingip": 1}, "quota of floating IPs")):
            self.deploy.cloud_admin("PUT", "/quotas/%s/demo" % service,
                                    limits)
            error = self.assertRaises(
                processes.CommandFailed, self.coe, 0, "cluster", "create",
                "x", "--cluster-template", "k8s", "--node-count", "2",
                json_output=False)
            self.assertIn(expected, error.stderr + error.stdout)
            self.deploy.cloud_admin("PUT", "/quotas/%s/demo" % service,
                                    {k: -1 for k in limits})


class TestFailures(ClusterCLITestCase):
    def test_heat_failure_names_the_resource(self):
        self.deploy.cloud_admin("POST", "/faults/resource", {
            "kind": "fail", "resource_type": "OS::Nova::Server",
            "action": "CREATE", "reason": "No valid host was found",
            "stack_prefix": "bad-"})
        self.template("k8s", "v1.30.4")
        self.accepted(0, "cluster", "create", "bad", "--cluster-template",
                      "k8s")
        shown = self.wait("bad", "CREATE_FAILED")
        self.assertIn("kube_masters", shown["status_reason"])
        self.assertIn("No valid host was found", shown["status_reason"])
        self.assertNotIn("Traceback", shown["status_reason"])
        self.assertIn("default-master", shown["faults"])
        self.deploy.cloud_admin("DELETE", "/faults")
        self.coe(1, "cluster", "delete", "bad", json_output=False)
        self.wait("bad", None)

    def test_conductor_killed_mid_create(self):
        # Servers take 4 s to build, so the stack is still being created
        # when the conductor dies.
        self.deploy.cloud_admin("POST", "/faults/resource", {
            "kind": "slow", "resource_type": "OS::Nova::Server",
            "action": "CREATE", "delay": 4})
        self.template("k8s", "v1.30.4")
        self.accepted(0, "cluster", "create", "k1", "--cluster-template",
                      "k8s")
        processes.wait_for(lambda: self.show(1, "k1")["cluster_id"], 60,
                           what="the cluster's stack")
        self.deploy.conductor.kill()
        time.sleep(2)
        self.assertEqual("CREATE_IN_PROGRESS", self.show(0, "k1")["status"])
        self.deploy.start_conductor()
        cluster = self.wait("k1", "CREATE_COMPLETE")
        self.assertEqual(1, len(cluster["node_addresses"]))

    def test_conductor_killed_before_the_cast_is_handled(self):
        self.template("k8s", "v1.30.4")
        self.deploy.conductor.kill()
        self.accepted(0, "cluster", "create", "k1", "--cluster-template",
                      "k8s")
        self.assertEqual("CREATE_IN_PROGRESS", self.show(1, "k1")["status"])
        self.deploy.start_conductor()
        self.wait("k1", "CREATE_COMPLETE")


    def test_lost_cast_is_resumed_with_the_kept_token(self):
        # The create's cast is taken off the broker while no conductor
        # runs: only the intent the API recorded (with the caller's
        # token, encrypted) is left to drive the create after the grace.
        self.template("k8s", "v1.30.4")
        self.deploy.conductor.kill()
        self.accepted(0, "cluster", "create", "k1", "--cluster-template",
                      "k8s")
        queue = self.deploy.conductor_topic
        vhost = services.rabbit_vhost(self.deploy.rabbit_url)
        processes.wait_for(lambda: _queued(vhost, queue) >= 1, 30,
                           what="the create's cast in %s" % queue)
        services.rabbitmqctl("purge_queue", "-p", vhost, queue)
        self.assertEqual(0, _queued(vhost, queue))
        self.deploy.start_conductor()
        cluster = self.wait("k1", "CREATE_COMPLETE")
        self.assertEqual(1, len(cluster["node_addresses"]))
        self.assertIn("resuming its lost create", self.deploy.conductor.log())


def _queued(vhost, queue):
    """Messages ready in `queue` of the shared broker's `vhost`."""
    for line in services.rabbitmqctl("list_queues", "-p", vhost, "name",
                                     "messages").splitlines():
        name, _, count = line.partition("\t")
        if name == queue:
            return int(count)
    return 0


class TestRabbitMQRestart(ClusterCLITestCase):
    """The services run on a private RabbitMQ node, which the test stops
    and starts again while a create is in flight."""

    # A cast sent while the broker is down is delivered once the broker
    # and the conductor's connection are back (start ~5-7 s, reconnect
    # back-off on top): resuming "lost" work after 10 s would race it.
    extra = {"DEFAULT": EXTRA["DEFAULT"],
             "cluster": dict(EXTRA["cluster"], lost_operation_grace=90)}

    def rabbit_url(self):
        self.rabbit = private_rabbit.private_rabbit(self)
        return self.rabbit.url

    def test_rabbitmq_restart_loses_nothing(self):
        # Servers take 4 s to build: the first create is in Heat when
        # the broker goes away.
        self.deploy.cloud_admin("POST", "/faults/resource", {
            "kind": "slow", "resource_type": "OS::Nova::Server",
            "action": "CREATE", "delay": 4})
        self.template("k8s", "v1.30.4")
        self.accepted(0, "cluster", "create", "k1",
                      "--cluster-template", "k8s")
        processes.wait_for(lambda: self.show(1, "k1")["cluster_id"], 60,
                           what="the cluster's stack")
        self.rabbit.stop()
        # Back after 5 s. The create is recorded while the broker is
        # down; its cast goes out once the broker is back (or the
        # conductor's reconciliation drives the recorded operation).
        restart = threading.Timer(5, self.rabbit.start)
        restart.start()
        self.addCleanup(restart.join)
        self.accepted(1, "cluster", "create", "k2",
                      "--cluster-template", "k8s")
        restart.join()
        self.addDetail("private-rabbit-start-seconds", content.text_content(
            ", ".join("%.1f" % s for s in self.rabbit.start_seconds)))
        self.wait("k1", "CREATE_COMPLETE")
        self.wait("k2", "CREATE_COMPLETE")
        self.accepted(1, "cluster", "resize", "k1", "2")
        self.assertEqual(2, self.wait("k1", "UPDATE_COMPLETE")[
            "node_count"])
        self.coe(0, "cluster", "delete", "k2", json_output=False)
        self.wait("k2", None)
