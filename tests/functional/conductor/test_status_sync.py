"""The status sync's cost stays flat as clusters grow: one Heat list
call and two DB queries per cycle while nothing changes."""

import contextlib
import threading
import time

import sqlalchemy as sa

from magnum_like.conductor import status_sync
from magnum_like.db import clusters as db_clusters
from magnum_like.db import session
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
    start_periodic = False

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
