"""The fixed subnet as HeatOperations reads it: the Ironic driver's
check (IPv4 only) and the network derived from a subnet given alone."""

import types

from magnum_like.common import exceptions
from magnum_like.drivers.heat import driver as heat_driver
from magnum_like.drivers.heat import parameters
from magnum_like.drivers.k8s_fedora_coreos_v1 import template_def as coreos_def
from magnum_like.drivers.k8s_fedora_ironic_v1 import template_def as ironic_def
from tests import base

NET = "0b8c7a3e-1111-4111-8111-000000000001"
OTHER = "0b8c7a3e-1111-4111-8111-000000000002"
SUBNET4 = {"id": "s4", "cidr": "10.0.0.0/24", "network_id": NET,
           "ip_version": 4}
SUBNET6 = {"id": "s6", "cidr": "fd00::/64", "network_id": NET,
           "ip_version": 6}


class FakeClients:
    def __init__(self, subnet):
        self._subnet = subnet
        self.networks = []

    def network(self, ident, external=False):
        self.networks.append(ident)
        return {"id": ident if ident != "private" else NET,
                "name": "private" if ident in (NET, "private") else "other"}

    def subnet(self, ident):
        return dict(self._subnet)


def networks(definition, subnet, fixed_network=None):
    ops = heat_driver.HeatOperations(definition)
    clients = FakeClients(subnet)
    job = types.SimpleNamespace(
        clients=clients,
        cluster=types.SimpleNamespace(fixed_network=None, fixed_subnet=None),
        cluster_template=types.SimpleNamespace(
            external_network_id=None, fixed_network=fixed_network,
            fixed_subnet="private-subnet"))
    ctx = parameters.StackContext()
    ops._networks(job, ctx)
    return ctx, clients


class TestFixedSubnet(base.TestCase):
    def test_ironic_derives_the_network_of_a_subnet_given_alone(self):
        ctx, clients = networks(ironic_def.DEFINITION, SUBNET4)
        self.assertEqual((NET, "private", "s4", "10.0.0.0/24"),
                         (ctx.fixed_network_id, ctx.fixed_network_name,
                          ctx.fixed_subnet_id, ctx.fixed_subnet_cidr))
        self.assertEqual([NET], clients.networks)

    def test_ironic_keeps_the_network_given(self):
        ctx, clients = networks(ironic_def.DEFINITION, SUBNET4,
                                fixed_network="private")
        self.assertEqual((NET, "private"), (ctx.fixed_network_id,
                                            ctx.fixed_network_name))
        self.assertEqual(["private"], clients.networks)

    def test_ironic_refuses_a_subnet_of_another_network(self):
        subnet = dict(SUBNET4, network_id=OTHER)
        error = self.assertRaises(exceptions.InvalidSubnet, networks,
                                  ironic_def.DEFINITION, subnet,
                                  fixed_network="private")
        self.assertEqual(400, error.code)
        self.assertIn("not on the fixed network private", str(error))

    def test_ironic_refuses_ipv6(self):
        error = self.assertRaises(exceptions.InvalidSubnet, networks,
                                  ironic_def.DEFINITION, SUBNET6)
        self.assertEqual(400, error.code)
        self.assertIn("IPv4", str(error))

    def test_other_drivers_take_the_subnet_as_it_is(self):
        ctx, clients = networks(coreos_def.DEFINITION, SUBNET6)
        self.assertEqual(("", "s6", "fd00::/64"),
                         (ctx.fixed_network_id, ctx.fixed_subnet_id,
                          ctx.fixed_subnet_cidr))
        self.assertEqual([], clients.networks)
