"""The cluster lock between two conductors sharing a SQLite file."""

import datetime
import threading

from oslo_utils import timeutils

from magnum_like.common import exceptions
from magnum_like.conductor import locking
from magnum_like.db import clusters as db_clusters
from magnum_like.db import models
from magnum_like.db import services
from magnum_like.db import session
from tests import base
from tests import fixtures_db


def make_cluster(status="CREATE_COMPLETE"):
    return db_clusters.create_with_nodegroups(
        dict(name="c", project_id="p", status=status),
        [dict(name="default-worker", role="worker", node_count=1,
              is_default=True, status=status)])


def age_heartbeat(host, seconds):
    old = timeutils.utcnow() - datetime.timedelta(seconds=seconds)
    with session.writer() as s:
        s.query(models.MagnumService).filter_by(host=host).update(
            {"last_seen_up": old})


class TestClusterLock(base.TestCase):
    def setUp(self):
        super().setUp()
        self.useFixture(fixtures_db.MigratedSQLite(self.config_fixture))
        for host in ("cond-a", "cond-b"):
            services.heartbeat(host, services.CONDUCTOR_BINARY)
        self.cluster = make_cluster()

    def test_second_conductor_is_refused_with_the_holder(self):
        with locking.cluster_lock(self.cluster.uuid, "cond-a",
                                  "resize") as task:
            self.assertEqual("cond-a", task.cluster.reservation)
            error = self.assertRaises(
                exceptions.ClusterLocked, locking.acquire,
                self.cluster.uuid, "cond-b", "delete")
            self.assertEqual(409, error.code)
            self.assertIn("cond-a", str(error))
            self.assertIn("resize", str(error))
        # released: the other conductor gets it
        with locking.cluster_lock(self.cluster.uuid, "cond-b", "delete"):
            pass
        self.assertIsNone(
            db_clusters.get_by_uuid(self.cluster.uuid).reservation)

    def test_only_one_of_racing_conductors_wins(self):
        results = []
        barrier = threading.Barrier(8)

        def take(host):
            barrier.wait()
            try:
                results.append(locking.acquire(self.cluster.uuid, host,
                                               "x").host)
            except exceptions.ClusterLocked:
                results.append(None)
        threads = [threading.Thread(target=take, args=(h,))
                   for h in ["cond-a", "cond-b"] * 4]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(1, len([r for r in results if r]))

    def test_lock_of_a_dead_conductor_is_taken_over(self):
        task_a = locking.acquire(self.cluster.uuid, "cond-a", "create")
        age_heartbeat("cond-a", 3600)
        task_b = locking.acquire(self.cluster.uuid, "cond-b", "delete")
        self.assertEqual("cond-b", task_b.cluster.reservation)
        # the old holder can neither write nor release the new lock
        self.assertRaises(exceptions.ClusterLockLost, task_a.save,
                          {"status": "CREATE_FAILED"})
        locking.release(task_a)
        self.assertEqual("cond-b",
                         db_clusters.get_by_uuid(
                             self.cluster.uuid).reservation)
        task_b.save({"status": "DELETE_IN_PROGRESS"})

    def test_old_lock_expires_even_with_a_live_holder(self):
        self.config(lock_stale_after=60, group="conductor")
        locking.acquire(self.cluster.uuid, "cond-a", "create")
        old = timeutils.utcnow() - datetime.timedelta(seconds=120)
        db_clusters.update(self.cluster.uuid, {"reserved_at": old})
        locking.acquire(self.cluster.uuid, "cond-b", "delete")

    def test_release_all_at_start_up(self):
        locking.acquire(self.cluster.uuid, "cond-a", "create")
        self.assertEqual(1, locking.release_all("cond-a"))
        locking.acquire(self.cluster.uuid, "cond-b", "delete")

    def test_apply_if_idle_is_compare_and_set(self):
        row = db_clusters.get_by_uuid(self.cluster.uuid)
        task = locking.acquire(row.uuid, "cond-a", "x")
        self.assertFalse(locking.apply_if_idle(row, {"status": "Y"}))
        locking.release(task)
        row = db_clusters.get_by_uuid(row.uuid)
        self.assertTrue(locking.apply_if_idle(row, {"api_address": "a"}))
        # the row changed since it was read: refused
        self.assertFalse(locking.apply_if_idle(row, {"api_address": "b"}))
        self.assertEqual("a", db_clusters.get_by_uuid(row.uuid).api_address)

    def test_unknown_cluster(self):
        self.assertRaises(exceptions.ClusterNotFound, locking.acquire,
                          "nope", "cond-a", "x")
