"""Only the files the rendered templates reference travel to Heat."""

import os

import fixtures
import testtools

from magnum_like.common import exceptions
from magnum_like.drivers.heat import template_files
from magnum_like.drivers.k8s_fedora_coreos_v1 import template_def
from tests import heat_inputs as hi

MAIN = template_def.DEFINITION.main_template
ENV = "common/environments/"


def envs(*names):
    return [ENV + n + ".yaml" for n in names]


class TestCollect(testtools.TestCase):
    def collect(self, *names):
        return template_files.collect(MAIN, envs(*names))

    def test_only_referenced_files(self):
        bundle = self.collect("with_private_network", "no_master_lb",
                              "disable_floating_ip", "no_volume",
                              "no_etcd_volume")
        files = set(bundle.files)
        self.assertIn("common/network/use_private.yaml", files)
        self.assertNotIn("common/network/use_existing.yaml", files)
        self.assertIn("common/switches/use_master.yaml", files)
        self.assertNotIn("common/switches/use_lb.yaml", files)
        self.assertIn("common/switches/use_private_ip.yaml", files)
        self.assertNotIn("common/switches/use_public_ip.yaml", files)
        for env in envs("with_volume", "with_master_lb", "with_etcd_volume"):
            self.assertNotIn(env, files)
        self.assertNotIn(MAIN, files)       # travels as `template`
        self.assertFalse([f for f in files if f.startswith("k8s_") and
                          not f.startswith("k8s_fedora_coreos_v1/")])
        self.assertEqual(envs("with_private_network", "no_master_lb",
                              "disable_floating_ip", "no_volume",
                              "no_etcd_volume"), bundle.environment_files)

    def test_environment_targets_follow_the_choice(self):
        bundle = self.collect("no_private_network", "with_master_lb",
                              "enable_floating_ip", "enable_lb_floating_ip")
        self.assertIn("common/network/use_existing.yaml", bundle.files)
        self.assertNotIn("common/network/use_private.yaml", bundle.files)
        self.assertIn("common/switches/use_lb.yaml", bundle.files)

    def test_every_reference_is_a_key_verbatim(self):
        bundle = self.collect("with_private_network", "with_master_lb",
                              "enable_floating_ip", "enable_lb_floating_ip",
                              "with_volume", "with_etcd_volume")
        refs = template_files.template_references(MAIN, bundle.template)
        for path, text in bundle.files.items():
            if path.startswith(ENV):
                refs |= template_files.environment_references(path, text)
            elif path.endswith(".yaml"):
                refs |= template_files.template_references(path, text)
        self.assertEqual(set(), refs - set(bundle.files))
        self.assertEqual(set(), set(bundle.files) - refs -
                         set(bundle.environment_files))

    def test_size_is_well_under_heat_limit(self):
        bundle = self.collect("with_private_network", "with_master_lb",
                              "enable_floating_ip", "enable_lb_floating_ip",
                              "with_volume", "with_etcd_volume")
        self.assertLess(bundle.size, 150 * 1024)

    def test_every_shared_fragment_is_used(self):
        root = template_files.templates_root()
        fragments = {"common/fragments/" + f for f in os.listdir(
            os.path.join(root, "common", "fragments"))}
        used = set()
        for driver in hi.DRIVERS:
            for combo in ({"network_driver": "flannel"}, {}):
                try:
                    inputs = hi.driver_inputs(driver, combo)
                    used |= set(hi.definition(driver).bundle(inputs).files)
                except exceptions.InvalidParameterValue:
                    continue
        self.assertEqual(fragments, fragments & used)

    def test_missing_reference_is_a_template_error(self):
        root = self.useFixture(fixtures.TempDir()).path
        with open(os.path.join(root, "main.yaml"), "w") as f:
            f.write("heat_template_version: queens\nresources:\n"
                    "  x: {type: OS::Heat::SoftwareConfig, properties: "
                    "{config: {get_file: nowhere.sh}}}\n")
        error = self.assertRaises(exceptions.TemplateError,
                                  template_files.collect, "main.yaml", [],
                                  root)
        self.assertIn("nowhere.sh", str(error))

    def test_reference_may_not_leave_the_root(self):
        self.assertRaises(exceptions.TemplateError, template_files.read,
                          "../setup.py")


class TestDeclaredParameters(testtools.TestCase):
    def test_required_are_those_without_default(self):
        declared, required = template_files.declared_parameters(MAIN)
        self.assertIn("number_of_minions", declared)
        self.assertNotIn("number_of_minions", required)
        self.assertEqual(
            {"cluster_uuid", "minion_image", "external_network",
             "tls_disabled", "magnum_url", "auth_url", "trustee_user_id",
             "trustee_password"}, set(required))
