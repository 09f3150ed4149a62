"""Heat stack status to nodegroup and cluster status (facts §10.1)."""

import types

import testtools

from magnum_like.drivers.heat import status


def ng(name, state, default=True, role="worker", reason=None):
    return types.SimpleNamespace(name=name, status=state, is_default=default,
                                 role=role, status_reason=reason)


class TestPoll(testtools.TestCase):
    def test_outputs_synced_after_complete_or_create_failed(self):
        for state in ("CREATE_COMPLETE", "CREATE_FAILED",
                      "UPDATE_COMPLETE"):
            update = status.poll(state, "why", state)
            self.assertEqual((state, "why", True), tuple(update))

    def test_status_copied_when_it_changed(self):
        self.assertEqual(("UPDATE_FAILED", "boom", False), tuple(
            status.poll("UPDATE_FAILED", "boom", "UPDATE_IN_PROGRESS")))
        self.assertEqual(("DELETE_COMPLETE", "done", False), tuple(
            status.poll("DELETE_COMPLETE", "done", "DELETE_IN_PROGRESS")))

    def test_unchanged(self):
        self.assertIsNone(status.poll("UPDATE_IN_PROGRESS", "x",
                                      "UPDATE_IN_PROGRESS"))

    def test_stack_missing(self):
        for before, after in (("DELETE_IN_PROGRESS", "DELETE_COMPLETE"),
                              ("CREATE_IN_PROGRESS", "CREATE_FAILED"),
                              ("UPDATE_IN_PROGRESS", "UPDATE_FAILED")):
            update = status.stack_missing(before, "abc")
            self.assertEqual(after, update.status)
            self.assertEqual("Stack with id abc not found in Heat.",
                             update.reason)
        self.assertIsNone(status.stack_missing("CREATE_COMPLETE", "abc"))


class TestDeletion(testtools.TestCase):
    def test_nodegroups_to_destroy(self):
        ngs = [ng("a", "DELETE_COMPLETE", default=False),
               ng("b", "DELETE_IN_PROGRESS", default=False),
               ng("default-worker", "DELETE_COMPLETE")]
        self.assertEqual(["a"], [n.name for n in
                                 status.nodegroups_to_destroy(ngs)])

    def test_cluster_deleted(self):
        self.assertTrue(status.cluster_deleted([
            ng("m", "DELETE_COMPLETE", role="master"),
            ng("w", "DELETE_COMPLETE")]))
        self.assertFalse(status.cluster_deleted([
            ng("m", "DELETE_COMPLETE", role="master"),
            ng("w", "DELETE_IN_PROGRESS")]))
        self.assertFalse(status.cluster_deleted([]))


class TestAggregate(testtools.TestCase):
    def test_default_nodegroups_only_verbatim(self):
        ngs = [ng("m", "CREATE_FAILED", role="master", reason="Heat says"),
               ng("w", "CREATE_FAILED", reason="Heat says")]
        self.assertEqual(("CREATE_FAILED", "Heat says"),
                         status.aggregate(ngs, "CREATE_IN_PROGRESS"))

    def test_in_progress_beats_failed_beats_complete(self):
        ngs = [ng("m", "UPDATE_COMPLETE", role="master"),
               ng("w", "UPDATE_FAILED"),
               ng("x", "UPDATE_IN_PROGRESS", default=False)]
        self.assertEqual(("UPDATE_IN_PROGRESS", None),
                         status.aggregate(ngs, "UPDATE_IN_PROGRESS"))
        ngs[2].status = "CREATE_COMPLETE"
        self.assertEqual(("UPDATE_FAILED", "w failed"),
                         status.aggregate(ngs, "UPDATE_IN_PROGRESS"))
        # an extra nodegroup's failure is its own
        ngs[2].status = "CREATE_FAILED"
        self.assertEqual(("UPDATE_FAILED", "w failed"),
                         status.aggregate(ngs, "UPDATE_IN_PROGRESS"))

    def test_extra_nodegroup_failure_is_not_the_clusters(self):
        ngs = [ng("m", "UPDATE_COMPLETE", role="master"),
               ng("w", "UPDATE_COMPLETE"),
               ng("x", "CREATE_FAILED", default=False)]
        self.assertEqual(("UPDATE_COMPLETE", None),
                         status.aggregate(ngs, "UPDATE_IN_PROGRESS"))
        # but a cluster delete fails with it
        ngs[0].status = ngs[1].status = "DELETE_COMPLETE"
        ngs[2].status = "DELETE_FAILED"
        self.assertEqual(("DELETE_FAILED", "x failed"),
                         status.aggregate(ngs, "DELETE_IN_PROGRESS"))

    def test_non_default_nodegroups_update_or_delete(self):
        ngs = [ng("m", "CREATE_COMPLETE", role="master"),
               ng("w", "CREATE_COMPLETE"),
               ng("x", "CREATE_COMPLETE", default=False)]
        self.assertEqual(("UPDATE_COMPLETE", None),
                         status.aggregate(ngs, "UPDATE_IN_PROGRESS"))
        ngs[0].status = ngs[1].status = "DELETE_IN_PROGRESS"
        self.assertEqual(("DELETE_IN_PROGRESS", None),
                         status.aggregate(ngs, "DELETE_IN_PROGRESS"))

    def test_create_complete_becomes_update_complete(self):
        ngs = [ng("m", "CREATE_COMPLETE", role="master"),
               ng("w", "CREATE_COMPLETE")]
        for previous in ("CREATE_IN_PROGRESS", "CREATE_COMPLETE"):
            self.assertEqual("CREATE_COMPLETE",
                             status.aggregate(ngs, previous)[0])
        for previous in ("UPDATE_IN_PROGRESS", "ROLLBACK_IN_PROGRESS"):
            self.assertEqual("UPDATE_COMPLETE",
                             status.aggregate(ngs, previous)[0])
