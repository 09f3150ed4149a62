"""POST /v1/clusters/{ident}/nodegroups refuses nodegroups on the drivers
whose clusters cannot take them (Docker Swarm, Mesos) before anything
else is checked or written, through the driver's capability."""

import types
from unittest import mock

from magnum_like.api.controllers.v1 import nodegroups
from magnum_like.common import exceptions
from magnum_like.drivers import registry
from tests import base
from tests.unit.drivers import test_registry

TEMPLATES = test_registry.INSTALLED


class TestNodegroupRefusal(base.TestCase):
    def setUp(self):
        super().setUp()
        registry.reset()
        self.addCleanup(registry.reset)

    def new_nodegroup(self, driver, named=True):
        server_type, distro, coe = TEMPLATES[driver]
        template = types.SimpleNamespace(
            uuid="t1", server_type=server_type, cluster_distro=distro,
            coe=coe, driver=driver if named else None, image_id="img")
        # No API address: a driver that takes nodegroups gets as far as
        # that check, one that does not is refused before it.
        cluster = types.SimpleNamespace(
            uuid="c1", name="c1", api_address=None,
            cluster_template_id="t1")
        with mock.patch.object(nodegroups.db_templates, "get_by_uuid",
                               return_value=template) as get, \
                mock.patch.object(nodegroups.db, "create") as create:
            try:
                nodegroups._new_nodegroup(None, cluster, {"name": "ng"})
            finally:
                get.assert_called_once_with(mock.ANY, "t1")
                create.assert_not_called()

    def test_swarm_and_mesos_are_refused_first(self):
        for driver in ("swarm_fedora_atomic_v2", "swarm_fedora_atomic_v1",
                       "mesos_ubuntu_v1"):
            for named in (True, False):
                error = self.assertRaises(exceptions.NotSupported,
                                          self.new_nodegroup, driver, named)
                self.assertEqual(400, error.code)
                self.assertIn("Adding nodegroups to a %s cluster is not "
                              "supported" % TEMPLATES[driver][2],
                              str(error))

    def test_kubernetes_drivers_go_on_to_the_other_checks(self):
        for driver in ("k8s_fedora_coreos_v1", "k8s_fedora_ironic_v1"):
            self.assertRaises(exceptions.ClusterAPIAddressUnavailable,
                              self.new_nodegroup, driver)
