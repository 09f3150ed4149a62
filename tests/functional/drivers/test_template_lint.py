"""The rendered stack requests of the FCOS driver, through the real
heatclient against the local cloud's Heat.

For a pairwise-covering set of the lint dimensions (floating IPs, master
load balancer, docker and etcd volumes, fixed network, flannel/calico,
1 or 3 masters, TLS, cluster or nodegroup stack; every pair of values
occurs at least once) each request is validated (POST /validate: every
parameter declared, every required one given, every intrinsic reference
resolves) and created, and must reach CREATE_COMPLETE. The unit tests
check the declared/required sets for all 512 combinations.
"""

from magnum_like.drivers.heat import stack_request
from tests import heat_inputs as hi
from tests.functional.drivers import base

COMBINATIONS = hi.pairwise(hi.combinations())


class TestTemplateLint(base.LocalCloudTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.network = cls.private_network()
        cls.cluster_stack = cls.create_cluster_stack()

    def check(self, combo):
        inputs = hi.inputs_for(combo, network=self.network,
                               cluster_outputs=self.borrowed(
                                   self.cluster_stack))
        request = stack_request.create(base.DEFINITION, inputs)
        result = self.heat.stacks.validate(
            template=request.template, files=request.files,
            environment_files=request.environment_files,
            parameters=request.parameters)
        declared = set(result["Parameters"])
        self.assertLessEqual(set(request.parameters), declared)

        stack = self.wait(self.stacks.create(request))
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        out = {o["output_key"]: o.get("output_value")
               for o in stack.outputs}
        workers = out["kube_minions_private"]
        self.assertEqual(1, len(workers))
        if combo["cluster_stack"]:
            self.assertTrue(out["api_address"])
            self.assertEqual(combo["masters"],
                             len(out["kube_masters_private"]))
            if combo["floating_ip"] and not combo["master_lb"]:
                self.assertEqual(out["kube_masters"][0],
                                 out["api_address"])
        else:
            self.assertNotIn("api_address", out)
        self.assertEqual(combo["floating_ip"],
                         all(out["kube_minions"]))
        self.assertTrue(self.stacks.delete(stack.id))
        self.assertEqual("DELETE_COMPLETE", self.wait(stack.id).stack_status)


def _name(index, combo):
    flags = "_".join("%s_%s" % (k, str(v).lower())
                     for k, v in combo.items())
    return "test_%02d_%s" % (index, flags)


for _index, _combo in enumerate(COMBINATIONS):
    setattr(TestTemplateLint, _name(_index, _combo),
            lambda self, combo=_combo: self.check(combo))


class TestEtcdWithoutDiscovery(base.LocalCloudTestCase):
    """Masters without a discovery URL form one etcd cluster from their
    private addresses (the cluster-wide etcd deployment's
    ETCD_INITIAL_CLUSTER); with one, the URL is what they get."""

    COMBO = dict(floating_ip=True, master_lb=True, docker_volume=0,
                 etcd_volume="2", fixed_network=False,
                 network_driver="flannel", masters=3, tls_disabled=False,
                 cluster_stack=True)

    def create(self, masters, discovery_url=None):
        inputs = hi.inputs_for(dict(self.COMBO, masters=masters))
        inputs.cluster.discovery_url = discovery_url
        inputs.context.discovery_url = discovery_url or ""
        request = stack_request.create(base.DEFINITION, inputs)
        self.assertEqual(discovery_url or "",
                         request.parameters.get("discovery_url", ""))
        stack = self.wait(self.stacks.create(request))
        self.addCleanup(self.stacks.delete, stack.id)
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        return stack

    def etcd_inputs(self, stack):
        """The resolved inputs of the cluster-wide etcd deployment."""
        engine = self.cloud.app._heat.engine
        deploy = engine.stacks[stack.id].resources["etcd_cluster_deploy"]
        return deploy.props

    def test_three_masters_and_master_lb(self):
        stack = self.create(3)
        out = {o["output_key"]: o.get("output_value")
               for o in stack.outputs}
        ips = out["kube_masters_private"]
        self.assertEqual(3, len(set(ips)))
        props = self.etcd_inputs(stack)
        names = ["%s-master-%d" % (stack.stack_name, i) for i in range(3)]
        self.assertEqual(
            ",".join("%s=https://%s:2380" % (n, ip)
                     for n, ip in zip(names, ips, strict=True)),
            props["input_values"]["ETCD_INITIAL_CLUSTER"])
        self.assertEqual("", props["input_values"]["DISCOVERY_URL"])
        self.assertEqual(3, len(props["servers"]))
        servers = {s.id for s in self.nova.servers.list()
                   if "-master-" in s.name and
                   s.name.startswith(stack.stack_name)}
        self.assertEqual(servers, set(props["servers"].values()))

    def test_one_master(self):
        stack = self.create(1)
        out = {o["output_key"]: o.get("output_value")
               for o in stack.outputs}
        props = self.etcd_inputs(stack)
        self.assertEqual(
            "%s-master-0=https://%s:2380" % (
                stack.stack_name, out["kube_masters_private"][0]),
            props["input_values"]["ETCD_INITIAL_CLUSTER"])

    def test_discovery_url_is_honoured(self):
        url = "https://discovery.etcd.io/abc"
        stack = self.create(3, discovery_url=url)
        props = self.etcd_inputs(stack)
        self.assertEqual(url, props["input_values"]["DISCOVERY_URL"])
