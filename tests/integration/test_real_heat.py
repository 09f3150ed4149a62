"""Every driver's cluster lifecycle through real OpenStack Heat
(`openstack-heat` from PyPI: heat-api and heat-engine processes) on the
local cloud, through the real `openstack coe` CLI: the service's
conductor talks to the real heat-api the local cloud's catalog names;
the local cloud's node agent plays the servers' os-collect-config and
signals their software deployments back to Heat."""

from tests.integration import deployment
from tests.integration import processes
from tests.integration import test_clusters
from tests.integration import test_drivers
from tests.integration.real_heat import fixture as real_heat


class RealHeatCLITestCase(test_clusters.ClusterCLITestCase):
    def setUp(self):
        # Not ClusterCLITestCase.setUp: the local cloud must name the
        # real heat-api before it starts.
        super(test_clusters.ClusterCLITestCase, self).setUp()
        port = processes.free_port()
        self.deploy = self.useFixture(deployment.Deployment(
            self, auth_strategy="keystone",
            localcloud_seed=real_heat.seed(port), extra=self.extra))
        self.heat = self.useFixture(real_heat.RealHeat(
            self, port, self.deploy.auth_url))
        self.demo = self.deploy.token("demo", "demo-secret", "demo")


class TestRealHeatDrivers(RealHeatCLITestCase, test_drivers.TestDrivers):
    def wait(self, cluster, status, timeout=300):
        return super().wait(cluster, status, timeout=timeout)

    def test_every_driver(self):
        self.skipTest("per-driver tests below")

    def test_k8s_fedora_coreos(self):
        self.lifecycle("k8s_fedora_coreos_v1")
