"""Stack names (facts §10.1)."""

import re

import testtools

from magnum_like.drivers.heat import stack_naming


class TestNames(testtools.TestCase):
    def test_cluster(self):
        self.assertEqual("my-k8s-cluster-abcdef123456",
                         stack_naming.cluster_stack_name(
                             "My_K8s.Cluster", "ABCDEF123456"))
        long = stack_naming.cluster_stack_name("x" * 40, "s" * 12)
        self.assertEqual("x" * 30 + "-" + "s" * 12, long)

    def test_nodegroup(self):
        self.assertEqual("%s-gpu-worke-%s" % ("c" * 20, "s" * 12),
                         stack_naming.nodegroup_stack_name(
                             "c" * 25, "gpu_workers", "s" * 12))

    def test_only_heat_safe_characters(self):
        name = stack_naming.cluster_stack_name("9 héllo wörld!")
        self.assertRegex(name, r"^[a-z][a-z0-9-]*$")
        self.assertTrue(name.startswith("c9hllowrld-"))

    def test_short_id(self):
        ids = {stack_naming.short_id() for _ in range(50)}
        self.assertEqual(50, len(ids))
        self.assertTrue(all(re.fullmatch(r"[a-z2-7]{12}", i) for i in ids))
