"""A test using the shared RabbitMQ leaves no queue behind: it runs in a
vhost of its own, deleted with everything in it when the test ends."""

import subprocess
import uuid

import oslo_messaging as messaging
import testtools

from tests import base
from tests.integration import services


def _queues_everywhere():
    vhosts = subprocess.run(["rabbitmqctl", "-q", "list_vhosts", "name"],
                            capture_output=True, text=True, check=True,
                            timeout=60).stdout.split()
    names = set()
    for vhost in vhosts:
        if vhost == "name":
            continue
        run = subprocess.run(["rabbitmqctl", "-q", "list_queues", "-p",
                              vhost, "name"], capture_output=True,
                             text=True, timeout=60)
        names.update(run.stdout.split())
    return names


class _Endpoint:
    target = messaging.Target(version="1.0")

    def ping(self, ctxt):
        return "pong"


def _probe_class(topic):
    class Probe(base.TestCase):
        def test_rpc_round_trip(self):
            url = services.require_rabbitmq(self)
            transport = messaging.get_rpc_transport(base.CONF, url=url)
            self.addCleanup(transport.cleanup)
            target = messaging.Target(topic=topic, server="probe")
            server = messaging.get_rpc_server(
                transport, target, [_Endpoint()], executor="threading")
            server.start()
            self.addCleanup(server.wait)
            self.addCleanup(server.stop)
            client = messaging.get_rpc_client(
                transport, messaging.Target(topic=topic), timeout=30)
            self.assertEqual("pong", client.call({}, "ping"))
    return Probe


class TestBrokerHygiene(base.TestCase):
    def test_a_test_leaves_no_queue(self):
        services.require_rabbitmq(self)
        topic = "ml-hygiene-%s" % uuid.uuid4().hex[:8]
        result = testtools.TestResult()
        _probe_class(topic)("test_rpc_round_trip").run(result)
        self.assertEqual([], result.errors + result.failures)
        self.assertEqual(1, result.testsRun)
        self.assertEqual([], sorted(q for q in _queues_everywhere()
                                    if topic in q))
