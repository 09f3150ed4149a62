"""A cluster's whole life through the real conductor and local cloud:
create, resize removing a named node, a nodegroup stack, an upgrade,
and a delete that leaves nothing behind."""

from magnum_like.common import cert_manager
from magnum_like.common import exceptions
from magnum_like.common import statuses
from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db_nodegroups
from magnum_like.db import x509keypairs
from tests.functional.conductor import base


class TestClusterLifecycle(base.ConductorCloudTestCase):
    def leftovers(self):
        w = self.cloud.world
        return {
            "servers": {s["id"] for s in
                        w.compute.list_servers(all_tenants=True)},
            "ports": {p["id"] for p in w.network.list_ports(is_admin=True)},
            "floating_ips": {f["id"] for f in
                             w.network.list_floating_ips(is_admin=True)},
            "networks": {n["id"] for n in
                         w.network.list_networks(is_admin=True)},
            "users": {u["id"] for u in w.identity.list_users()},
            "trusts": {t["id"] for t in w.identity.list_trusts()},
        }

    def servers(self, ctx):
        return {s["name"]: s["id"] for s in
                self.cloud.world.compute.list_servers(ctx.project_id)}

    def begin(self, uuid, op, allowed, new_status, **kwargs):
        return db_clusters.begin_operation(uuid, op, allowed, new_status,
                                           **kwargs)

    def test_lifecycle(self):
        before = self.leftovers()
        ctx = self.caller()
        row = self.create_cluster(ctx, workers=2)
        self.assertTrue(row.api_address.startswith("https://"))
        self.assertEqual("v1.30.4", row.coe_version)
        self.assertEqual("Stack CREATE completed successfully",
                         row.status_reason)
        self.assertEqual(row.uuid + "_" + ctx.project_id,
                         row.trustee_username)
        self.assertTrue(row.trustee_password.startswith("fernet:"))
        ngs = self.nodegroups(row.uuid)
        self.assertEqual(2, len(ngs["default-worker"].node_addresses))
        self.assertEqual(1, len(ngs["default-master"].node_addresses))
        self.assertEqual({"CREATE_COMPLETE"},
                         {ng.status for ng in ngs.values()})
        trust = self.cloud.world.identity.get_trust(row.trust_id)
        self.assertEqual(ctx.user_id, trust["trustor_user_id"])
        self.assertTrue(trust["impersonation"])
        ca = cert_manager.get_backend().get(row.ca_cert_ref)
        self.assertIn("BEGIN CERTIFICATE", ca.certificate)

        # resize the default workers to 1, removing the server named
        worker = ngs["default-worker"]
        victim = sorted(n for n in self.servers(ctx) if "minion" in n or
                        "node" in n)[-1]
        victim_id = self.servers(ctx)[victim]
        self.begin(row.uuid, "resize", statuses.RESIZE_ALLOWED,
                   statuses.UPDATE_IN_PROGRESS,
                   nodegroup_changes={worker.uuid: {"node_count": 1}},
                   params={"nodegroup_uuid": worker.uuid, "node_count": 1,
                           "nodes_to_remove": [victim]})
        self.rpc.cluster_resize(ctx, row.uuid, worker.uuid, 1, [victim])
        self.wait_for(row.uuid, "UPDATE_COMPLETE")
        self.assertNotIn(victim_id, self.servers(ctx).values())
        worker = self.nodegroups(row.uuid)["default-worker"]
        self.assertEqual(1, worker.node_count)
        self.assertEqual(1, len(worker.node_addresses))

        # a nodegroup of its own stack
        ng = db_nodegroups.create(dict(
            cluster_id=row.uuid, project_id=ctx.project_id, name="extra",
            role="worker", node_count=1, is_default=False,
            image_id="fedora-coreos-40", flavor_id="m1.small",
            status=statuses.CREATE_IN_PROGRESS))
        self.begin(row.uuid, "nodegroup_create", statuses.RESIZE_ALLOWED,
                   statuses.UPDATE_IN_PROGRESS,
                   params={"nodegroup_uuid": ng.uuid})
        self.rpc.nodegroup_create(ctx, row.uuid, ng.uuid)
        self.wait_for(row.uuid, "UPDATE_COMPLETE")
        extra = self.nodegroups(row.uuid)["extra"]
        self.assertEqual("CREATE_COMPLETE", extra.status)
        self.assertNotEqual(row.stack_id, extra.stack_id)
        self.assertEqual(1, len(extra.node_addresses))

        # upgrade to a template with a newer kube_tag
        new = self.make_template(ctx, name="k8s-new",
                                 labels={"kube_tag": "v1.31.0"})
        self.begin(row.uuid, "upgrade", statuses.UPDATE_ALLOWED,
                   statuses.UPDATE_IN_PROGRESS,
                   params={"cluster_template_uuid": new.uuid})
        self.rpc.cluster_upgrade(ctx, row.uuid, new.uuid, 1, None)
        upgraded = self.wait_for(row.uuid, "UPDATE_COMPLETE")
        self.assertEqual(new.uuid, upgraded.cluster_template_id)
        self.assertEqual("v1.31.0", upgraded.coe_version)
        # the default nodegroups show the new kube_tag too (issue 15)
        for name in ("default-master", "default-worker"):
            ng = self.nodegroups(row.uuid)[name]
            self.assertEqual("v1.31.0", ng.labels["kube_tag"], name)
            self.assertEqual("v1.31.0", ng.version, name)

        # delete the nodegroup
        self.begin(row.uuid, "nodegroup_delete", statuses.RESIZE_ALLOWED,
                   statuses.UPDATE_IN_PROGRESS,
                   params={"nodegroup_uuid": extra.uuid})
        self.rpc.nodegroup_delete(ctx, row.uuid, extra.uuid)
        self.wait_for(row.uuid, "UPDATE_COMPLETE")
        self.assertNotIn("extra", self.nodegroups(row.uuid))

        # delete: rows, stacks, servers, trustee, trust and certs go
        refs = [row.ca_cert_ref, row.magnum_cert_ref, row.etcd_ca_cert_ref,
                row.front_proxy_ca_cert_ref]
        self.begin(row.uuid, "delete", statuses.DELETE_ALLOWED,
                   statuses.DELETE_IN_PROGRESS)
        self.rpc.cluster_delete(ctx, row.uuid)
        self.wait_for(row.uuid, None)
        self.assertEqual({}, self.nodegroups(row.uuid))
        self.assertEqual(before, self.leftovers())
        for ref in refs:
            self.assertRaises(exceptions.CertificateNotFound,
                              x509keypairs.get, ref)

    def test_upgrade_refusal_reaches_the_caller(self):
        ctx = self.caller()
        row = self.create_cluster(ctx)
        self.begin(row.uuid, "upgrade", statuses.UPDATE_ALLOWED,
                   statuses.UPDATE_IN_PROGRESS)
        error = self.assertRaises(
            exceptions.ClusterTemplateNotFound, self.rpc.cluster_upgrade,
            ctx, row.uuid, "5e0c2b7a-0000-4000-8000-00000000dead", 1, None)
        self.assertEqual(404, error.code)
        after = db_clusters.get_by_uuid(row.uuid)
        self.assertEqual("CREATE_COMPLETE", after.status)
        self.assertFalse(db_clusters.is_pending(after))
