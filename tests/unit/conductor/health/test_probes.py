"""How answers become health: Magnum's reason dict and statuses."""

import datetime
import types

from magnum_like.common import statuses
from magnum_like.conductor.health import monitor
from magnum_like.conductor.health import probes
from tests import base


class TestJudge(base.TestCase):
    def test_all_ready_is_healthy(self):
        health = probes._judge("ok", [
            probes.NodeState("m", "master", True),
            probes.NodeState("w", "worker", True)])
        self.assertEqual(statuses.HEALTHY, health.status)
        self.assertEqual({"api": "ok", "m.Ready": "True",
                          "w.Ready": "True"}, health.reason)

    def test_one_not_ready_or_a_bad_api_is_unhealthy(self):
        health = probes._judge("ok", [probes.NodeState("w", "worker", False)])
        self.assertEqual(statuses.UNHEALTHY, health.status)
        self.assertEqual("False", health.reason["w.Ready"])
        self.assertEqual(statuses.UNHEALTHY,
                         probes._judge("etcd failed", []).status)

    def test_unknown_names_only_the_api(self):
        self.assertEqual({"api": "down"}, probes.unknown("down").reason)
        self.assertFalse(probes.unknown("down").api_ok)

    def test_times_are_naive_utc(self):
        self.assertEqual(datetime.datetime(2026, 1, 1, 11, 0),
                         probes._parse_time("2026-01-01T12:00:00+01:00"))
        self.assertEqual(datetime.datetime(2026, 1, 1, 12, 0),
                         probes._parse_time("2026-01-01T12:00:00Z"))
        self.assertIsNone(probes._parse_time("yesterday"))

    def test_deadline(self):
        target = probes.Target(None, "u", None, "", 0)
        self.assertRaises(TimeoutError, target.timeout)


class TestAccessible(base.TestCase):
    def cluster(self, fip=True, lb=False):
        return types.SimpleNamespace(floating_ip_enabled=fip,
                                     master_lb_enabled=lb)

    def test_floating_ip_decides(self):
        self.assertTrue(monitor.accessible(self.cluster(), {}))
        self.assertFalse(monitor.accessible(self.cluster(fip=False), {}))

    def test_master_lb_label_overrides(self):
        labels = {"master_lb_floating_ip_enabled": "false"}
        self.assertFalse(monitor.accessible(self.cluster(lb=True), labels))
        self.assertTrue(monitor.accessible(
            self.cluster(fip=False, lb=True),
            {"master_lb_floating_ip_enabled": "true"}))
        # Without a master LB the label is not consulted.
        self.assertTrue(monitor.accessible(self.cluster(), labels))
