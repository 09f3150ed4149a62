"""A nodegroup's failure is its own (issue 15): a nodegroup the driver
refuses in the conductor, or whose stack Heat fails, ends in a failed
nodegroup while its cluster keeps the status it had and its other work
(a CA rotation) completes."""

import time

from magnum_like.common import statuses
from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db_nodegroups
from tests.functional.conductor import base


class TestNodegroupFailureIsItsOwn(base.ConductorCloudTestCase):
    def add_nodegroup(self, ctx, row, name, labels=None):
        ng = db_nodegroups.create(dict(
            cluster_id=row.uuid, project_id=ctx.project_id, name=name,
            role="worker", node_count=1, is_default=False,
            image_id="fedora-coreos-40", flavor_id="m1.small",
            labels=labels, status=statuses.CREATE_IN_PROGRESS))
        db_clusters.begin_operation(
            row.uuid, "nodegroup_create", statuses.RESIZE_ALLOWED,
            statuses.UPDATE_IN_PROGRESS, params={"nodegroup_uuid": ng.uuid})
        self.rpc.nodegroup_create(ctx, row.uuid, ng.uuid)
        return ng

    def wait_ng(self, cluster_uuid, name, status):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ng = self.nodegroups(cluster_uuid).get(name)
            if ng is not None and ng.status == status:
                return ng
            time.sleep(0.1)
        self.fail("nodegroup %s never reached %s: %s" % (
            name, status, ng and (ng.status, ng.status_reason)))

    def test_refused_by_the_driver(self):
        ctx = self.caller()
        row = self.create_cluster(ctx)
        self.add_nodegroup(ctx, row, "bad",
                           labels={"kube_tag": "v1.30.4@bad"})
        ng = self.wait_ng(row.uuid, "bad", statuses.CREATE_FAILED)
        self.assertIn("kube_tag", ng.status_reason)
        after = self.wait_for(row.uuid, statuses.CREATE_COMPLETE)
        self.assertEqual(row.status_reason, after.status_reason)

    def test_failed_stack_leaves_the_cluster_and_a_ca_rotation_whole(self):
        ctx = self.caller()
        row = self.create_cluster(ctx, name="iso")
        fault = self.cloud.world.faults.add_resource_fault(
            kind="fail", resource_type="OS::Nova::Server", action="CREATE",
            reason="No valid host was found", stack_prefix="iso-broken")
        self.addCleanup(self.cloud.world.faults.clear, fault["id"])
        self.add_nodegroup(ctx, row, "broken")
        self.wait_ng(row.uuid, "broken", statuses.CREATE_FAILED)
        after = self.wait_for(row.uuid, statuses.UPDATE_COMPLETE)
        self.assertIsNone(after.status_reason)
        self.assertEqual(statuses.CREATE_COMPLETE,
                         self.nodegroups(row.uuid)["default-worker"].status)
        # The cluster's other work goes on: a CA rotation completes.
        db_clusters.begin_operation(row.uuid, "rotate_ca",
                                    statuses.UPDATE_ALLOWED,
                                    statuses.UPDATE_IN_PROGRESS)
        self.rpc.rotate_ca_certificate(ctx, row.uuid)
        self.wait_for(row.uuid, statuses.UPDATE_COMPLETE)

