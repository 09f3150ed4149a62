"""The labels of the Kubernetes add-ons (facts §11) as Heat parameters.

Which add-ons a cluster runs (keystone auth, dashboard, node problem
detector, monitoring, the certificates API...), which images and charts
they come from and how they are set up. Each label maps to the template
parameter of its name, whose default is Magnum's unless README.rst says
otherwise, and is checked here: a bad value is a 400 naming the label
rather than a node failing half-way through its configuration, and no
add-on label reaches the nodes' scripts unchecked but the Grafana
password, which they only ever write to a file.

k8s_mappings.MAPPINGS includes ADDONS; VALIDATORS check labels that
select nothing in the templates.
"""

import json
import re

from magnum_like.common import exceptions
from magnum_like.drivers.heat import common_mappings as common
from magnum_like.drivers.heat import parameters as p
from magnum_like.drivers.heat.parameters import Param

# An image tag or a chart version (the OCI tag syntax).
_TAG = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,127}$")
# The name of a Kubernetes object (a DNS-1123 subdomain).
_OBJECT_NAME = re.compile(r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}"
                     r"[A-Za-z0-9])?\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}"
                     r"[A-Za-z0-9])?$")
_URL = re.compile(r"^https?://[^\s'\"\\]+$")
_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
SELINUX_MODES = ("enforcing", "permissive", "disabled")

# Image tags and chart versions of the add-ons; empty means the one the
# add-on's manifest or chart pins (cinder_csi_plugin_tag: the
# cloud_provider_tag). A rolling upgrade may change them.
ADDON_TAGS = (
    "k8s_keystone_auth_tag", "kube_dashboard_version", "metrics_scraper_tag",
    "node_problem_detector_tag", "prometheus_tag", "grafana_tag",
    "prometheus_operator_chart_tag", "prometheus_adapter_chart_tag",
    "metrics_server_chart_tag", "nginx_ingress_controller_tag",
    "nginx_ingress_controller_chart_tag", "traefik_ingress_controller_tag",
    "octavia_ingress_controller_tag", "magnum_auto_healer_tag",
    "draino_tag", "autoscaler_tag", "cinder_csi_plugin_tag",
    "csi_attacher_tag", "csi_provisioner_tag", "csi_snapshotter_tag",
    "csi_resizer_tag", "csi_node_driver_registrar_tag",
    "csi_liveness_probe_tag", "flannel_cni_tag")

# Add-on switches, with Magnum's defaults (the templates' defaults).
SWITCHES = {
    "keystone_auth_enabled": True, "kube_dashboard_enabled": True,
    "npd_enabled": True, "cinder_csi_enabled": True,
    "cert_manager_api": False, "influx_grafana_dashboard_enabled": False,
    "monitoring_ingress_enabled": False, "prometheus_adapter_enabled": True,
}

# The roles of the cluster's project that the built-in k8s-keystone-auth
# policy lets in: members administer the cluster, readers read these
# (not secrets). Discovery paths are RBAC's, open to every user.
_READABLE = ("pods", "services", "endpoints", "configmaps", "events",
             "namespaces", "nodes", "persistentvolumes",
             "persistentvolumeclaims", "deployments", "replicasets",
             "statefulsets", "daemonsets", "jobs", "cronjobs", "ingresses",
             "horizontalpodautoscalers", "storageclasses")


def _invalid(label, value, expected):
    return exceptions.InvalidParameterValue(
        err="Label %s must be %s, not %r."
            % (label, expected, value))


def flag(inputs, label, default=None):
    """The boolean value of a label, `default` when it is not set."""
    raw = p.Label(label)(inputs)
    if raw is None:
        return default
    try:
        return p.to_bool(raw)
    except ValueError:
        raise _invalid(label, raw, "true or false")


def matching(label, pattern, expected):
    """A source: the label's value when it matches `pattern`."""
    def value(inputs):
        raw = p.Label(label)(inputs)
        if raw is not None and not pattern.match(str(raw)):
            raise _invalid(label, raw, expected)
        return raw
    return value


def image_tag(label):
    """A source: the label when it is an image tag (400 naming it
    otherwise: `v1.30.4@bad` would reach the nodes' scripts)."""
    return matching(label, _TAG, "an image tag")


def positive_int(label):
    """A source: the label as a positive integer."""
    def value(inputs):
        raw = p.Label(label)(inputs)
        if raw is None:
            return None
        try:
            number = int(str(raw))
        except ValueError:
            number = 0
        if number < 1:
            raise _invalid(label, raw, "a positive integer")
        return number
    return value


def _selinux_mode(inputs):
    mode = p.Label("selinux_mode")(inputs)
    if mode is not None and mode not in SELINUX_MODES:
        raise _invalid("selinux_mode", mode, " or ".join(SELINUX_MODES))
    return mode


def _monitoring_enabled(inputs):
    """monitoring_enabled, or the deprecated prometheus_monitoring: both
    install the Prometheus stack."""
    values = [flag(inputs, name) for name in ("monitoring_enabled",
                                              "prometheus_monitoring")]
    if values == [None, None]:
        return None
    return any(values)


def built_in_policy(project_id):
    """The k8s-keystone-auth policy used when the operator gives none."""
    def rule(spec, roles):
        return dict(spec, match=[{"type": "role", "values": roles},
                                 {"type": "project",
                                  "values": [project_id]}])
    return [
        rule({"resource": {"verbs": ["*"], "resources": ["*"],
                           "version": "*", "namespace": "*"}},
             ["member", "admin"]),
        rule({"nonresource": {"verbs": ["*"], "path": "*"}},
             ["member", "admin"]),
        rule({"resource": {"verbs": ["get", "list", "watch"],
                           "resources": list(_READABLE), "version": "*",
                           "namespace": "*"}}, ["reader"]),
    ]


def _substitute(value, project_id):
    if isinstance(value, str):
        return value.replace("$PROJECT_ID", project_id)
    if isinstance(value, list):
        return [_substitute(v, project_id) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, project_id) for k, v in value.items()}
    return value


def _operator_policy(path):
    """The rules of the operator's policy file; None without one."""
    broken = exceptions.ServiceUnavailable(
        reason="the keystone auth policy file this service is configured "
               "with ([kubernetes] keystone_auth_default_policy) is "
               "unreadable or not a JSON list of rules")
    try:
        with open(path) as f:
            rules = json.load(f)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise broken
    if not isinstance(rules, list):
        raise broken
    return rules


def _keystone_policy(inputs):
    """The starting policy of k8s-keystone-auth, for clusters with
    keystone auth: the operator's file, else the built-in rules, with
    `$PROJECT_ID` as the cluster's project."""
    if not flag(inputs, "keystone_auth_enabled",
                SWITCHES["keystone_auth_enabled"]):
        return None
    project_id = p.ClusterAttr("project_id")(inputs) or ""
    path = inputs.option("kubernetes", "keystone_auth_default_policy")
    rules = _operator_policy(path) if path else None
    if rules is None:
        rules = built_in_policy("$PROJECT_ID")
    return json.dumps(_substitute(rules, project_id),
                      separators=(",", ":"), sort_keys=True)


def _check_use_podman(inputs):
    """use_podman selects nothing here (the control plane is static pods
    under containerd); like Magnum's templates, only true is accepted."""
    if flag(inputs, "use_podman", True) is not True:
        raise exceptions.InvalidParameterValue(
            err="use_podman=false is not supported: the control plane "
                "runs as static pods of the kubelet.")


def _switch(label):
    def value(inputs):
        return flag(inputs, label)
    return Param(label, value, kind="bool")


ADDONS = (
    *(_switch(label) for label in SWITCHES),
    Param("monitoring_enabled", _monitoring_enabled, kind="bool"),
    *(Param(tag, matching(tag, _TAG, "an image tag or chart version"))
      for tag in ADDON_TAGS),
    Param("keystone_auth_default_policy", _keystone_policy,
          stacks=common.CLUSTER),
    Param("grafana_admin_passwd", p.Label("grafana_admin_passwd"),
          stacks=common.CLUSTER),
    *(Param(name, positive_int(name), kind="int")
      for name in ("monitoring_retention_days", "monitoring_retention_size",
                   "monitoring_interval_seconds")),
    *(Param(name, matching(name, _OBJECT_NAME, "a Kubernetes object name"))
      for name in ("monitoring_storage_class_name",
                   "cluster_basic_auth_secret",
                   "prometheus_adapter_configmap")),
    Param("cluster_root_domain_name", matching(
        "cluster_root_domain_name", _DOMAIN, "a DNS domain name")),
    Param("helm_client_url", matching("helm_client_url", _URL,
                                      "an http(s) URL")),
    Param("helm_client_sha256", matching("helm_client_sha256", _SHA256,
                                         "a SHA-256 in hexadecimal")),
    Param("selinux_mode", _selinux_mode),
)

VALIDATORS = (_check_use_podman,)
