"""Environment files chosen from the cluster and its template."""

from magnum_like.common import exceptions
from magnum_like.drivers.heat import environments
from tests import base
from tests import heat_inputs as hi


def names(inputs):
    return [e.rsplit("/", 1)[1][:-5] for e in environments.choose(inputs)]


class TestChoose(base.TestCase):
    def test_defaults(self):
        self.assertEqual(["with_private_network", "no_master_lb",
                          "enable_floating_ip", "no_volume",
                          "no_etcd_volume"], names(hi.inputs()))

    def test_fixed_network_of_cluster_or_template(self):
        for kwargs in ({"cluster_row": hi.cluster(fixed_network="net")},
                       {"template": hi.cluster_template(
                           fixed_network="net")}):
            self.assertEqual("no_private_network",
                             names(hi.inputs(**kwargs))[0])

    def test_master_lb_needs_octavia(self):
        row = hi.cluster(master_lb_enabled=True)
        self.assertRaises(exceptions.MasterLBNotAvailable, names,
                          hi.inputs(cluster_row=row))
        chosen = names(hi.inputs(cluster_row=row,
                                 ctx=hi.context(octavia_enabled=True)))
        self.assertEqual(["with_private_network", "with_master_lb",
                          "enable_floating_ip", "enable_lb_floating_ip",
                          "no_volume", "no_etcd_volume"], chosen)

    def test_lb_floating_ip_label_wins(self):
        ctx = hi.context(octavia_enabled=True)
        row = hi.cluster(master_lb_enabled=True, floating_ip_enabled=False,
                         labels={"master_lb_floating_ip_enabled": "true"})
        chosen = names(hi.inputs(cluster_row=row, ctx=ctx))
        self.assertIn("disable_floating_ip", chosen)
        self.assertIn("enable_lb_floating_ip", chosen)
        row.labels = {}
        self.assertIn("disable_lb_floating_ip",
                      names(hi.inputs(cluster_row=row, ctx=ctx)))

    def test_cluster_setting_overrides_template(self):
        chosen = names(hi.inputs(
            template=hi.cluster_template(floating_ip_enabled=True),
            cluster_row=hi.cluster(floating_ip_enabled=False)))
        self.assertIn("disable_floating_ip", chosen)

    def test_volumes(self):
        chosen = names(hi.inputs(cluster_row=hi.cluster(
            docker_volume_size=5, labels={"etcd_volume_size": "1"})))
        self.assertIn("with_volume", chosen)
        self.assertIn("with_etcd_volume", chosen)
        self.assertRaises(exceptions.InvalidParameterValue, names,
                          hi.inputs(cluster_row=hi.cluster(
                              labels={"etcd_volume_size": "big"})))

    def test_nodegroup_stack_uses_its_own_volume_and_no_lb(self):
        worker = hi.nodegroup(docker_volume_size=3, is_default=False)
        chosen = names(hi.inputs(
            cluster_row=hi.cluster(master_lb_enabled=True), worker=worker,
            is_cluster_stack=False))
        self.assertEqual(["no_private_network", "no_master_lb",
                          "enable_floating_ip", "with_volume",
                          "no_etcd_volume"], chosen)
