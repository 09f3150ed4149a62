"""Stack request builders for create, scale, upgrade, nodegroups."""

from magnum_like.drivers.heat import stack_request
from magnum_like.drivers.k8s_fedora_coreos_v1 import template_def
from tests import base
from tests import heat_inputs as hi

DEFINITION = template_def.DEFINITION


class TestBuilders(base.TestCase):
    def test_create(self):
        request = stack_request.create(DEFINITION, hi.inputs())
        self.assertRegex(request.stack_name, r"^demo-cluster-[a-z2-7]{12}$")
        self.assertIn("heat_template_version", request.template)
        self.assertEqual(60, request.timeout_mins)
        self.assertTrue(request.disable_rollback)
        self.assertEqual(("magnum_like", "cluster-%s" % hi.cluster().uuid),
                         request.tags)
        self.assertGreater(request.size, len(request.template))
        self.assertIsNone(request.stack_id)

    def test_timeout_from_config_when_cluster_has_none(self):
        self.config(create_timeout=42, group="cluster_heat")
        request = stack_request.create(DEFINITION, hi.inputs(
            cluster_row=hi.cluster(create_timeout=0)))
        self.assertEqual(42, request.timeout_mins)

    def test_nodegroup_stack_name(self):
        ctx = hi.context(existing_master_private_ip="10.0.0.5",
                         existing_security_group="sg",
                         fixed_network_id="n", fixed_subnet_id="s")
        request = stack_request.create(DEFINITION, hi.inputs(
            worker=hi.nodegroup(name="gpu", is_default=False), ctx=ctx,
            is_cluster_stack=False))
        self.assertRegex(request.stack_name,
                         r"^demo-cluster-gpu-[a-z2-7]{12}$")
        self.assertEqual("false", request.parameters["is_cluster_stack"])

    def test_scale(self):
        request = stack_request.scale(DEFINITION, "sid", 2, ["srv-1"],
                                      rollback=True)
        self.assertEqual({"number_of_minions": 2,
                          "minions_to_remove": ["srv-1"]},
                         request.parameters)
        self.assertTrue(request.existing)
        self.assertFalse(request.disable_rollback)
        self.assertIsNone(request.template)
        self.assertEqual({"number_of_minions": 4}, stack_request.scale(
            DEFINITION, "sid", 4).parameters)

    def test_upgrade_changes_versions_only(self):
        inputs = hi.inputs(cluster_row=hi.cluster(labels={
            "kube_tag": "v1.31.1", "calico_tag": "v3.28.2",
            "etcd_volume_size": "0"}))
        request = stack_request.upgrade(DEFINITION, inputs, "sid",
                                        max_batch_size=2)
        self.assertEqual({"kube_tag": "v1.31.1", "kube_version": "v1.31.1",
                          "calico_tag": "v3.28.2",
                          "update_max_batch_size": 2}, request.parameters)
        self.assertTrue(request.existing)
        self.assertEqual("sid", request.stack_id)
        self.assertIsNotNone(request.template)
        self.assertTrue(request.environment_files)
