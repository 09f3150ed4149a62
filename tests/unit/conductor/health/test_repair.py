"""Which NotReady nodes the repair may replace, and whether a cluster
opted in (no DB, no RPC: the choice, not the resize)."""

import datetime
import types

from magnum_like.common import statuses
from magnum_like.conductor.health import probes
from magnum_like.conductor.health import repair
from tests import base

NOW = datetime.datetime(2026, 1, 1, 12, 0, 0)
HEALING = {"auto_healing_enabled": "true",
           "auto_healing_controller": "magnum-like-conductor"}


def node(name, role="worker", ready=False, minutes_ago=10, nodegroup=None):
    since = NOW - datetime.timedelta(minutes=minutes_ago) \
        if minutes_ago is not None else None
    return probes.NodeState(name, role, ready, since, nodegroup)


class TestChoice(base.TestCase):
    def setUp(self):
        super().setUp()
        self.config(auto_healing_grace_period=300, group="cluster_health")
        self.addCleanup(repair._first_seen.clear)

    def test_enabled_only_with_the_service_controller(self):
        self.assertTrue(repair.enabled(HEALING))
        for labels in ({}, {"auto_healing_enabled": "true"},
                       dict(HEALING, auto_healing_enabled="false"),
                       dict(HEALING,
                            auto_healing_controller="magnum-auto-healer")):
            self.assertFalse(repair.enabled(labels), labels)

    def test_only_workers_past_the_grace_period_oldest_first(self):
        nodes = [node("w-late", minutes_ago=20), node("w-new", minutes_ago=1),
                 node("w-ok", ready=True), node("m-0", role="master"),
                 node("w-older", minutes_ago=30)]
        found = repair.overdue("c", nodes, now=NOW)
        self.assertEqual(["w-older", "w-late"], [n.name for _, n in found])

    def test_without_a_transition_time_the_first_sighting_counts(self):
        agent = node("agent-0", minutes_ago=None)
        self.assertEqual([], repair.overdue("c", [agent], now=NOW))
        later = NOW + datetime.timedelta(minutes=6)
        self.assertEqual(["agent-0"], [n.name for _, n in repair.overdue(
            "c", [agent], now=later)])
        # Ready again: the clock starts over.
        repair.overdue("c", [probes.NodeState("agent-0", "worker", True)],
                       now=later)
        self.assertEqual([], repair.overdue("c", [agent], now=later))

    def test_nodegroup_by_label_else_default_worker(self):
        ngs = [types.SimpleNamespace(name="default-master", role="master",
                                     is_default=True),
               types.SimpleNamespace(name="default-worker", role="worker",
                                     is_default=True),
               types.SimpleNamespace(name="gpu", role="worker",
                                     is_default=False)]
        self.assertEqual("gpu", repair.nodegroup_of(
            node("x", nodegroup="gpu"), ngs).name)
        self.assertEqual("default-worker", repair.nodegroup_of(
            node("x"), ngs).name)

    def test_never_when_the_api_is_not_ok_or_only_masters_are_sick(self):
        cluster = types.SimpleNamespace(uuid="c")
        down = probes.Health(statuses.UNKNOWN, {"api": "unreachable"},
                             (node("w-0"),))
        self.assertFalse(repair.consider(None, cluster, HEALING, down))
        masters = probes.Health(statuses.UNHEALTHY, {"api": "ok"},
                                (node("m-0", role="master"),))
        self.assertFalse(repair.consider(None, cluster, HEALING, masters))
