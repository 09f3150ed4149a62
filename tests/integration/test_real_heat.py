"""Every driver's cluster lifecycle through real OpenStack Heat
(`openstack-heat` from PyPI: heat-api and heat-engine processes) on the
local cloud, through the real `openstack coe` CLI: the conductor talks
to the real heat-api the local cloud's catalog names, and the local
cloud's node agent plays the servers' os-collect-config, signalling
their software deployments back to Heat. One test per driver (stestr
runs them on its two workers); each records its Heat call counts and
wall times as test details."""

import re
import time

from testtools import content

from tests.integration import deployment
from tests.integration import processes
from tests.integration import test_clusters
from tests.integration import test_drivers
from tests.integration.real_heat import fixture as real_heat

# "GET /v1/<project>/stacks/... HTTP/1.1" lines of heat-api's log; the
# node agent's are the metadata reads and signals.
REQUEST_RE = re.compile(r'"(GET|POST|PUT|PATCH|DELETE) (/v1/\S*) HTTP')
AGENT_RE = re.compile(r"/resources/[^/]+/(metadata|signal)$")


class RealHeatCLITestCase(test_clusters.ClusterCLITestCase):
    # Whether Heat's policy grants stacks:global_index to admins (the
    # status sync's one-call mode); Heat's default policy when False.
    heat_global_index = True

    def setUp(self):
        # Not ClusterCLITestCase.setUp: the local cloud must name the
        # real heat-api before it starts.
        super(test_clusters.ClusterCLITestCase, self).setUp()
        real_heat.long_timeout(self)
        port = processes.free_port()
        self.deploy = self.useFixture(deployment.Deployment(
            self, auth_strategy="keystone",
            localcloud_seed=real_heat.seed(port), extra=self.extra))
        self.heat = self.useFixture(real_heat.RealHeat(
            self, port, self.deploy.auth_url,
            global_index=self.heat_global_index))
        self.demo = self.deploy.token("demo", "demo-secret", "demo")
        self.figures = []
        self.addDetail("real-heat-figures", content.Content(
            content.UTF8_TEXT, lambda: [
                ("\n".join(self.figures) + "\n").encode()]))

    def heat_requests(self):
        """(service calls, node agent calls) heat-api answered so far."""
        paths = [m.group(2) for m in REQUEST_RE.finditer(self.heat.api.log())]
        agent = sum(1 for p in paths if AGENT_RE.search(p.split("?")[0]))
        return len(paths) - agent, agent

    def measured(self, phase, action, cluster, status):
        """Run `action`, wait for the cluster to reach `status` again
        (its `updated_at` moved on), note the figures."""
        before = self.heat_requests()
        previous = None
        if status is not None and status != "CREATE_COMPLETE":
            previous = self.show(0, cluster)["updated_at"]
        start = time.monotonic()
        action()
        result = self.wait_changed(cluster, status, previous)
        after = self.heat_requests()
        self.figures.append(
            "%s: %.1f s, %d Heat API calls by the service, %d by the "
            "node agent" % (phase, time.monotonic() - start,
                            after[0] - before[0], after[1] - before[1]))
        return result

    def wait_changed(self, cluster, status, previous, timeout=420):
        deadline = time.monotonic() + timeout
        while True:
            shown = self.wait(cluster, status, timeout=timeout)
            if shown is None or shown["updated_at"] != previous:
                return shown
            if time.monotonic() > deadline:
                self.fail("%s was not updated: %s" % (cluster, shown))
            time.sleep(1)


class DriverLifecycle(RealHeatCLITestCase):
    """One driver's cluster: create, scale up, scale down removing the
    node added, upgrade (Kubernetes), delete. A class per driver: stestr
    groups tests by class, so the drivers run on both workers."""

    def lifecycle(self, driver):
        options, address, upgrades, remove_by = test_drivers.DRIVERS[driver]
        name = driver.replace("_", "-")
        self.coe(0, "cluster", "template", "create", name, *options)
        self.deploy.cloud_admin("PUT", "/quotas/compute/demo",
                                {"ram": -1, "cores": -1})
        cluster = self.measured(
            "create", lambda: self.accepted(
                1, "cluster", "create", name, "--cluster-template", name,
                "--node-count", "1"), name, "CREATE_COMPLETE")
        self.assertRegex(cluster["api_address"], "^%s$" % address)
        servers = self.servers()
        self.assertEqual(2, len(servers))

        cluster = self.measured(
            "scale up", lambda: self.accepted(0, "cluster", "resize", name,
                                              "2"), name, "UPDATE_COMPLETE")
        self.assertEqual(2, cluster["node_count"])
        grown = self.servers()
        added = [n for n in grown if n not in servers]
        self.assertEqual(1, len(added))
        victim = added[0] if remove_by == "name" else grown[added[0]]
        self.measured("scale down", lambda: self.accepted(
            1, "cluster", "resize", name, "1", "--nodes-to-remove", victim),
            name, "UPDATE_COMPLETE")
        self.assertEqual(servers, self.servers())

        if upgrades:
            self.upgrade(name, options)
        self.measured("delete", lambda: self.coe(
            0, "cluster", "delete", name, json_output=False), name, None)
        self.assertEqual({}, self.servers())

    def upgrade(self, name, options):
        newer = [o.replace("kube_tag=v1.30.4", "kube_tag=v1.31.1")
                 for o in options]
        new = self.coe(0, "cluster", "template", "create", name + "-new",
                       *newer)
        cluster = self.measured("upgrade", lambda: self.accepted(
            1, "cluster", "upgrade", name, name + "-new"),
            name, "UPDATE_COMPLETE")
        self.assertEqual(new["uuid"], cluster["cluster_template_id"])


class TestK8sFedoraCoreos(DriverLifecycle):
    # Under Heat's default policy: the status sync falls back to listing
    # per project.
    heat_global_index = False

    def test_lifecycle(self):
        self.lifecycle("k8s_fedora_coreos_v1")


class TestK8sFedoraIronic(DriverLifecycle):
    def test_lifecycle(self):
        self.lifecycle("k8s_fedora_ironic_v1")


class TestSwarmFedoraAtomicV1(DriverLifecycle):
    def test_lifecycle(self):
        self.lifecycle("swarm_fedora_atomic_v1")


class TestSwarmFedoraAtomicV2(DriverLifecycle):
    def test_lifecycle(self):
        self.lifecycle("swarm_fedora_atomic_v2")


class TestMesosUbuntu(DriverLifecycle):
    def test_lifecycle(self):
        self.lifecycle("mesos_ubuntu_v1")
