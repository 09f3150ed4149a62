"""Bounded hand-over to the message bus and one process's view of the
bus's health (common/bus.py)."""

import logging
import threading
import time

import fixtures
import oslo_messaging as messaging

from magnum_like.common import bus
from magnum_like.common import rpc
from tests import base


class TestBoundedSend(base.TestCase):
    def setUp(self):
        super().setUp()
        bus.reset()
        self.addCleanup(bus.reset)
        self.config(rpc_send_timeout=0.2, group="conductor")
        self.logs = self.useFixture(
            fixtures.FakeLogger(
                name="magnum_like.common.bus", level=logging.INFO))

    def refused_by_the_broker(self):
        raise messaging.MessageDeliveryFailure("Connection refused")

    def test_a_send_that_hangs_is_given_up_within_the_bound(self):
        release = threading.Event()
        self.addCleanup(release.set)
        began = time.monotonic()
        self.assertRaises(bus.BusUnavailable, bus.send, release.wait)
        self.assertLess(time.monotonic() - began, 2)
        self.assertTrue(bus.HEALTH.is_down())

    def test_a_refused_send_marks_the_bus_down_and_warns_once(self):
        calls = []

        def refused():
            calls.append(1)
            self.refused_by_the_broker()

        self.assertRaises(bus.BusUnavailable, bus.send, refused)
        for _ in range(5):
            # refused at once: no new attempt until the next probe
            self.assertRaises(bus.BusUnavailable, bus.send, refused)
        self.assertEqual(1, len(calls))
        self.assertEqual(1, self.logs.output.count("unavailable"))

    def test_a_probe_after_the_interval_ends_the_outage(self):
        self.assertRaises(bus.BusUnavailable, bus.send,
                          self.refused_by_the_broker)
        time.sleep(0.25)
        self.assertEqual("sent", bus.send(lambda: "sent"))
        self.assertFalse(bus.HEALTH.is_down())
        self.assertIn("reachable again", self.logs.output)
        self.assertEqual("again", bus.send(lambda: "again"))

    def test_a_conductors_answer_is_not_a_bus_error(self):
        def no_answer():
            raise messaging.MessagingTimeout("no reply")

        self.assertRaises(messaging.MessagingTimeout, bus.send, no_answer)
        self.assertFalse(bus.HEALTH.is_down())

    def test_rabbit_driver_errors_are_quiet_while_the_bus_is_down(self):
        driver_logs = self.useFixture(fixtures.FakeLogger(
            name=bus.RABBIT_LOGGER, level=logging.INFO))

        def refused_noisily():
            logging.getLogger(bus.RABBIT_LOGGER).error("unreachable")
            self.refused_by_the_broker()

        self.assertRaises(bus.BusUnavailable, bus.send, refused_noisily)
        time.sleep(0.25)
        self.assertRaises(bus.BusUnavailable, bus.send, refused_noisily)
        # the first attempt of the outage is logged, the probe is not
        self.assertEqual(1, driver_logs.output.count("unreachable"))


class TestMessagingDefaults(base.TestCase):
    def test_retry_and_timeouts_are_set_deliberately(self):
        rpc.set_defaults()
        conf = rpc.CONF
        self.assertEqual(30, conf.rpc_response_timeout)
        rabbit = conf.oslo_messaging_rabbit
        self.assertEqual((20, 1, 2, 10), (
            rabbit.heartbeat_timeout_threshold, rabbit.rabbit_retry_interval,
            rabbit.rabbit_retry_backoff, rabbit.rabbit_interval_max))
