"""`openstack coe service list` against two API processes, a conductor,
RabbitMQ and MariaDB: up while it beats, down once killed."""

import signal

from oslo_messaging import conffixture

from magnum_like.common import context
from magnum_like.common import rpc
from magnum_like.conductor import rpcapi
from tests import base
from tests.integration import deployment
from tests.integration import processes


class TestServiceList(base.TestCase):
    def setUp(self):
        super().setUp()
        self.deploy = self.useFixture(deployment.Deployment(self))

    def _conductor_state(self, api_index):
        rows = self.deploy.coe(api_index, "service", "list")
        mine = [r for r in rows if r["host"] == self.deploy.conductor_host]
        return mine[0]["state"] if mine else None

    def test_conductor_up_then_down_after_kill(self):
        for index in range(2):
            processes.wait_for(
                lambda i=index: self._conductor_state(i) == "up", 30,
                what="conductor up through API %d" % index)
        [row] = [r for r in self.deploy.coe(1, "service", "list")
                 if r["host"] == self.deploy.conductor_host]
        self.assertEqual("magnum-conductor", row["binary"])
        self.deploy.conductor.kill()
        # service_down_time is 6 s in this deployment.
        processes.wait_for(lambda: self._conductor_state(0) == "down", 30,
                           what="conductor down after kill -9")
        self.assertEqual("down", self._conductor_state(1))

    def test_conductor_stops_gracefully_on_sigterm(self):
        conductor = self.deploy.conductor
        processes.wait_for(lambda: self._conductor_state(0) == "up", 30,
                           what="conductor up")
        conductor.signal(signal.SIGTERM)
        self.assertEqual(0, conductor.proc.wait(30))
        self.assertIn("stopped", conductor.log())

    def test_rpc_call_over_rabbitmq_reaches_the_conductor(self):
        messaging = self.useFixture(conffixture.ConfFixture(base.CONF))
        messaging.transport_url = self.deploy.rabbit_url
        self.config(topic=self.deploy.conductor_topic, group="conductor")
        self.addCleanup(rpc.cleanup)
        api = rpcapi.ConductorAPI(timeout=30)
        reply = processes.wait_for(
            lambda: api.ping(context.get_admin_context()), 60,
            what="ping over RabbitMQ")
        self.assertEqual({"host": self.deploy.conductor_host}, reply)
