"""The Kubernetes cluster template's etcd bootstrap without a discovery
URL: a cluster-wide deployment on every master, after all of them exist,
whose ETCD_INITIAL_CLUSTER pairs each master's name with its private
address; the add-ons wait for it."""

import os

import yaml

from magnum_like.drivers.heat import k8s_mappings
from magnum_like.drivers.heat import template_files
from tests import base
from tests import heat_inputs as hi


def _load(path):
    with open(os.path.join(template_files.templates_root(), path)) as f:
        return yaml.safe_load(f)


class TestEtcdClusterDeployment(base.TestCase):
    def setUp(self):
        super().setUp()
        self.cluster = _load(k8s_mappings.MAIN_TEMPLATE)["resources"]
        self.node = _load("common/node.yaml")

    def test_deployment_on_every_master_with_the_static_cluster(self):
        deploy = self.cluster["etcd_cluster_deploy"]
        self.assertEqual("OS::Heat::SoftwareDeploymentGroup",
                         deploy["type"])
        props = deploy["properties"]
        self.assertEqual({"get_attr": ["kube_masters", "refs_map"]},
                         props["servers"])
        merged = props["input_values"]["map_merge"]
        self.assertEqual({"get_attr": ["node_settings", "value"]},
                         merged[0])
        joined = merged[1]["ETCD_INITIAL_CLUSTER"]["list_join"]
        self.assertEqual(",", joined[0])
        repeat = joined[1]["repeat"]
        self.assertEqual("<%name%>=https://<%ip%>:2380", repeat["template"])
        self.assertIs(False, repeat["permutations"])
        self.assertEqual(
            {"<%name%>": {"get_attr": ["kube_masters", "node_name"]},
             "<%ip%>": {"get_attr": ["kube_masters", "node_ip"]}},
            repeat["for_each"])
        config = self.cluster["etcd_cluster_config"]["properties"]
        self.assertEqual(
            [{"get_file": "common/fragments/prelude.sh"},
             {"get_file": "common/fragments/etcd.sh"}],
            config["config"]["list_join"][1])
        self.assertEqual("etcd_cluster_deploy",
                         self.cluster["kube_cluster_deploy"]["depends_on"])

    def test_node_name_is_the_etcd_member_name(self):
        # etcd.sh names the member NODE_NAME, the node's `name`
        self.assertEqual({"get_param": "name"},
                         self.node["outputs"]["node_name"]["value"])
        inputs = self.node["resources"]["node_deployment"]["properties"][
            "input_values"]["map_merge"][2]
        self.assertEqual({"get_param": "name"}, inputs["NODE_NAME"])

    def test_discovery_url_parameter(self):
        mapping = {m.heat_name: m for m in k8s_mappings.MAPPINGS}[
            "discovery_url"]
        inputs = hi.inputs(cluster_row=hi.cluster(discovery_url=None))
        self.assertIsNone(mapping.value(inputs))
        inputs = hi.inputs(cluster_row=hi.cluster(
            discovery_url="https://discovery.etcd.io/x"))
        self.assertEqual("https://discovery.etcd.io/x",
                         mapping.value(inputs))
