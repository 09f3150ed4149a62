"""What goes wrong: Heat faults, lost casts, stale locks, and the
credential rotation call."""

from oslo_utils import timeutils

from magnum_like.common import resume_token
from magnum_like.common import statuses
from magnum_like.conductor import reconcile
from magnum_like.db import clusters as db_clusters
from magnum_like.db import services
from tests.functional.conductor import base


class TestFailures(base.ConductorCloudTestCase):
    def test_heat_fault_names_the_resource(self):
        ctx = self.caller()
        fault = self.cloud.world.faults.add_resource_fault(
            kind="fail", resource_type="OS::Nova::Server", action="CREATE",
            reason="No valid host was found")
        self.addCleanup(self.cloud.world.faults.clear, fault["id"])
        row = self.make_cluster(ctx, self.make_template(ctx))
        self.rpc.cluster_create(ctx, row.uuid)
        failed = self.wait_for(row.uuid, "CREATE_FAILED")
        self.assertIn("No valid host was found", failed.status_reason)
        self.assertIn("resources.kube_", failed.status_reason)
        self.assertNotIn("Traceback", failed.status_reason)
        self.assertEqual({"CREATE_FAILED"}, {
            ng.status for ng in self.nodegroups(row.uuid).values()})

    def test_lost_create_without_trust_is_failed(self):
        ctx = self.caller()
        row = self.make_cluster(ctx, self.make_template(ctx))
        # the cast never happens
        done = reconcile.lost_operations("conductor-a", grace=0)
        self.assertEqual([(row.uuid, reconcile.FAIL)], done)
        failed = db_clusters.get_by_uuid(row.uuid)
        self.assertEqual("CREATE_FAILED", failed.status)
        self.assertIn("The create request was lost", failed.status_reason)
        self.assertFalse(db_clusters.is_pending(failed))

    def lost_create(self, ctx, token):
        """A cluster whose create the API recorded, keeping `token`, and
        whose cast never happened."""
        pending = db_clusters.pending("create")
        pending[resume_token.SEALED_FIELD] = resume_token.sealed_token(
            type(ctx)(auth_token=token))
        return self.make_cluster(ctx, self.make_template(ctx),
                                 pending_operation=pending)

    def test_lost_create_is_resumed_with_the_kept_token(self):
        ctx = self.caller()
        row = self.lost_create(ctx, ctx.auth_token)
        sealed = row.pending_operation[resume_token.SEALED_FIELD]
        self.assertNotIn(ctx.auth_token, sealed)
        done = reconcile.lost_operations("conductor-a", grace=0)
        self.assertEqual([(row.uuid, reconcile.DRIVE)], done)
        created = self.wait_for(row.uuid, "CREATE_COMPLETE")
        self.assertTrue(created.trust_id)
        self.assertFalse(db_clusters.is_pending(created))
        # the trust is the owner's
        trust = self.cloud.world.identity.trusts[created.trust_id]
        self.assertEqual(ctx.user_id, trust["trustor_user_id"])

    def test_lost_create_with_a_dead_token_fails_clearly(self):
        ctx = self.caller()
        row = self.lost_create(ctx, "gAAAA-not-a-token")
        done = reconcile.lost_operations("conductor-a", grace=0)
        self.assertEqual([(row.uuid, reconcile.DRIVE)], done)
        failed = self.wait_for(row.uuid, "CREATE_FAILED")
        self.assertIn("trust", failed.status_reason.lower())
        self.assertNotIn("gAAAA-not-a-token", failed.status_reason)
        self.assertFalse(db_clusters.is_pending(failed))

    def test_lost_resize_is_driven_through_the_trust(self):
        ctx = self.caller()
        row = self.create_cluster(ctx)
        self.begin_resize(row.uuid, 2)
        # no cast: the reconciliation acts without the caller's token
        done = reconcile.lost_operations("conductor-a", grace=0)
        self.assertEqual([(row.uuid, reconcile.DRIVE)], done)
        self.wait_for(row.uuid, "UPDATE_COMPLETE")
        worker = self.nodegroups(row.uuid)["default-worker"]
        self.assertEqual(2, worker.node_count)
        self.assertEqual(2, len(worker.node_addresses))

    def test_every_lost_call_restores_the_status(self):
        """An upgrade, a credential rotation and a CA rotation whose call
        never reached a conductor: the healthy cluster gets its status
        back (the caller was answered with an error), none is failed."""
        ctx = self.caller()
        row = self.create_cluster(ctx)
        template = row.cluster_template_id
        for op, allowed, params in (
                ("upgrade", statuses.UPDATE_ALLOWED,
                 {"cluster_template_uuid": template, "max_batch_size": 1,
                  "nodegroup_uuid": None}),
                ("credential_rotate", statuses.CREDENTIAL_ROTATE_ALLOWED,
                 None),
                ("rotate_ca", statuses.UPDATE_ALLOWED +
                 (statuses.UPDATE_FAILED,), None)):
            db_clusters.begin_operation(row.uuid, op, allowed,
                                        statuses.UPDATE_IN_PROGRESS,
                                        params=params)
            done = reconcile.lost_operations("conductor-a", grace=0)
            self.assertEqual([(row.uuid, reconcile.RESTORE)], done, op)
            restored = db_clusters.get_by_uuid(row.uuid)
            self.assertEqual("CREATE_COMPLETE", restored.status, op)
            self.assertIn("The %s request was lost" % op,
                          restored.status_reason)
            self.assertFalse(db_clusters.is_pending(restored), op)
        # the class shares one cloud: give its quota back
        db_clusters.begin_operation(row.uuid, "delete",
                                    statuses.DELETE_ALLOWED,
                                    statuses.DELETE_IN_PROGRESS)
        self.rpc.cluster_delete(ctx, row.uuid)
        self.wait_for(row.uuid, None)

    def test_lock_of_a_dead_conductor_is_taken_over(self):
        ctx = self.caller()
        row = self.create_cluster(ctx)
        services.heartbeat("dead-conductor", services.CONDUCTOR_BINARY)
        self.config(service_down_time=1)
        db_clusters.update(row.uuid, {"reservation": "dead-conductor",
                                      "reserved_at": timeutils.utcnow(),
                                      "reserved_for": "update"})
        # the API also sees the lock as stale once the heartbeat is old
        import time
        time.sleep(2.5)
        services.heartbeat("conductor-a", services.CONDUCTOR_BINARY)
        db_clusters.begin_operation(row.uuid, "delete",
                                    statuses.DELETE_ALLOWED,
                                    statuses.DELETE_IN_PROGRESS)
        self.rpc.cluster_delete(ctx, row.uuid)
        self.wait_for(row.uuid, None)

    def test_credential_rotate(self):
        ctx = self.caller()
        row = self.create_cluster(ctx)
        db_clusters.begin_operation(row.uuid, "credential_rotate",
                                    statuses.CREDENTIAL_ROTATE_ALLOWED,
                                    statuses.UPDATE_IN_PROGRESS)
        self.rpc.credential_rotate(ctx, row.uuid)
        rotated = self.wait_for(row.uuid, "UPDATE_COMPLETE")
        self.assertNotEqual(row.trust_id, rotated.trust_id)
        self.assertNotEqual(row.trustee_password, rotated.trustee_password)
        identity = self.cloud.world.identity
        trusts = {t["id"] for t in identity.list_trusts()}
        self.assertIn(rotated.trust_id, trusts)
        self.assertNotIn(row.trust_id, trusts)


class TestDeleteWhatIsGone(base.ConductorCloudTestCase):
    """A cluster whose stack, trust and trustee are gone (the local cloud
    restarted, an operator cleaned up by hand) is still deleted cleanly,
    even when the conductor can only act through that (gone) trust. The
    service user proves the stacks gone with a list across projects, so
    Heat's operator granted it stacks:global_index here."""

    cloud_settings = {"heat_allow_global_index": True}

    def test_delete_through_a_gone_trust(self):
        from magnum_like.common import context as ml_context
        from magnum_like.conductor import cluster_delete
        row = self.create_cluster(self.caller())
        self.cloud.world.reset()   # stacks, servers, trusts: all gone
        db_clusters.begin_operation(row.uuid, "delete",
                                    statuses.DELETE_ALLOWED,
                                    statuses.DELETE_IN_PROGRESS)
        cluster_delete.delete(ml_context.RequestContext(), "conductor-a",
                              row.uuid)
        self.wait_for(row.uuid, None)

    def test_delete_through_the_trust_keeps_a_live_stack(self):
        # The trust is gone but the stack is not: nothing is forgotten.
        from magnum_like.common import context as ml_context
        from magnum_like.conductor import cluster_delete
        row = self.create_cluster(self.caller())
        with self.cloud.world.lock:
            self.cloud.world.identity.trusts.pop(row.trust_id)
        db_clusters.begin_operation(row.uuid, "delete",
                                    statuses.DELETE_ALLOWED,
                                    statuses.DELETE_IN_PROGRESS)
        cluster_delete.delete(ml_context.RequestContext(), "conductor-a",
                              row.uuid)
        failed = db_clusters.get_by_uuid(row.uuid)
        self.assertEqual("DELETE_FAILED", failed.status)


class TestDeleteWhatIsGoneDefaultPolicy(base.ConductorCloudTestCase):
    """Under Heat's default policy nothing proves another project's
    stacks gone: the delete fails, naming the refused credentials, and
    the row is kept."""

    def test_delete_through_a_gone_trust_is_not_forgotten(self):
        from magnum_like.common import context as ml_context
        from magnum_like.conductor import cluster_delete
        row = self.create_cluster(self.caller())
        self.cloud.world.reset()
        db_clusters.begin_operation(row.uuid, "delete",
                                    statuses.DELETE_ALLOWED,
                                    statuses.DELETE_IN_PROGRESS)
        cluster_delete.delete(ml_context.RequestContext(), "conductor-a",
                              row.uuid)
        failed = self.wait_for(row.uuid, "DELETE_FAILED")
        self.assertNotIn("global_index", failed.status_reason or "")
