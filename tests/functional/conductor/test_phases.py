"""`status_reason` shows the current phase of every operation (issue
15): from the moment the API records it, through each conductor step, to
the Heat stack it waits for; a new operation never shows the previous
one's reason."""

import fixtures

from magnum_like.conductor import locking
from magnum_like.db import clusters as db_clusters
from tests.functional.conductor import base


class TestPhases(base.ConductorCloudTestCase):
    def record_reasons(self):
        """Every status_reason a conductor step writes, in order (the
        real save runs)."""
        written = []
        real_save = locking.ClusterTask.save

        def save(task, values=None, nodegroups=None):
            if values and "status_reason" in values:
                written.append(values["status_reason"])
            return real_save(task, values, nodegroups)

        self.useFixture(fixtures.MonkeyPatch(
            "magnum_like.conductor.locking.ClusterTask.save", save))
        return written

    def slow_servers(self):
        fault = self.cloud.world.faults.add_resource_fault(
            kind="slow", resource_type="OS::Nova::Server", delay=3)
        self.addCleanup(self.cloud.world.faults.clear, fault["id"])

    def test_create_shows_each_step_then_the_stack_it_waits_for(self):
        ctx = self.caller()
        self.slow_servers()
        row = self.make_cluster(ctx, self.make_template(ctx))
        self.assertEqual("Create requested; waiting for a conductor",
                         db_clusters.get_by_uuid(row.uuid).status_reason)
        written = self.record_reasons()
        self.rpc.cluster_create(ctx, row.uuid)
        building = self.wait_for(row.uuid, "CREATE_IN_PROGRESS")
        self.assertTrue(building.stack_id)
        self.assertEqual(
            "Create: waiting for Heat (stack %s)" % building.stack_id,
            building.status_reason)
        self.assertEqual(["Creating the trust and the trustee",
                          "Creating the certificates",
                          "Creating the Heat stack",
                          building.status_reason], written)
        done = self.wait_for(row.uuid, "CREATE_COMPLETE")
        self.assertIn("CREATE completed", done.status_reason)

    def test_an_update_never_shows_the_previous_reason(self):
        ctx = self.caller()
        row = self.create_cluster(ctx)
        self.assertIn("CREATE completed", row.status_reason)
        self.slow_servers()
        worker = self.begin_resize(row.uuid, 2)
        self.assertEqual("Resize requested; waiting for a conductor",
                         db_clusters.get_by_uuid(row.uuid).status_reason)
        written = self.record_reasons()
        self.rpc.cluster_resize(ctx, row.uuid, worker.uuid, 2)
        resizing = self.wait_for(row.uuid, "UPDATE_IN_PROGRESS")
        self.assertEqual(
            "Resize: waiting for Heat (stack %s)" % row.stack_id,
            resizing.status_reason)
        self.assertEqual(["Resizing: updating the Heat stack",
                          resizing.status_reason], written)
        done = self.wait_for(row.uuid, "UPDATE_COMPLETE")
        self.assertIn("UPDATE completed", done.status_reason)
