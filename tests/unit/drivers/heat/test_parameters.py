"""Parameter mappings: sources, conversions, required checks, and the
rendered set against the parameters the FCOS template declares."""

from magnum_like.common import exceptions
from magnum_like.drivers.heat import parameters as p
from magnum_like.drivers.k8s_fedora_coreos_v1 import template_def
from tests import base
from tests import heat_inputs as hi

DEFINITION = template_def.DEFINITION


class TestSources(base.TestCase):
    def test_first_non_blank_wins(self):
        inputs = hi.inputs(cluster_row=hi.cluster(flavor_id=""))
        source = p.First(p.ClusterAttr("flavor_id"),
                         p.TemplateAttr("flavor_id"))
        self.assertEqual("m1.small", source(inputs))

    def test_labels_of_nodegroup_stack(self):
        worker = hi.nodegroup(labels={"kube_tag": "v1.31.0"})
        self.assertEqual("v1.31.0", p.Label("kube_tag")(hi.inputs(
            worker=worker, is_cluster_stack=False)))
        self.assertEqual("v1.30.4", p.Label("kube_tag")(hi.inputs(
            worker=worker)))

    def test_template_labels_when_cluster_has_none(self):
        inputs = hi.inputs(
            template=hi.cluster_template(labels={"etcd_tag": "v3.5.9"}),
            cluster_row=hi.cluster(labels=None))
        self.assertEqual("v3.5.9", p.Label("etcd_tag")(inputs))

    def test_config_option(self):
        self.config(nodes_affinity_policy="anti-affinity", group="cluster")
        self.assertEqual("anti-affinity", p.Conf(
            "cluster", "nodes_affinity_policy")(hi.inputs()))

    def test_dict_rows(self):
        inputs = hi.inputs(cluster_row=vars(hi.cluster()))
        self.assertEqual("default", p.ClusterAttr("keypair")(inputs))


class TestParam(base.TestCase):
    def test_required_missing_is_a_400(self):
        param = p.Param("external_network", p.TemplateAttr("nope"),
                        required=True)
        error = self.assertRaises(exceptions.RequiredParameterNotProvided,
                                  param.value, hi.inputs())
        self.assertEqual(400, error.code)
        self.assertIn("external_network", str(error))

    def test_conversions(self):
        inputs = hi.inputs(cluster_row=hi.cluster(labels={
            "a": "True", "n": "3", "l": "x, y", "bad": "maybe"}))
        self.assertEqual("true", p.Param("a", p.Label("a"),
                                         kind="bool").value(inputs))
        self.assertEqual(3, p.Param("n", p.Label("n"),
                                    kind="int").value(inputs))
        self.assertEqual(["x", "y"], p.Param("l", p.Label("l"),
                                             kind="list").value(inputs))
        self.assertRaises(exceptions.InvalidParameterValue,
                          p.Param("b", p.Label("bad"), kind="bool").value,
                          inputs)

    def test_only_if_true(self):
        inputs = hi.inputs(cluster_row=hi.cluster(labels={"t": ""}))
        self.assertIsNone(p.Param("t", p.Label("t"),
                                  only_if_true=True).value(inputs))

    def test_blank_values_are_not_passed(self):
        params = DEFINITION.parameters(hi.inputs())
        self.assertNotIn("fixed_network", params)
        self.assertNotIn("http_proxy", params)
        self.assertNotIn("minions_to_remove", params)


class TestKubernetesMappings(base.TestCase):
    def render(self, **kwargs):
        return DEFINITION.parameters(hi.inputs(**kwargs))

    def test_cluster_stack(self):
        params = self.render()
        self.assertEqual("true", params["is_cluster_stack"])
        self.assertEqual("m1.medium", params["master_flavor"])
        self.assertEqual("m1.small", params["minion_flavor"])
        self.assertEqual("fedora-coreos-40", params["master_image"])
        self.assertEqual("v1.30.4", params["kube_version"])
        self.assertEqual("trustee-secret", params["trustee_password"])
        self.assertEqual("soft-anti-affinity",
                         params["nodes_affinity_policy"])
        self.assertEqual(2, params["max_node_count"])
        self.assertNotIn("trust_id", params)     # no cluster_user_trust
        self.assertNotIn("kubernetes_port", params)

    def test_tls_disabled(self):
        params = self.render(template=hi.cluster_template(
            tls_disabled=True))
        self.assertEqual(8080, params["kubernetes_port"])
        self.assertEqual("HTTP", params["loadbalancing_protocol"])

    def test_labels_drive_network_and_volumes(self):
        params = self.render(
            template=hi.cluster_template(network_driver="calico",
                                         no_proxy="corp.example"),
            cluster_row=hi.cluster(docker_volume_size=10, labels={
                "calico_ipv4pool": "10.200.0.0/16",
                "service_cluster_ip_range": "10.96.0.0/12",
                "etcd_volume_size": "3", "etcd_volume_type": "ssd",
                "master_lb_allowed_cidrs": "192.0.2.0/24",
                "kubelet_options": "--max-pods=50",
                "auto_scaling_enabled": "true", "max_node_count": "7"}))
        self.assertEqual("10.200.0.0/16", params["pods_network_cidr"])
        self.assertEqual("10.96.0.0/12", params["portal_network_cidr"])
        self.assertEqual("10.96.0.10", params["dns_service_ip"])
        self.assertEqual(10, params["docker_volume_size"])
        self.assertEqual(3, params["etcd_volume_size"])
        self.assertEqual("ssd", params["etcd_volume_type"])
        self.assertEqual(["192.0.2.0/24", "10.0.0.0/24"],
                         params["master_lb_allowed_cidrs"])
        self.assertEqual("corp.example,10.0.0.0/24", params["no_proxy"])
        self.assertEqual("--max-pods=50", params["kubelet_options"])
        self.assertEqual("true", params["auto_scaling_enabled"])
        self.assertEqual(7, params["max_node_count"])

    def test_volume_types_from_config_only_with_a_volume(self):
        self.config(default_docker_volume_type="fast", group="cinder")
        self.assertNotIn("docker_volume_type", self.render())
        params = self.render(worker=hi.nodegroup(docker_volume_size=5))
        self.assertEqual("fast", params["docker_volume_type"])

    def test_trust_and_cloud_provider(self):
        params = self.render(ctx=hi.context(cluster_user_trust=True))
        self.assertEqual("trust-1", params["trust_id"])
        self.assertEqual("true", params["cloud_provider_enabled"])
        error = self.assertRaises(
            exceptions.InvalidParameterValue, self.render,
            cluster_row=hi.cluster(labels={"cloud_provider_enabled": "t"}))
        self.assertIn("cluster_user_trust", str(error))
        self.assertRaises(exceptions.InvalidParameterValue, self.render,
                          template=hi.cluster_template(
                              volume_driver="cinder"))

    def test_octavia_ingress_needs_octavia(self):
        row = hi.cluster(labels={"ingress_controller": "Octavia"})
        self.assertRaises(exceptions.InvalidParameterValue, self.render,
                          cluster_row=row)
        params = self.render(cluster_row=row,
                             ctx=hi.context(octavia_enabled=True))
        self.assertEqual("octavia", params["ingress_controller"])

    def test_nodegroup_stack(self):
        ctx = hi.context(existing_master_private_ip="10.0.0.5",
                         existing_security_group="sg-1",
                         fixed_network_id="net-1", fixed_subnet_id="sub-1")
        worker = hi.nodegroup(name="gpu", is_default=False, node_count=2,
                              flavor_id="m1.large")
        params = self.render(worker=worker, ctx=ctx, is_cluster_stack=False)
        self.assertEqual("false", params["is_cluster_stack"])
        self.assertEqual("gpu", params["worker_nodegroup_name"])
        self.assertEqual("m1.large", params["minion_flavor"])
        self.assertEqual("net-1", params["fixed_network"])
        self.assertEqual("10.0.0.5", params["existing_master_private_ip"])
        for name in ("master_image", "number_of_masters",
                     "kube_service_account_private_key"):
            self.assertNotIn(name, params)

    def test_nodegroup_stack_needs_the_cluster_stack_outputs(self):
        self.assertRaises(exceptions.RequiredParameterNotProvided,
                          self.render, is_cluster_stack=False)

    def test_undeclared_parameter_is_a_driver_bug(self):
        bad = DEFINITION.__class__(
            main_template=DEFINITION.main_template,
            mappings=DEFINITION.mappings + (p.Param("foo", p.Const(1)),))
        error = self.assertRaises(exceptions.TemplateError, bad.parameters,
                                  hi.inputs())
        self.assertIn("foo", str(error))


class TestDeclaredMatrix(base.TestCase):
    def test_rendered_within_declared_and_covering_required(self):
        declared, required = DEFINITION.declared_parameters()
        count = 0
        for combo in hi.combinations():
            params = p.render(DEFINITION.mappings, hi.inputs_for(combo))
            self.assertLessEqual(set(params), set(declared))
            self.assertLessEqual(set(required), set(params))
            count += 1
        self.assertEqual(512, count)
