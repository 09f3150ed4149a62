"""What the reconciliation does with an overdue pending operation."""

import types

from magnum_like.conductor import reconcile
from tests import base


def cluster(op, params=None, stack_id="s1", trust_id="t1"):
    return types.SimpleNamespace(
        uuid="u", stack_id=stack_id, trust_id=trust_id,
        pending_operation={"op": op, "params": params or {}})


class TestDecide(base.TestCase):
    def decide(self, row, statuses=()):
        return reconcile.decide(row, list(statuses))[0]

    def test_work_that_reached_heat_is_only_cleared(self):
        self.assertEqual(reconcile.CLEAR, self.decide(
            cluster("resize", {"nodegroup_uuid": "n", "node_count": 2}),
            ["UPDATE_IN_PROGRESS"]))
        self.assertEqual(reconcile.CLEAR, self.decide(
            cluster("delete"), ["DELETE_IN_PROGRESS"]))
        self.assertEqual(reconcile.CLEAR, self.decide(
            cluster("create", stack_id="s1"), ["CREATE_COMPLETE"]))

    def test_idempotent_casts_are_driven_through_the_trust(self):
        for op, params in (("update", {}), ("delete", {}),
                           ("resize", {"nodegroup_uuid": "n",
                                       "node_count": 1}),
                           ("nodegroup_create", {"nodegroup_uuid": "n"}),
                           ("nodegroup_delete", {"nodegroup_uuid": "n"}),
                           ("create", {})):
            row = cluster(op, params, stack_id=None)
            self.assertEqual(reconcile.DRIVE, self.decide(
                row, ["CREATE_COMPLETE"]), op)

    def test_without_a_trust_nothing_can_act_for_the_owner(self):
        self.assertEqual(reconcile.FAIL, self.decide(
            cluster("create", stack_id=None, trust_id=None)))
        # ... except deleting a cluster that has nothing in Heat
        self.assertEqual(reconcile.DRIVE, self.decide(
            cluster("delete", stack_id=None, trust_id=None)))

    def test_calls_are_restored(self):
        # every operation the API hands over with an RPC call, alike
        for op in ("upgrade", "credential_rotate", "rotate_ca"):
            self.assertEqual(reconcile.RESTORE, self.decide(cluster(op)),
                             op)

    def test_unrecorded_parameters_fail(self):
        self.assertEqual(reconcile.FAIL, self.decide(cluster("resize")))
        self.assertEqual(reconcile.FAIL, self.decide(cluster("mystery")))
