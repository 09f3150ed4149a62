"""Stack outputs to cluster and nodegroup fields."""

import testtools

from magnum_like.drivers.heat import outputs

STACK = {
    "outputs": [
        {"output_key": "api_address", "output_value": "172.24.4.10"},
        {"output_key": "kube_masters", "output_value": ["172.24.4.11"]},
        {"output_key": "kube_masters_private", "output_value": ["10.0.0.3"]},
        {"output_key": "kube_minions", "output_value": [None, None]},
        {"output_key": "kube_minions_private",
         "output_value": ["10.0.0.4", "10.0.0.5"]},
        {"output_key": "api_private_address", "output_value": "10.0.0.3"},
        {"output_key": "minion_security_group", "output_value": "sg"},
        {"output_key": "fixed_network", "output_value": "net"},
        {"output_key": "fixed_subnet", "output_value": "sub"}],
    "parameters": {"number_of_masters": "1", "number_of_minions": "2",
                   "kube_version": "v1.30.4"},
}


class TestOutputs(testtools.TestCase):
    def test_api_address(self):
        self.assertEqual({"api_address": "https://172.24.4.10:6443",
                          "coe_version": "v1.30.4",
                          "container_version": "1.12.6"},
                         outputs.cluster_fields(STACK, False, "1.12.6"))
        self.assertEqual("http://172.24.4.10:8080",
                         outputs.cluster_fields(STACK, True)["api_address"])
        self.assertNotIn("api_address", outputs.cluster_fields(
            {"outputs": [], "parameters": {}}, False))

    def test_node_addresses_and_counts(self):
        self.assertEqual({"node_addresses": ["172.24.4.11"],
                          "node_count": 1},
                         outputs.nodegroup_fields(STACK, "master", True))
        self.assertEqual({"node_addresses": ["10.0.0.3"], "node_count": 1},
                         outputs.nodegroup_fields(STACK, "master", False))
        # floating IPs enabled but not there yet: private addresses
        self.assertEqual({"node_addresses": ["10.0.0.4", "10.0.0.5"],
                          "node_count": 2},
                         outputs.nodegroup_fields(STACK, "worker", True))

    def test_heatclient_objects(self):
        class Stack:
            outputs = STACK["outputs"]
            parameters = STACK["parameters"]
        self.assertEqual(["10.0.0.3"], outputs.nodegroup_fields(
            Stack(), "master", False)["node_addresses"])

    def test_nodegroup_stack_inputs(self):
        self.assertEqual({"existing_master_private_ip": "10.0.0.3",
                          "existing_security_group": "sg",
                          "fixed_network_id": "net",
                          "fixed_subnet_id": "sub"},
                         outputs.nodegroup_stack_inputs(STACK))
