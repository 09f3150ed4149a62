"""db.clusters and db.nodegroups on a migrated SQLite file."""

import datetime
import threading

from oslo_utils import timeutils

from magnum_like.common import context as ml_context
from magnum_like.common import exceptions
from magnum_like.db import clusters
from magnum_like.db import nodegroups
from magnum_like.db import services
from tests import base
from tests import fixtures_db

COMPLETE = ("CREATE_COMPLETE", "UPDATE_COMPLETE")


def make_cluster(name="c1", project="p1", workers=2, masters=1,
                 quota_limit=None, **kw):
    values = dict(name=name, project_id=project, user_id="u1",
                  status="CREATE_IN_PROGRESS",
                  pending_operation=clusters.pending("create"))
    values.update(kw)
    return clusters.create_with_nodegroups(values, [
        dict(name="default-master", role="master", node_count=masters,
             is_default=True, status="CREATE_IN_PROGRESS"),
        dict(name="default-worker", role="worker", node_count=workers,
             is_default=True, status="CREATE_IN_PROGRESS")],
        quota_limit=quota_limit)


class TestClusters(base.TestCase):
    def setUp(self):
        super().setUp()
        self.useFixture(fixtures_db.MigratedSQLite(self.config_fixture))
        self.ctx = ml_context.make_context(project_id="p1", user_id="u1")

    def test_create_get_list_stats(self):
        row = make_cluster()
        self.assertEqual("create", row.pending_operation["op"])
        self.assertEqual(row.uuid, clusters.get(self.ctx, "c1").uuid)
        self.assertEqual(row.uuid, clusters.get(self.ctx, row.uuid).uuid)
        other = ml_context.make_context(project_id="p2")
        self.assertRaises(exceptions.ClusterNotFound, clusters.get,
                          other, "c1")
        self.assertEqual(row.uuid,
                         clusters.get(other, "c1", all_tenants=True).uuid)
        make_cluster(name="c1", project="p1")
        self.assertRaises(exceptions.AmbiguousName, clusters.get,
                          self.ctx, "c1")
        make_cluster(name="c3", project="p2", workers=5)
        self.assertEqual(2, clusters.count_for_project("p1"))
        self.assertEqual((3, 12), clusters.stats())
        self.assertEqual((1, 6), clusters.stats("p2"))
        page = clusters.list(self.ctx, limit=1, sort_key="name")
        self.assertEqual(1, len(page))
        rest = clusters.list(self.ctx, marker=page[0].uuid,
                             sort_key="name")
        self.assertEqual(1, len(rest))
        self.assertEqual(
            ["c3"], [c.name for c in clusters.list(
                self.ctx, filters={"node_count": 5}, all_tenants=True)])
        self.assertEqual(3, len(clusters.list_in_progress()))
        ngs = nodegroups.list_for_clusters([row.uuid])
        self.assertEqual(["default-master", "default-worker"],
                         [n.name for n in ngs[row.uuid]])

    def test_begin_operation(self):
        row = make_cluster()
        # create still pending: busy
        error = self.assertRaises(
            exceptions.ClusterBusy, clusters.begin_operation, row.uuid,
            "update", ("CREATE_IN_PROGRESS",), "UPDATE_IN_PROGRESS")
        self.assertEqual(409, error.code)
        self.assertIn("create", str(error))
        clusters.update(row.uuid, {"pending_operation": None,
                                   "status": "CREATE_COMPLETE"})
        self.assertFalse(clusters.is_pending(clusters.get_by_uuid(row.uuid)))
        worker = nodegroups.get(row.uuid, "default-worker")
        done = clusters.begin_operation(
            row.uuid, "resize", COMPLETE, "UPDATE_IN_PROGRESS",
            nodegroup_changes={worker.uuid: {"node_count": 4}},
            params={"nodegroup_uuid": worker.uuid})
        self.assertEqual("UPDATE_IN_PROGRESS", done.status)
        self.assertEqual("resize", done.pending_operation["op"])
        self.assertEqual(4, nodegroups.get_by_uuid(worker.uuid).node_count)
        clusters.update(row.uuid, {"pending_operation": None})
        # handed to Heat, still running: busy (409) naming it, from the
        # DB layer itself
        error = self.assertRaises(
            exceptions.ClusterBusy, clusters.begin_operation,
            row.uuid, "update", COMPLETE, "UPDATE_IN_PROGRESS")
        self.assertEqual(409, error.code)
        self.assertIn("(update)", str(error))
        clusters.update(row.uuid, {"status": "CREATE_FAILED"})
        error = self.assertRaises(
            exceptions.ClusterStatusNotAllowed, clusters.begin_operation,
            row.uuid, "update", COMPLETE, "UPDATE_IN_PROGRESS")
        self.assertEqual(400, error.code)
        self.assertIn("CREATE_FAILED", str(error))
        self.assertRaises(exceptions.ClusterNotFound,
                          clusters.begin_operation, "nope", "update",
                          COMPLETE, "UPDATE_IN_PROGRESS")

    def test_begin_operation_respects_live_locks_only(self):
        row = make_cluster(status="CREATE_COMPLETE", pending_operation=None)
        services.heartbeat("cond-a", services.CONDUCTOR_BINARY)
        clusters.update(row.uuid, {"reservation": "cond-a",
                                   "reserved_at": timeutils.utcnow(),
                                   "reserved_for": "update"})
        self.assertRaises(exceptions.ClusterBusy, clusters.begin_operation,
                          row.uuid, "update", COMPLETE, "UPDATE_IN_PROGRESS")
        # the holder's heartbeat is too old: the lock is stale
        old = timeutils.utcnow() - datetime.timedelta(seconds=3600)
        with clusters.session.writer() as s:
            s.query(clusters.models.MagnumService).update(
                {"last_seen_up": old})
        done = clusters.begin_operation(row.uuid, "update", COMPLETE,
                                        "UPDATE_IN_PROGRESS")
        self.assertEqual("UPDATE_IN_PROGRESS", done.status)

    def test_pending_older_than_and_destroy(self):
        row = make_cluster()
        self.assertEqual([], clusters.list_with_pending_operation(60))
        self.assertEqual([row.uuid], [
            c.uuid for c in clusters.list_with_pending_operation(0)])
        clusters.destroy(row.uuid)
        self.assertEqual({row.uuid: []},
                         nodegroups.list_for_clusters([row.uuid]))
        self.assertRaises(exceptions.ClusterNotFound, clusters.destroy,
                          row.uuid)


class TestNodeGroups(base.TestCase):
    def setUp(self):
        super().setUp()
        self.useFixture(fixtures_db.MigratedSQLite(self.config_fixture))

    def test_crud(self):
        cluster = make_cluster()
        ng = nodegroups.create(dict(cluster_id=cluster.uuid, name="extra",
                                    role="worker", node_count=1,
                                    project_id="p1"))
        self.assertRaises(exceptions.NodeGroupAlreadyExists,
                          nodegroups.create,
                          dict(cluster_id=cluster.uuid, name="extra"))
        self.assertEqual(ng.uuid, nodegroups.get(cluster.uuid, ng.id).uuid)
        self.assertEqual(ng.uuid, nodegroups.get(cluster.uuid,
                                                 str(ng.id)).uuid)
        self.assertEqual(ng.uuid, nodegroups.get(cluster.uuid, "extra").uuid)
        self.assertEqual(ng.uuid, nodegroups.get(cluster.uuid, ng.uuid).uuid)
        self.assertEqual(["default-master"], [
            n.name for n in nodegroups.list(cluster.uuid, role="master")])
        self.assertEqual(3, nodegroups.update(ng.uuid,
                                              {"node_count": 3}).node_count)
        nodegroups.destroy(ng.uuid)
        self.assertRaises(exceptions.NodeGroupNotFound, nodegroups.get,
                          cluster.uuid, "extra")


def race_creates(test, threads=8, limit=3, project="race"):
    """`threads` simultaneous creates in one project under a limit of
    `limit`: (accepted, refused) counts; the table must agree."""
    existing = clusters.count_for_project(project)
    barrier = threading.Barrier(threads)
    outcome = {"ok": 0, "refused": 0}
    lock = threading.Lock()

    def create(index):
        barrier.wait()
        try:
            make_cluster(name="r%d" % index, project=project,
                         quota_limit=limit)
            key = "ok"
        except exceptions.ResourceLimitExceeded:
            key = "refused"
        with lock:
            outcome[key] += 1
    workers = [threading.Thread(target=create, args=(i,))
               for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    test.assertEqual(threads, outcome["ok"] + outcome["refused"])
    test.assertLessEqual(outcome["ok"], limit - existing)
    test.assertGreaterEqual(outcome["ok"], 1)
    test.assertEqual(existing + outcome["ok"],
                     clusters.count_for_project(project))
    return outcome


class TestConcurrency(base.TestCase):
    def setUp(self):
        super().setUp()
        self.useFixture(fixtures_db.MigratedSQLite(self.config_fixture))

    def test_quota_holds_against_simultaneous_creates(self):
        make_cluster(name="old", project="race", quota_limit=3)
        race_creates(self, threads=8, limit=3)
        # the refused ones left no nodegroups behind
        with clusters.session.reader() as s:
            orphans = (s.query(clusters.models.NodeGroup)
                       .filter(~clusters.models.NodeGroup.cluster_id.in_(
                           s.query(clusters.models.Cluster.uuid)))
                       .count())
        self.assertEqual(0, orphans)

    def test_quota_sequential(self):
        make_cluster(name="a", quota_limit=1)
        self.assertRaises(exceptions.ResourceLimitExceeded, make_cluster,
                          name="b", quota_limit=1)
        self.assertEqual(1, clusters.count_for_project("p1"))

    def test_nodegroup_create_is_one_transaction_with_its_operation(self):
        cluster = make_cluster(status="CREATE_COMPLETE",
                               pending_operation=None)
        values = dict(name="extra", role="worker", node_count=1,
                      project_id="p1", status="CREATE_IN_PROGRESS")
        ng = clusters.begin_nodegroup_create(
            cluster.uuid, values, COMPLETE, "UPDATE_IN_PROGRESS")
        row = clusters.get_by_uuid(cluster.uuid)
        self.assertEqual("nodegroup_create", row.pending_operation["op"])
        self.assertEqual(ng.uuid,
                         row.pending_operation["params"]["nodegroup_uuid"])
        self.assertEqual("UPDATE_IN_PROGRESS", row.status)
        # busy now: refused (409 naming the operation), no row written
        error = self.assertRaises(
            exceptions.ClusterBusy, clusters.begin_nodegroup_create,
            cluster.uuid, dict(values, name="more"), COMPLETE,
            "UPDATE_IN_PROGRESS")
        self.assertIn("nodegroup_create", str(error))
        self.assertRaises(exceptions.NodeGroupNotFound, nodegroups.get,
                          cluster.uuid, "more")
        # a duplicate name: refused, and no operation recorded
        clusters.update(cluster.uuid, {"pending_operation": None,
                                       "status": "UPDATE_COMPLETE"})
        self.assertRaises(
            exceptions.NodeGroupAlreadyExists,
            clusters.begin_nodegroup_create, cluster.uuid, values,
            COMPLETE, "UPDATE_IN_PROGRESS")
        row = clusters.get_by_uuid(cluster.uuid)
        self.assertFalse(clusters.is_pending(row))
        self.assertEqual("UPDATE_COMPLETE", row.status)
