"""The add-on labels of the Kubernetes drivers (k8s_addon_mappings): the
templates' defaults are Magnum's, labels override them, bad values are
400s naming the label, the keystone auth policy, Grafana's password kept
secret, and every parameter reaching the nodes' fragments."""

import json
import os

import yaml

from magnum_like.common import exceptions
from magnum_like.drivers.heat import k8s_addon_mappings as addons
from magnum_like.drivers.heat import k8s_mappings
from magnum_like.drivers.heat import stack_request
from magnum_like.drivers.heat import template_files
from magnum_like.drivers.k8s_fedora_coreos_v1 import template_def as fcos
from magnum_like.drivers.k8s_fedora_ironic_v1 import template_def as ironic
from tests import base
from tests import heat_inputs as hi

IRONIC = "k8s_fedora_ironic_v1"


def _template():
    path = os.path.join(template_files.templates_root(),
                        k8s_mappings.MAIN_TEMPLATE)
    with open(path) as f:
        return yaml.safe_load(f)


def _labels(**labels):
    return hi.cluster(labels=dict({"kube_tag": "v1.30.4"}, **labels))


class AddonCase(base.TestCase):
    def render(self, is_cluster_stack=True, **labels):
        inputs = hi.inputs(cluster_row=_labels(**labels),
                           is_cluster_stack=is_cluster_stack)
        if not is_cluster_stack:
            inputs.context.existing_master_private_ip = "10.0.0.5"
            inputs.context.existing_security_group = "sg-1"
        return fcos.DEFINITION.parameters(inputs)

    def assertInvalid(self, label, value):
        error = self.assertRaises(exceptions.InvalidParameterValue,
                                  self.render, **{label: value})
        self.assertEqual(400, error.code)
        self.assertIn(label, str(error))
        return error


class TestDefaults(AddonCase):
    def test_template_defaults_are_magnum_s(self):
        params = _template()["parameters"]
        for switch, default in addons.SWITCHES.items():
            self.assertIs(default, params[switch]["default"], switch)
        expected = {"monitoring_enabled": False,
                    "metrics_server_enabled": True,
                    "monitoring_retention_days": 14,
                    "monitoring_retention_size": 14,
                    "monitoring_interval_seconds": 30,
                    "cluster_root_domain_name": "localhost",
                    "selinux_mode": "enforcing"}
        for name, default in expected.items():
            self.assertEqual(default, params[name]["default"], name)

    def test_unset_labels_leave_the_template_defaults(self):
        params = self.render()
        for mapping in addons.ADDONS:
            if mapping.heat_name != "keystone_auth_default_policy":
                self.assertNotIn(mapping.heat_name, params)

    def test_labels_override(self):
        params = self.render(
            keystone_auth_enabled="False", kube_dashboard_enabled="false",
            npd_enabled="0", cert_manager_api="True",
            influx_grafana_dashboard_enabled="yes",
            cinder_csi_enabled="false", k8s_keystone_auth_tag="v1.31.1",
            kube_dashboard_version="v2.6.1", metrics_scraper_tag="v1.0.7",
            node_problem_detector_tag="v0.8.18", grafana_tag="11.1.0",
            prometheus_tag="v2.53.1", monitoring_retention_days="7",
            monitoring_storage_class_name="fast-ssd",
            cluster_root_domain_name="k8s.example.org",
            selinux_mode="permissive")
        for name in ("keystone_auth_enabled", "kube_dashboard_enabled",
                     "npd_enabled", "cinder_csi_enabled"):
            self.assertEqual("false", params[name], name)
        for name in ("cert_manager_api", "influx_grafana_dashboard_enabled"):
            self.assertEqual("true", params[name], name)
        self.assertEqual("v1.31.1", params["k8s_keystone_auth_tag"])
        self.assertEqual("v2.6.1", params["kube_dashboard_version"])
        self.assertEqual("v1.0.7", params["metrics_scraper_tag"])
        self.assertEqual("v0.8.18", params["node_problem_detector_tag"])
        self.assertEqual("11.1.0", params["grafana_tag"])
        self.assertEqual("v2.53.1", params["prometheus_tag"])
        self.assertEqual(7, params["monitoring_retention_days"])
        self.assertEqual("fast-ssd", params["monitoring_storage_class_name"])
        self.assertEqual("k8s.example.org",
                         params["cluster_root_domain_name"])
        self.assertEqual("permissive", params["selinux_mode"])
        self.assertNotIn("keystone_auth_default_policy", params)

    def test_prometheus_monitoring_is_monitoring_enabled(self):
        self.assertEqual("true", self.render(
            prometheus_monitoring="true")["monitoring_enabled"])
        self.assertEqual("true", self.render(
            monitoring_enabled="true",
            prometheus_monitoring="false")["monitoring_enabled"])
        self.assertEqual("false", self.render(
            monitoring_enabled="false")["monitoring_enabled"])

    def test_addon_tags_are_upgraded(self):
        for tag in addons.ADDON_TAGS:
            self.assertIn(tag, k8s_mappings.UPGRADE_PARAMETERS)
        request = stack_request.upgrade(
            fcos.DEFINITION, hi.inputs(cluster_row=_labels(
                kube_dashboard_version="v2.7.1")), "stack-id")
        self.assertEqual("v2.7.1",
                         request.parameters["kube_dashboard_version"])


class TestBadValues(AddonCase):
    def test_switches_take_booleans_only(self):
        for label in (*addons.SWITCHES, "monitoring_enabled",
                      "prometheus_monitoring", "use_podman"):
            error = self.assertInvalid(label, "maybe")
            self.assertIn("true or false", str(error))

    def test_tags_and_chart_versions(self):
        for label in addons.ADDON_TAGS:
            self.assertInvalid(label, "v1; rm -rf /")
        self.assertEqual("abf028a", self.render(draino_tag="abf028a")[
            "draino_tag"])

    def test_positive_integers(self):
        for label in ("monitoring_retention_days",
                      "monitoring_retention_size",
                      "monitoring_interval_seconds"):
            for value in ("0", "-3", "ten", "1.5"):
                self.assertInvalid(label, value)

    def test_names_domains_urls_checksums(self):
        for label in ("monitoring_storage_class_name",
                      "cluster_basic_auth_secret",
                      "prometheus_adapter_configmap"):
            self.assertInvalid(label, "Not_A_Name")
        self.assertInvalid("cluster_root_domain_name", "bad domain")
        self.assertInvalid("cluster_root_domain_name", "-x.example.org")
        self.assertInvalid("helm_client_url", "ftp://mirror/helm.tgz")
        self.assertInvalid("helm_client_url", "https://m/h.tgz'; true")
        self.assertInvalid("helm_client_sha256", "abc123")
        params = self.render(
            helm_client_url="https://mirror.example.org/helm.tar.gz",
            helm_client_sha256="a" * 64)
        self.assertEqual("https://mirror.example.org/helm.tar.gz",
                         params["helm_client_url"])

    def test_selinux_mode(self):
        error = self.assertInvalid("selinux_mode", "off")
        self.assertIn("enforcing or permissive or disabled", str(error))
        for mode in addons.SELINUX_MODES:
            self.assertEqual(mode, self.render(selinux_mode=mode)[
                "selinux_mode"])

    def test_use_podman_only_true_on_every_kubernetes_driver(self):
        error = self.assertInvalid("use_podman", "false")
        self.assertIn("static pods", str(error))
        self.assertNotIn("use_podman", self.render(use_podman="true"))
        inputs = hi.driver_inputs(IRONIC, {})
        inputs.cluster.labels["use_podman"] = "false"
        self.assertRaises(exceptions.InvalidParameterValue,
                          ironic.DEFINITION.parameters, inputs)


class TestKeystonePolicy(AddonCase):
    def policy(self, **labels):
        return json.loads(self.render(**labels)[
            "keystone_auth_default_policy"])

    def test_built_in_policy_for_the_cluster_s_project(self):
        self.config(keystone_auth_default_policy="/nonexistent/policy.json",
                    group="kubernetes")
        rules = self.policy()
        self.assertEqual(3, len(rules))
        for rule in rules:
            self.assertIn({"type": "project", "values": ["demo-project"]},
                          rule["match"])
        self.assertEqual(["*"], rules[0]["resource"]["verbs"])
        self.assertIn({"type": "role", "values": ["member", "admin"]},
                      rules[0]["match"])
        self.assertEqual(["get", "list", "watch"],
                         rules[2]["resource"]["verbs"])
        self.assertNotIn("secrets", rules[2]["resource"]["resources"])

    def test_operator_policy_file(self):
        path = os.path.join(self.state_path, "policy.json")
        with open(path, "w") as f:
            json.dump([{"resource": {"verbs": ["get"], "resources": ["pods"],
                                     "version": "*", "namespace": "default"},
                        "match": [{"type": "project",
                                   "values": ["$PROJECT_ID"]}]}], f)
        self.config(keystone_auth_default_policy=path, group="kubernetes")
        rules = self.policy()
        self.assertEqual([{"type": "project", "values": ["demo-project"]}],
                         rules[0]["match"])
        self.assertEqual(["pods"], rules[0]["resource"]["resources"])

    def test_broken_operator_policy_file(self):
        path = os.path.join(self.state_path, "policy.json")
        self.config(keystone_auth_default_policy=path, group="kubernetes")
        for text in ("[{not json", '{"a": "not a list"}'):
            with open(path, "w") as f:
                f.write(text)
            error = self.assertRaises(exceptions.ServiceUnavailable,
                                      self.render)
            self.assertIn("keystone_auth_default_policy", str(error))

    def test_only_with_keystone_auth_on_cluster_stacks(self):
        self.assertNotIn("keystone_auth_default_policy", self.render(
            keystone_auth_enabled="false"))
        self.assertNotIn("keystone_auth_default_policy", self.render(
            is_cluster_stack=False))
        self.assertIn("keystone_auth_default_policy", self.render(
            keystone_auth_enabled="true"))


class TestGrafanaPassword(AddonCase):
    SECRET = "s3cr3t 'with\" quotes"

    def test_a_hidden_parameter_of_the_cluster_stack_only(self):
        self.assertEqual(self.SECRET, self.render(
            grafana_admin_passwd=self.SECRET)["grafana_admin_passwd"])
        self.assertNotIn("grafana_admin_passwd", self.render(
            is_cluster_stack=False, grafana_admin_passwd=self.SECRET))
        request = stack_request.create(fcos.DEFINITION, hi.inputs(
            cluster_row=_labels(grafana_admin_passwd=self.SECRET)))
        rendered = yaml.safe_load(request.template)
        self.assertIs(True, rendered["parameters"]["grafana_admin_passwd"][
            "hidden"])

    def test_given_to_the_add_ons_deployment_only(self):
        resources = _template()["resources"]
        settings = resources["node_settings"]["properties"]["value"]
        self.assertNotIn("GRAFANA_ADMIN_PASSWD", settings)
        secrets = resources["kube_cluster_deploy"]["properties"][
            "input_values"]["map_merge"][1]
        self.assertEqual({"get_param": "grafana_admin_passwd"},
                         secrets["GRAFANA_ADMIN_PASSWD"])
        text = template_files.read(k8s_mappings.MAIN_TEMPLATE)
        self.assertEqual(1, text.count("get_param: grafana_admin_passwd"))


class TestWiring(AddonCase):
    def test_every_addon_parameter_reaches_the_fragments(self):
        resources = _template()["resources"]
        settings = resources["node_settings"]["properties"]["value"]
        given = {v["get_param"]: k for k, v in settings.items()
                 if isinstance(v, dict) and "get_param" in v}
        given["grafana_admin_passwd"] = "GRAFANA_ADMIN_PASSWD"
        fragments = os.path.join(template_files.templates_root(), "common",
                                 "fragments")
        text = "".join(open(os.path.join(fragments, name)).read()
                       for name in os.listdir(fragments))
        for mapping in addons.ADDONS:
            env = given.get(mapping.heat_name)
            self.assertEqual(mapping.heat_name.upper(), env)
            self.assertTrue("$" + env in text or "${" + env in text, env)

    def test_all_labels_set_render_declared_parameters(self):
        labels = {name: "v1.2.3" for name in addons.ADDON_TAGS}
        labels.update({name: "true" for name in addons.SWITCHES})
        labels.update(
            monitoring_enabled="true", grafana_admin_passwd="pw",
            monitoring_retention_days="3", monitoring_retention_size="20",
            monitoring_interval_seconds="15",
            monitoring_storage_class_name="standard",
            cluster_basic_auth_secret="basic-auth",
            prometheus_adapter_configmap="adapter-rules",
            cluster_root_domain_name="example.org",
            helm_client_url="https://example.org/helm.tgz",
            helm_client_sha256="0" * 64, selinux_mode="disabled")
        for driver in (fcos.DEFINITION, ironic.DEFINITION):
            inputs = hi.driver_inputs(
                IRONIC if driver is ironic.DEFINITION else
                "k8s_fedora_coreos_v1", {})
            inputs.cluster.labels.update(labels)
            params = driver.parameters(inputs)   # checks the declared set
            for mapping in addons.ADDONS:
                self.assertIn(mapping.heat_name, params)
