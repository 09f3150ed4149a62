"""The status sync's choice of Heat listing mode (no sockets: the
HeatStacks stand-ins answer as Heat's policy would)."""

import types

import fixtures
import testtools

from magnum_like.common import exceptions
from magnum_like.drivers.heat import stack_listing


class FakeStacks:
    """list_by_ids over a {stack id: project} table; `global_ok` is
    Heat's stacks:global_index, `project` the scope of the caller."""

    def __init__(self, table, global_ok=False, project=None, broken=False):
        self.table, self.global_ok = table, global_ok
        self.project, self.broken = project, broken
        self.calls = []

    def list_by_ids(self, ids, all_projects=False):
        self.calls.append((sorted(ids), all_projects))
        if self.broken:
            raise exceptions.ServiceUnavailable(reason="trust gone")
        if all_projects and not self.global_ok:
            raise exceptions.StackListForbidden(
                reason="You are not authorized to use global_index.")
        return {i: i for i in ids if all_projects or
                self.table.get(i) == self.project}


def _cluster(uuid, project, trust=True):
    return types.SimpleNamespace(uuid=uuid, project_id=project,
                                 trust_id="t-" + uuid if trust else None,
                                 trustee_user_id="u-" + uuid)


TABLE = {"s1": "p1", "s2": "p1", "s3": "p2"}
CLUSTERS = [_cluster("c1", "p1"), _cluster("c2", "p1"),
            _cluster("c3", "p2")]
STACKS = {"c1": {"s1"}, "c2": {"s2", None}, "c3": {"s3"}}


class TestStackLister(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.now = [1000.0]
        self.lister = stack_listing.StackLister(clock=lambda: self.now[0])
        self.log = self.useFixture(fixtures.FakeLogger(
            name=stack_listing.__name__))
        self.made = []

    def trust_stacks(self, broken=()):
        def make(cluster):
            self.made.append(cluster.uuid)
            return FakeStacks(TABLE, project=cluster.project_id,
                              broken=cluster.uuid in broken)
        return make

    def run_cycle(self, service, clusters=CLUSTERS, broken=()):
        wanted = stack_listing.wanted_by_project(clusters, STACKS)
        return self.lister.list(service, wanted, self.trust_stacks(broken))

    def test_global_mode_when_allowed(self):
        service = FakeStacks(TABLE, global_ok=True)
        for _ in range(2):
            found, unknown = self.run_cycle(service)
            self.assertEqual({"s1", "s2", "s3"}, set(found))
            self.assertEqual(set(), unknown)
        self.assertEqual(2, len(service.calls))
        self.assertEqual(stack_listing.GLOBAL, self.lister.mode)
        self.assertEqual([], self.made)
        self.assertEqual(1, self.log.output.count("Status sync mode"))

    def test_per_project_fallback_on_403(self):
        service = FakeStacks(TABLE)
        for _ in range(3):
            found, unknown = self.run_cycle(service)
            self.assertEqual({"s1", "s2", "s3"}, set(found))
            self.assertEqual(set(), unknown)
        # refused once; no probe again before PROBE_INTERVAL
        self.assertEqual(1, len(service.calls))
        self.assertEqual(stack_listing.PER_PROJECT, self.lister.mode)
        # one trust per project, kept from cycle to cycle
        self.assertEqual(["c1", "c3"], self.made)
        self.assertEqual(1, self.log.output.count("Status sync mode"))
        self.assertIn("stacks:global_index", self.log.output)

    def test_global_probed_again_later(self):
        service = FakeStacks(TABLE)
        self.run_cycle(service)
        service.global_ok = True
        self.now[0] += stack_listing.PROBE_INTERVAL - 1
        self.run_cycle(service)
        self.assertEqual(1, len(service.calls))
        self.now[0] += 1
        self.run_cycle(service)
        self.assertEqual(2, len(service.calls))
        self.assertEqual(stack_listing.GLOBAL, self.lister.mode)

    def test_next_trust_of_the_project_when_one_fails(self):
        found, unknown = self.run_cycle(FakeStacks(TABLE), broken=("c1",))
        self.assertEqual({"s1", "s2", "s3"}, set(found))
        self.assertEqual(["c1", "c2", "c3"], self.made)

    def test_project_without_usable_trust_is_unknown_not_missing(self):
        clusters = [_cluster("c1", "p1", trust=False), CLUSTERS[2]]
        found, unknown = self.run_cycle(FakeStacks(TABLE), clusters)
        self.assertEqual({"s3"}, set(found))
        self.assertEqual({"s1"}, unknown)
        found, unknown = self.run_cycle(FakeStacks(TABLE), CLUSTERS,
                                        broken=("c1", "c2"))
        self.assertEqual({"s1", "s2"}, unknown)
