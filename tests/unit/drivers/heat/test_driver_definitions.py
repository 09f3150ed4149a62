"""Every Heat driver's definition against its templates, for every
combination of its lint dimensions (no sockets): the parameters passed
are declared, the required ones are passed; and each driver's hooks:
Ironic's subnet and volume checks, upgrades refused with a reason,
nodegroup stacks where they are not offered, API addresses."""

from magnum_like.common import exceptions
from magnum_like.drivers.heat import outputs
from magnum_like.drivers.heat import stack_request
from magnum_like.drivers.heat import template_files
from magnum_like.drivers.k8s_fedora_ironic_v1 import template_def as ironic
from tests import base
from tests import heat_inputs as hi

IRONIC = "k8s_fedora_ironic_v1"


class EveryDriver:
    """Mixed into one TestCase per driver (below)."""

    driver = None

    def setUp(self):
        super().setUp()
        self.definition = hi.definition(self.driver)

    def test_passed_declared_and_required_for_all_combinations(self):
        declared, required = self.definition.declared_parameters()
        count = 0
        for combo in hi.driver_combinations(self.driver):
            params = self.definition.parameters(
                hi.driver_inputs(self.driver, combo))
            self.assertLessEqual(set(params), set(declared), combo)
            self.assertLessEqual(set(required), set(params), combo)
            count += 1
        self.assertGreaterEqual(count, 64)

    def test_bundle_carries_only_its_own_files(self):
        request = stack_request.create(self.definition, hi.driver_inputs(
            self.driver, {}))
        driver_dirs = {d for d in hi.DRIVERS if d != self.driver}
        self.assertEqual(set(), {f.split("/")[0] for f in request.files}
                         & driver_dirs)
        self.assertIn(self.driver + "/environment.yaml",
                      request.environment_files)
        # Kubernetes' add-ons make it ~108 KB; Heat takes 512 KB a file
        # and 1 MB a request.
        self.assertLess(request.size, 128 * 1024)

    def test_worker_count_and_removal_are_declared(self):
        declared, _ = self.definition.declared_parameters()
        self.assertIn(self.definition.count_parameter, declared)
        self.assertIn(self.definition.remove_parameter, declared)
        scale = stack_request.scale(self.definition, "id", 2, ["srv-1"])
        self.assertLessEqual(set(scale.parameters), set(declared))

    def test_outputs_of_the_mapping_exist(self):
        mapping = self.definition.output_mapping
        doc = template_files._load(
            self.definition.main_template,
            template_files.read(self.definition.main_template))
        for name in ("api_address", mapping.master_addresses,
                     mapping.master_private_addresses,
                     mapping.worker_addresses,
                     mapping.worker_private_addresses,
                     mapping.worker_server_ids):
            self.assertIn(name, doc["outputs"])

    def test_upgrade_supported_or_refused_with_a_reason(self):
        inputs = hi.driver_inputs(self.driver, {})
        if self.definition.upgrade_not_supported:
            error = self.assertRaises(
                exceptions.ClusterUpgradeNotSupportedByDriver,
                stack_request.upgrade, self.definition, inputs, "id")
            self.assertEqual(400, error.code)
            self.assertIn("Create a cluster", str(error))
        else:
            request = stack_request.upgrade(self.definition, inputs, "id")
            self.assertIn("kube_tag", request.parameters)

    def test_nodegroup_stacks_offered_or_refused(self):
        inputs = hi.driver_inputs(self.driver, {"cluster_stack": False})
        if self.definition.nodegroup_stacks:
            params = self.definition.parameters(inputs)
            self.assertEqual("false", params["is_cluster_stack"])
        else:
            error = self.assertRaises(exceptions.NotSupported,
                                      self.definition.parameters, inputs)
            self.assertEqual(400, error.code)


for _driver in hi.DRIVERS:
    _name = "Test_" + _driver
    globals()[_name] = type(_name, (EveryDriver, base.TestCase),
                            {"driver": _driver})


class TestIronic(base.TestCase):
    definition = ironic.DEFINITION

    def inputs(self, **combo):
        return hi.driver_inputs(IRONIC, combo)

    def test_ipv6_subnet_is_an_invalid_subnet(self):
        error = self.assertRaises(exceptions.InvalidSubnet,
                                  ironic.check_subnet,
                                  {"id": "v6", "cidr": "fd00::/64"})
        self.assertEqual(400, error.code)
        self.assertIn("IPv4", str(error))
        inputs = self.inputs()
        inputs.context.fixed_subnet_cidr = "fd00::/64"
        self.assertRaises(exceptions.InvalidSubnet,
                          self.definition.parameters, inputs)

    def test_ipv4_subnet_gives_its_network(self):
        self.assertEqual(
            {"fixed_subnet_id": "s", "fixed_subnet_cidr": "10.0.0.0/24",
             "fixed_network_id": "n"},
            ironic.check_subnet({"id": "s", "cidr": "10.0.0.0/24",
                                 "network_id": "n", "ip_version": 4}))

    def test_fixed_network_and_subnet_are_required(self):
        inputs = self.inputs()
        inputs.cluster_template.fixed_subnet = None
        inputs.context.fixed_subnet_cidr = ""
        error = self.assertRaises(exceptions.RequiredParameterNotProvided,
                                  self.definition.parameters, inputs)
        self.assertIn("fixed_subnet", str(error))

    def test_always_the_existing_network_and_no_volumes(self):
        envs = [e.rsplit("/", 1)[1] for e in
                self.definition.environment_files(
                    self.inputs(master_lb=False))]
        self.assertEqual(["no_private_network.yaml", "no_master_lb.yaml",
                          "enable_floating_ip.yaml", "no_volume.yaml",
                          "no_etcd_volume.yaml", "environment.yaml"], envs)
        params = self.definition.parameters(self.inputs())
        for name in ("boot_volume_size", "docker_volume_size",
                     "etcd_volume_size"):
            self.assertNotIn(name, params)

    def test_volumes_asked_for_are_refused(self):
        for combo, labels in (({"docker_volume": 5}, {}),
                              ({}, {"etcd_volume_size": "2"}),
                              ({}, {"boot_volume_size": "10"})):
            inputs = self.inputs(**combo)
            inputs.cluster.labels.update(labels)
            error = self.assertRaises(exceptions.InvalidParameterValue,
                                      self.definition.parameters, inputs)
            self.assertIn("bare metal", str(error))

    def test_same_templates_as_the_vm_driver(self):
        fcos = hi.definition("k8s_fedora_coreos_v1")
        self.assertEqual(fcos.main_template, self.definition.main_template)


class TestDockerDrivers(base.TestCase):
    def test_swarm_api_address(self):
        mapping = hi.definition("swarm_fedora_atomic_v2").output_mapping
        self.assertEqual("tcp://1.2.3.4:2376",
                         outputs.api_url("1.2.3.4", False, mapping))
        self.assertEqual("tcp://1.2.3.4:2375",
                         outputs.api_url("1.2.3.4", True, mapping))

    def test_mesos_api_address_is_marathon(self):
        mapping = hi.definition("mesos_ubuntu_v1").output_mapping
        for tls_disabled in (False, True):
            self.assertEqual("http://1.2.3.4:8080", outputs.api_url(
                "1.2.3.4", tls_disabled, mapping))

    def test_ports_of_swarm_mode_and_classic(self):
        for driver, docker_port in (("swarm_fedora_atomic_v2", 2376),
                                    ("swarm_fedora_atomic_v1", 2378)):
            params = hi.definition(driver).parameters(
                hi.driver_inputs(driver, {}))
            self.assertEqual((2376, docker_port),
                             (params["swarm_port"], params["docker_port"]))
        params = hi.definition("swarm_fedora_atomic_v2").parameters(
            hi.driver_inputs("swarm_fedora_atomic_v2",
                             {"tls_disabled": True}))
        self.assertEqual(2375, params["swarm_port"])

    def test_coe_rules_are_checked(self):
        for driver, network_driver in (("swarm_fedora_atomic_v2", "calico"),
                                       ("mesos_ubuntu_v1", "flannel")):
            inputs = hi.driver_inputs(driver, {})
            inputs.cluster_template.network_driver = network_driver
            error = self.assertRaises(exceptions.InvalidParameterValue,
                                      hi.definition(driver).parameters,
                                      inputs)
            self.assertIn(network_driver, str(error))
        inputs = hi.driver_inputs("mesos_ubuntu_v1", {})
        inputs.cluster_template.volume_driver = "cinder"
        self.assertRaises(exceptions.InvalidParameterValue,
                          hi.definition("mesos_ubuntu_v1").parameters,
                          inputs)

    def test_swarm_worker_names(self):
        definition = hi.definition("swarm_fedora_atomic_v2")
        scale = stack_request.scale(definition, "id", 3, ["a"])
        self.assertEqual({"number_of_nodes": 3, "nodes_to_remove": ["a"]},
                         scale.parameters)
        mesos = hi.definition("mesos_ubuntu_v1")
        self.assertEqual({"number_of_slaves": 1}, stack_request.scale(
            mesos, "id", 1).parameters)
