"""The drivers other than Kubernetes on Fedora CoreOS through the real
conductor and local cloud: Docker Swarm mode and Mesos clusters are
created (their COE's API address read back by the status sync), scaled
up and down removing a named node, refused an upgrade with a 400 that
leaves the cluster as it was, and deleted leaving nothing behind; a
Kubernetes-on-Ironic cluster lives on the existing fixed subnet alone
(its network derived from it)."""

from magnum_like.common import exceptions
from magnum_like.common import statuses
from magnum_like.db import clusters as db_clusters
from tests.functional.conductor import base
from tests.functional.conductor import test_cluster_lifecycle

SWARM_MODE = dict(name="swarm", image_id="fedora-atomic-29",
                  cluster_distro="fedora-atomic", coe="swarm-mode",
                  network_driver="docker", labels={})
MESOS = dict(name="mesos", image_id="ubuntu-mesos", cluster_distro="ubuntu",
             coe="mesos", network_driver="docker", labels={})
IRONIC = dict(name="ironic", image_id="fedora-ironic",
              cluster_distro="fedora", coe="kubernetes", server_type="bm",
              flavor_id="baremetal", master_flavor_id="baremetal",
              fixed_subnet="private-subnet", labels={"kube_tag": "v1.30.4"})


class TestOtherDrivers(base.ConductorCloudTestCase):
    leftovers = test_cluster_lifecycle.TestClusterLifecycle.leftovers
    servers = test_cluster_lifecycle.TestClusterLifecycle.servers
    begin = test_cluster_lifecycle.TestClusterLifecycle.begin

    def resize(self, ctx, row, count, remove=()):
        worker = self.nodegroups(row.uuid)["default-worker"]
        self.begin(row.uuid, "resize", statuses.RESIZE_ALLOWED,
                   statuses.UPDATE_IN_PROGRESS,
                   nodegroup_changes={worker.uuid: {"node_count": count}},
                   params={"nodegroup_uuid": worker.uuid,
                           "node_count": count,
                           "nodes_to_remove": list(remove)})
        self.rpc.cluster_resize(ctx, row.uuid, worker.uuid, count,
                                list(remove))
        self.wait_for(row.uuid, "UPDATE_COMPLETE")
        worker = self.nodegroups(row.uuid)["default-worker"]
        self.assertEqual(count, worker.node_count)
        self.assertEqual(count, len(worker.node_addresses))

    def delete(self, ctx, row):
        self.begin(row.uuid, "delete", statuses.DELETE_ALLOWED,
                   statuses.DELETE_IN_PROGRESS)
        self.rpc.cluster_delete(ctx, row.uuid)
        self.wait_for(row.uuid, None)
        self.assertEqual({}, self.nodegroups(row.uuid))

    def lifecycle(self, template_values, scheme, port, version):
        before = self.leftovers()
        ctx = self.caller()
        template = self.make_template(ctx, **template_values)
        row = self.create_cluster(ctx, template=template, workers=1)
        self.assertRegex(row.api_address,
                         r"^%s://[0-9.]+:%d$" % (scheme, port))
        self.assertEqual(version, row.container_version)
        ngs = self.nodegroups(row.uuid)
        self.assertEqual(1, len(ngs["default-master"].node_addresses))

        # up to two, then down to one removing the first worker by name
        self.resize(ctx, row, 2)
        workers = sorted(n for n in self.servers(ctx) if "master" not in n)
        self.assertEqual(2, len(workers))
        victim = workers[0]
        victim_id = self.servers(ctx)[victim]
        self.resize(ctx, row, 1, [victim])
        self.assertNotIn(victim_id, self.servers(ctx).values())
        self.assertIn(self.servers(ctx)[workers[1]],
                      self.servers(ctx).values())

        # upgrades are refused with the driver's reason, status kept
        new = self.make_template(ctx, **dict(template_values,
                                             name="new"))
        self.begin(row.uuid, "upgrade", statuses.UPDATE_ALLOWED,
                   statuses.UPDATE_IN_PROGRESS,
                   params={"cluster_template_uuid": new.uuid})
        error = self.assertRaises(
            exceptions.ClusterUpgradeNotSupportedByDriver,
            self.rpc.cluster_upgrade, ctx, row.uuid, new.uuid, 1, None)
        self.assertEqual(400, error.code)
        self.assertIn("Create a cluster from the new template", str(error))
        after = db_clusters.get_by_uuid(row.uuid)
        self.assertEqual("UPDATE_COMPLETE", after.status)
        self.assertEqual(template.uuid, after.cluster_template_id)
        self.assertFalse(db_clusters.is_pending(after))

        # an unknown node to remove is a typed failure of the resize
        worker = self.nodegroups(row.uuid)["default-worker"]
        self.begin(row.uuid, "resize", statuses.RESIZE_ALLOWED,
                   statuses.UPDATE_IN_PROGRESS,
                   nodegroup_changes={worker.uuid: {"node_count": 0}},
                   params={"nodegroup_uuid": worker.uuid, "node_count": 0,
                           "nodes_to_remove": ["no-such-node"]})
        self.rpc.cluster_resize(ctx, row.uuid, worker.uuid, 0,
                                ["no-such-node"])
        failed = self.wait_for(row.uuid, "UPDATE_FAILED")
        self.assertIn("no-such-node", failed.status_reason)
        self.assertEqual(
            1, self.nodegroups(row.uuid)["default-worker"].node_count)

        self.delete(ctx, row)
        self.assertEqual(before, self.leftovers())

    def test_swarm_mode(self):
        self.lifecycle(SWARM_MODE, "tcp", 2376, "1.12.6")

    def test_mesos(self):
        self.lifecycle(MESOS, "http", 8080, "1.9.1")

    def test_ironic_on_the_fixed_subnet(self):
        world = self.cloud.world
        world.compute.set_quota(world.identity.find_project("demo")["id"],
                                ram=-1, cores=-1)
        before = self.leftovers()
        ctx = self.caller()
        template = self.make_template(ctx, **IRONIC)
        row = self.create_cluster(ctx, template=template, workers=1)
        self.assertTrue(row.api_address.startswith("https://"))
        network = [n for n in world.network.list_networks(is_admin=True)
                   if n["name"] == "private"][0]
        ports = [p for p in world.network.list_ports(is_admin=True)
                 if p.get("device_owner", "").startswith("compute:")]
        self.assertEqual({network["id"]}, {p["network_id"] for p in ports})
        self.resize(ctx, row, 2)
        self.resize(ctx, row, 1)
        self.delete(ctx, row)
        self.assertEqual(before, self.leftovers())
