"""The stack requests of every other Heat driver (Kubernetes on Ironic,
Docker Swarm mode and classic, Mesos) through the real heatclient
against the local cloud's Heat, which validates as real Heat does.

For a pairwise-covering set of each driver's lint dimensions (floating
IPs, master load balancer, masters, docker volume, fixed network,
network and volume drivers, TLS, cluster or nodegroup stack where the
driver has them) the request is validated (every parameter declared,
every required one given, every reference resolves), created to
CREATE_COMPLETE, its outputs read through the driver's OutputMapping and
deleted. A lifecycle per driver scales the workers up, then down naming
the worker to remove, and checks that a delete leaves nothing behind.
"""

from magnum_like.drivers.heat import outputs
from magnum_like.drivers.heat import stack_request
from tests import heat_inputs as hi
from tests.functional.drivers import base

DRIVERS = [d for d in hi.DRIVERS if d != "k8s_fedora_coreos_v1"]


class TestDriverTemplates(base.LocalCloudTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.network = cls.private_network()
        # Bare-metal flavors are large (64 GiB): an operator raises the
        # compute quota of projects that deploy on them.
        world = cls.cloud.world
        world.compute.set_quota(world.identity.find_project("demo")["id"],
                                ram=-1, cores=-1)

    def cluster_stack(self, driver):
        """A cluster stack of `driver` for a nodegroup stack to join,
        deleted when the test ends."""
        inputs = hi.driver_inputs(driver, {}, network=self.network)
        stack = self.wait(self.stacks.create(stack_request.create(
            hi.definition(driver), inputs)))
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        self.addCleanup(self.wait, stack.id)
        self.addCleanup(self.stacks.delete, stack.id)
        return stack

    def request(self, driver, combo, node_count=1):
        borrowed = None if combo.get("cluster_stack", True) else \
            self.borrowed(self.cluster_stack(driver))
        inputs = hi.driver_inputs(driver, combo, network=self.network,
                                  cluster_outputs=borrowed)
        inputs.worker_nodegroup.node_count = node_count
        return stack_request.create(hi.definition(driver), inputs)

    def check(self, driver, combo):
        definition = hi.definition(driver)
        mapping = definition.output_mapping
        request = self.request(driver, combo)
        result = self.heat.stacks.validate(
            template=request.template, files=request.files,
            environment_files=request.environment_files,
            parameters=request.parameters)
        self.assertLessEqual(set(request.parameters),
                             set(result["Parameters"]))

        stack = self.wait(self.stacks.create(request))
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        out = outputs.stack_outputs(stack)
        self.assertEqual(1, len(out[mapping.worker_private_addresses]))
        self.assertEqual(combo["floating_ip"],
                         all(out[mapping.worker_addresses]))
        if combo.get("cluster_stack", True):
            masters = out[mapping.master_private_addresses]
            self.assertEqual(combo["masters"], len(masters))
            tls_disabled = combo.get("tls_disabled", False)
            fields = outputs.cluster_fields(stack, tls_disabled,
                                            mapping=mapping)
            self.assertTrue(fields["api_address"].startswith(
                "%s://%s:" % (mapping.insecure_api_scheme if tls_disabled
                              else mapping.api_scheme,
                              out["api_address"])))
            if combo["floating_ip"] and not combo["master_lb"]:
                self.assertEqual(out[mapping.master_addresses][0],
                                 out["api_address"])
            if not combo["master_lb"] and not combo["floating_ip"]:
                self.assertEqual(masters[0], out["api_address"])
        self.assertTrue(self.stacks.delete(stack.id))
        self.assertEqual("DELETE_COMPLETE", self.wait(stack.id).stack_status)

    def lifecycle(self, driver):
        """Create with 2 workers, scale to 3, remove the middle one by
        its server id, delete: nothing of the cluster is left."""
        definition = hi.definition(driver)
        mapping = definition.output_mapping
        combo = dict(floating_ip=True, master_lb=True, masters=1,
                     docker_volume=0 if "ironic" in driver else 5)
        stack_id = self.stacks.create(self.request(driver, combo,
                                                   node_count=2))
        stack = self.wait(stack_id)
        self.assertEqual("CREATE_COMPLETE", stack.stack_status,
                         stack.stack_status_reason)
        self.assertEqual(3, len(self.world()["servers"]))
        volumes = self.world()["volumes"]
        self.assertEqual([] if "ironic" in driver else [5, 5, 5],
                         [v["size"] for v in volumes])
        self.assertEqual(1, len(self.world()["loadbalancers"]))

        def scale(count, remove=()):
            self.stacks.update(stack_request.scale(definition, stack_id,
                                                   count, remove))
            scaled = self.wait(stack_id)
            self.assertEqual("UPDATE_COMPLETE", scaled.stack_status,
                             scaled.stack_status_reason)
            return outputs.stack_outputs(scaled), scaled

        out, _ = scale(3)
        ids = out[mapping.worker_server_ids]
        self.assertEqual(["0", "1", "2"], sorted(ids))
        out, scaled = scale(2, [ids["1"]])
        self.assertEqual({"0": ids["0"], "2": ids["2"]},
                         out[mapping.worker_server_ids])
        self.assertNotIn(ids["1"], {s.id for s in self.nova.servers.list()})
        workers = outputs.nodegroup_fields(scaled, "worker", True, mapping)
        self.assertEqual(2, workers["node_count"])
        self.assertEqual(2, len(workers["node_addresses"]))

        self.assertTrue(self.stacks.delete(stack_id))
        self.assertEqual("DELETE_COMPLETE", self.wait(stack_id).stack_status)
        for kind, items in self.world().items():
            self.assertEqual([], list(items), kind)


def _name(driver, index, combo):
    flags = "_".join("%s_%s" % (k, str(v).lower())
                     for k, v in sorted(combo.items()))
    return "test_%s_%02d_%s" % (driver, index, flags)


for _driver in DRIVERS:
    for _index, _combo in enumerate(hi.pairwise(
            hi.driver_combinations(_driver))):
        setattr(TestDriverTemplates, _name(_driver, _index, _combo),
                lambda self, d=_driver, c=_combo: self.check(d, c))
    setattr(TestDriverTemplates, "test_%s_lifecycle" % _driver,
            lambda self, d=_driver: self.lifecycle(d))
