"""The conductor picks the fixed network by the rule the API checked
(common/network_rules.py): an external network that shares the name is
never a candidate, so a cluster the API accepted is built (issue 11)."""

from tests.functional.conductor import base


class TestFixedNetworkSharingAnExternalName(base.ConductorCloudTestCase):
    def test_cluster_on_a_fixed_network_an_external_one_is_named_like(self):
        ctx = self.caller()
        world = self.cloud.world.network
        fixed = world.create_network(ctx.project_id, name="twin")
        world.create_subnet(ctx.project_id, fixed["id"], "10.79.0.0/24",
                            name="twin-subnet")
        world.create_network(self.project_id("admin"), name="twin",
                             external=True, shared=True)
        # No router to the external network: no floating IPs.
        template = self.make_template(ctx, fixed_network="twin",
                                      floating_ip_enabled=False)
        row = self.create_cluster(ctx, template=template,
                                  floating_ip_enabled=False)
        self.assertEqual("CREATE_COMPLETE", row.status)
