"""The status sync's cost stays flat as clusters grow: one Heat list
call and two DB queries per cycle while nothing changes."""

import contextlib
import logging
import threading
import time

import fixtures
from oslo_utils import uuidutils
import sqlalchemy as sa

from magnum_like.conductor import status_sync
from magnum_like.db import clusters as db_clusters
from magnum_like.db import session
from magnum_like.drivers.heat import stack_listing
from tests.functional.conductor import base


class CountingManager:
    """heatclient's stacks manager, counting the calls made to it."""

    def __init__(self, manager):
        self._manager = manager
        self.calls = []

    def __getattr__(self, name):
        method = getattr(self._manager, name)

        def counted(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)
        return counted


def counting_stacks():
    stacks = status_sync.service_stacks()
    counter = CountingManager(stacks._stacks)
    stacks._stacks = counter
    return stacks, counter


@contextlib.contextmanager
def counting_queries():
    statements = []
    # Only this thread's: the conductor's heartbeat runs beside it.
    me = threading.get_ident()

    def before(conn, cursor, statement, *args):
        if threading.get_ident() != me:
            return
        if statement.split()[0].upper() not in ("BEGIN", "COMMIT",
                                                "ROLLBACK"):
            statements.append(statement)
    engine = session.get_engine()
    sa.event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)


class TestStatusSyncCost(base.ConductorCloudTestCase):
    """A Heat whose operator granted stacks:global_index: one list."""

    start_periodic = False
    cloud_settings = {"heat_allow_global_index": True}

    def cycle(self):
        stacks, counter = counting_stacks()
        with counting_queries() as queries:
            stats = status_sync.sync("conductor-a", heat=stacks)
        return stats, counter.calls, queries

    def test_flat_cost_then_transitions(self):
        # servers take a while: the stacks stay CREATE_IN_PROGRESS
        fault = self.cloud.world.faults.add_resource_fault(
            kind="slow", resource_type="OS::Nova::Server", action="CREATE",
            delay=6)
        ctx = self.caller()
        template = self.make_template(ctx)
        costs = {}
        uuids = []
        for count in (1, 4):
            while len(uuids) < count:
                row = self.make_cluster(ctx, template,
                                        name="c%d" % len(uuids))
                self.rpc.cluster_create(ctx, row.uuid)
                uuids.append(row.uuid)
            self.wait_idle(uuids)
            stats, calls, queries = self.cycle()
            self.assertEqual(count, stats.clusters)
            self.assertEqual(0, stats.changed)
            costs[count] = (len(calls), len(queries))
        self.assertEqual(costs[1], costs[4])
        self.assertEqual((1, 2), costs[1])

        # the servers come up: one outputs read and one write per cluster
        self.cloud.world.faults.clear(fault["id"])
        for uuid in uuids:
            self.wait_stack(uuid)
        stats, calls, queries = self.cycle()
        self.assertEqual(4, stats.changed)
        self.assertEqual(["list"] + ["get"] * 4, calls)
        for uuid in uuids:
            self.assertEqual("CREATE_COMPLETE",
                             db_clusters.get_by_uuid(uuid).status)

    def wait_idle(self, uuids):
        for uuid in uuids:
            self.wait_for(uuid, "CREATE_IN_PROGRESS")

    def wait_stack(self, uuid, timeout=30):
        stack_id = db_clusters.get_by_uuid(uuid).stack_id
        stacks = status_sync.service_stacks()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = stacks.list_by_ids([stack_id], all_projects=True)
            if found[stack_id].stack_status == "CREATE_COMPLETE":
                return
            time.sleep(0.1)
        self.fail("stack of %s not complete" % uuid)


class TestStatusSyncDefaultPolicy(base.ConductorCloudTestCase):
    """Heat's default policy (the local cloud's default): no
    stacks:global_index. The sync falls back to one list per project
    through a cluster's trust, says so once, and still completes the
    clusters."""

    start_periodic = False

    def setUp(self):
        super().setUp()
        self.trust_calls = []
        real = status_sync.trust_stacks

        def counted(cluster):
            stacks = real(cluster)
            counter = CountingManager(stacks._stacks)
            counter.calls = self.trust_calls
            stacks._stacks = counter
            return stacks
        self.useFixture(fixtures.MonkeyPatch(
            "magnum_like.conductor.status_sync.trust_stacks", counted))
        self.log = self.useFixture(fixtures.FakeLogger(
            name=stack_listing.__name__, level=logging.INFO))

    def cycle(self):
        stacks, counter = counting_stacks()
        del self.trust_calls[:]
        stats = status_sync.sync("conductor-a", heat=stacks)
        return stats, counter.calls, list(self.trust_calls)

    def start(self, ctx, template, name):
        row = self.make_cluster(ctx, template, name=name)
        self.rpc.cluster_create(ctx, row.uuid)
        self.wait_for(row.uuid, "CREATE_IN_PROGRESS")
        return row.uuid

    def test_per_project_fallback(self):
        fault = self.cloud.world.faults.add_resource_fault(
            kind="slow", resource_type="OS::Nova::Server", action="CREATE",
            delay=6)
        demo, alt = self.caller(), self.caller("alt_demo", "alt_demo")
        demo_template = self.make_template(demo)
        uuids = [self.start(demo, demo_template, "d1"),
                 self.start(demo, demo_template, "d2"),
                 self.start(alt, self.make_template(alt), "a1")]

        # the global list is refused once, then one list per project
        stats, service_calls, trust_calls = self.cycle()
        self.assertEqual((3, 0), (stats.clusters, stats.changed))
        self.assertEqual(["list"], service_calls)
        self.assertEqual(["list", "list"], trust_calls)
        self.assertEqual(stack_listing.PER_PROJECT,
                         stack_listing.lister().mode)
        stats, service_calls, trust_calls = self.cycle()
        self.assertEqual([], service_calls)
        self.assertEqual(["list", "list"], trust_calls)

        # the stacks complete: the sync completes the clusters
        self.cloud.world.faults.clear(fault["id"])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(
                db_clusters.get_by_uuid(u).status != "CREATE_COMPLETE"
                for u in uuids):
            self.cycle()
            time.sleep(0.2)
        for uuid in uuids:
            self.assertEqual("CREATE_COMPLETE",
                             db_clusters.get_by_uuid(uuid).status)
        self.assertEqual(1, self.log.output.count("Status sync mode:"),
                         self.log.output)
        self.assertIn("stacks:global_index", self.log.output)


class TestStackListUrls(base.ConductorCloudTestCase):
    """Every stack list URL stays under 4 KB, whatever the number of
    stacks asked for (proxies in front of Heat refuse longer ones)."""

    start_periodic = False
    cloud_settings = {"heat_allow_global_index": True}

    def test_urls_under_4k(self):
        log = self.useFixture(fixtures.FakeLogger(
            name="magnum_like.localcloud.wsgi.dispatcher",
            level=logging.DEBUG))
        ids = [uuidutils.generate_uuid() for _ in range(500)]
        found = status_sync.service_stacks().list_by_ids(
            ids, all_projects=True)
        self.assertEqual({}, found)
        lists = [line.split()[1] for line in log.output.splitlines()
                 if line.startswith("GET /heat-api/") and
                 "/stacks?" in line]
        self.assertEqual(7, len(lists))      # 80 ids a call
        longest = max(len(self.cloud.url) + len(u) for u in lists)
        self.assertLess(longest, 4096)
        self.assertGreater(longest, 3000)
