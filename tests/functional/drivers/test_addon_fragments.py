"""The add-on fragments of common/fragments run by bash with kubectl, helm
and curl stubbed (nothing leaves the test's directory): what each
applies or installs for its labels, nothing when disabled, images from
the container_infra_prefix mirror, the API server's keystone webhook,
and Grafana's password never on a command line or in the output."""

import base64
import json
import os
import re
import subprocess
import tempfile

import yaml

from magnum_like.drivers.heat import template_files
from tests import base

FRAGMENTS = os.path.join(template_files.templates_root(), "common",
                         "fragments")
# What the fragments' helpers need: the real ones from the prelude and
# cert-functions.sh, and stubs that record instead of acting.
STUBS = r"""
set -euo pipefail
log() { echo "log: $*" >&2; }
kubeconfig() { :; }
sleep() { :; }
kubectl() {
    echo "kubectl $*" >> "$WORK/calls"
    case "$*" in
        "get --raw /readyz") return 0 ;;
        *" get configmap "*|*" get secret "*) return 1 ;;
    esac
    local arg
    for arg in "$@"; do
        case "$arg" in
            --from-file=*=*) cat "${arg#*=*=}" >> "$WORK/secret-files" ;;
        esac
    done
    case "$*" in
        *"--dry-run=client -o yaml"*) echo "kind: Dry" ;;
        "apply -f -"|*" apply -f -") { cat; echo "---"; } >> "$WORK/applied" ;;
    esac
}
curl() { echo "curl ${*: -1}" >> "$WORK/calls"; cat "$WORK/manifest"; }
helm_install() {
    echo "helm_install $*" >> "$WORK/calls"
    local previous=""
    for arg in "$@"; do
        if [ "$previous" = --values ]; then
            { echo "# $1 $arg"; cat "$arg"; echo "---"; } >> "$WORK/values"
        fi
        previous=$arg
    done
}
"""
MANIFEST = """\
        image: kubernetesui/dashboard:v2.7.0
        image: kubernetesui/metrics-scraper:v1.0.8
      - image: "registry.k8s.io/sig-storage/csi-attacher:v4.4.2@sha256:ab"
        image: 'registry.k8s.io/provider-os/cinder-csi-plugin:v1.30.0'
        imagePullPolicy: IfNotPresent
"""


def _function(fragment, name):
    """The definition of shell function `name` in `fragment`."""
    with open(os.path.join(FRAGMENTS, fragment)) as f:
        text = f.read()
    found = re.search(r"^%s\(\) \{.*?^\}$" % re.escape(name), text,
                      re.M | re.S)
    return found.group(0) + "\n"


class FragmentCase(base.TestCase):
    ENV = dict(KUBE_DIR="", AUTH_URL="http://keystone.example/v3",
               CA_ROTATION_ID="", K8S_KEYSTONE_AUTH_TAG="v1.30.0")

    def setUp(self):
        super().setUp()
        self.work = tempfile.mkdtemp()
        self.addCleanup(subprocess.run, ["rm", "-rf", self.work])
        for name in ("calls", "applied", "values", "secret-files"):
            open(os.path.join(self.work, name), "w").close()
        with open(os.path.join(self.work, "manifest"), "w") as f:
            f.write(MANIFEST)

    def run_fragments(self, *fragments, tail="", **env):
        script = STUBS + _function("prelude.sh", "is_true") + _function(
            "prelude.sh", "image")
        script += "KUBE_DIR=$WORK/k8s\nPKI=$KUBE_DIR/pki\n"
        script += "mkdir -p $KUBE_DIR/manifests\n"
        for name in fragments:
            with open(os.path.join(FRAGMENTS, name)) as f:
                script += f.read() + "\n"
        values = dict(self.ENV, WORK=self.work, TMPDIR=self.work,
                      PATH=os.environ["PATH"])
        values.update(env)
        done = subprocess.run(["bash", "-c", script + tail], env=values,
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(0, done.returncode, done.stderr)
        return done

    def read(self, name):
        with open(os.path.join(self.work, name)) as f:
            return f.read()


class TestImages(FragmentCase):
    def test_retag_then_prefix(self):
        done = self.run_fragments(
            "addon-wait-api.sh", CONTAINER_INFRA_PREFIX="mirror.example/k8s/",
            tail='sed -e "$(retag metrics-scraper v1.0.9)$(retag '
                 'csi-attacher v4.5.0)$(retag dashboard "")$(prefix_images)"'
                 ' "$WORK/manifest"\n')
        self.assertEqual([
            "image: mirror.example/k8s/dashboard:v2.7.0",
            "image: mirror.example/k8s/metrics-scraper:v1.0.9",
            "- image: mirror.example/k8s/csi-attacher:v4.5.0",
            "image: mirror.example/k8s/cinder-csi-plugin:v1.30.0",
            "imagePullPolicy: IfNotPresent"],
            [line.strip() for line in done.stdout.splitlines()])

    def test_without_a_prefix_registries_stay(self):
        done = self.run_fragments(
            "addon-wait-api.sh",
            tail='sed -e "$(retag csi-attacher v4.5.0)$(prefix_images)" '
                 '"$WORK/manifest"\n')
        self.assertIn(
            '- image: "registry.k8s.io/sig-storage/csi-attacher:v4.5.0"\n',
            done.stdout)
        self.assertIn("image: kubernetesui/dashboard:v2.7.0\n", done.stdout)

    def test_helm_install_versions_and_post_renderer(self):
        tail = ('helm() { echo "helm $*"; }\n'
                + _function("addon-helm.sh", "helm_install")
                + 'helm_prefix=(--post-renderer /usr/local/bin/x)\n'
                'helm_install r ns https://charts.example c@1.2.3 '
                '--set a=b\nhelm_prefix=()\n'
                'helm_install r ns https://charts.example c@\n')
        lines = self.run_fragments(tail=tail).stdout.splitlines()
        self.assertEqual(
            "helm upgrade --install r c --repo https://charts.example "
            "--namespace ns --create-namespace --wait --timeout 10m "
            "--version 1.2.3 --post-renderer /usr/local/bin/x --set a=b",
            lines[0])
        self.assertNotIn("--version", lines[1])
        self.assertNotIn("--post-renderer", lines[1])


class TestHelmClient(FragmentCase):
    """addon-helm.sh with /usr/local under the test's directory."""

    def install(self, **env):
        with open(os.path.join(FRAGMENTS, "addon-helm.sh")) as f:
            fragment = f.read().replace("/usr/local", self.work + "/local")
        with open(os.path.join(self.work, "fragment.sh"), "w") as f:
            f.write(fragment)
        os.makedirs(os.path.join(self.work, "local", "bin"))
        return self.run_fragments(
            "addon-wait-api.sh", ARCH="amd64", HELM_CLIENT_TAG="v3.15.4",
            tail='fetch() { echo "fetch $*" >> "$WORK/calls"; }\n'
                 'tar() { echo "tar $*" >> "$WORK/calls"; }\n'
                 '. "$WORK/fragment.sh"\n', **env)

    def test_release_of_the_tag_checked_against_its_published_sum(self):
        self.install()
        calls = self.read("calls")
        url = "https://get.helm.sh/helm-v3.15.4-linux-amd64.tar.gz"
        self.assertIn("curl %s.sha256sum" % url, calls)
        self.assertIn("fetch %s /tmp/helm.tar.gz" % url, calls)
        self.assertEqual(url + "\n", self.read("local/share/helm-source"))
        self.assertFalse(os.path.exists(os.path.join(
            self.work, "local", "bin", "magnum-like-prefix-images")))

    def test_url_and_sha256_labels(self):
        self.install(HELM_CLIENT_URL="https://mirror.example/helm.tgz",
                     HELM_CLIENT_SHA256="ab" * 32)
        calls = self.read("calls")
        self.assertNotIn("curl", calls)
        self.assertIn("fetch https://mirror.example/helm.tgz "
                      "/tmp/helm.tar.gz " + "ab" * 32, calls)

    def test_post_renderer_pulls_chart_images_from_the_mirror(self):
        self.install(CONTAINER_INFRA_PREFIX="mirror.example/k8s/")
        renderer = os.path.join(self.work, "local", "bin",
                                "magnum-like-prefix-images")
        with open(os.path.join(self.work, "manifest")) as f:
            done = subprocess.run([renderer], stdin=f, capture_output=True,
                                  text=True, check=True)
        self.assertIn("- image: mirror.example/k8s/csi-attacher:v4.4.2",
                      done.stdout)
        self.assertIn("image: mirror.example/k8s/metrics-scraper:v1.0.8",
                      done.stdout)


class TestKeystoneAuth(FragmentCase):
    def apiserver(self, enabled):
        self.run_fragments(
            "kube-control-plane.sh", KEYSTONE_AUTH_ENABLED=enabled,
            KUBE_TAG="v1.30.4", KUBE_VERSION="v1.30.4", NODE_IP="10.0.0.3",
            PORTAL_NETWORK_CIDR="10.254.0.0/16",
            PODS_NETWORK_CIDR="10.100.0.0/16",
            DNS_CLUSTER_DOMAIN="cluster.local")
        with open(os.path.join(self.work, "k8s", "manifests",
                               "kube-apiserver.yaml")) as f:
            pod = yaml.safe_load(f)
        return pod["spec"]["containers"][0]["command"]

    def test_api_server_asks_the_webhook_after_rbac(self):
        command = self.apiserver("true")
        conf = os.path.join(self.work, "k8s", "keystone-webhook.conf")
        self.assertIn("--authorization-mode=Node,RBAC,Webhook", command)
        self.assertIn("--authorization-webhook-config-file=%s" % conf,
                      command)
        self.assertIn("--authentication-token-webhook-config-file=%s" % conf,
                      command)
        with open(conf) as f:
            webhook = yaml.safe_load(f)
        cluster = webhook["clusters"][0]["cluster"]
        self.assertEqual("https://127.0.0.1:8443/webhook", cluster["server"])
        self.assertEqual(os.path.join(self.work, "k8s", "pki", "ca.crt"),
                         cluster["certificate-authority"])

    def test_without_keystone_auth(self):
        command = self.apiserver("false")
        self.assertIn("--authorization-mode=Node,RBAC", command)
        self.assertFalse([c for c in command if "webhook" in c])

    def test_policy_and_daemonset(self):
        policy = '[{"match": [{"type": "project", "values": ["p"]}]}]'
        self.run_fragments("addon-wait-api.sh", "addon-keystone-auth.sh",
                           KEYSTONE_AUTH_ENABLED="true",
                           KEYSTONE_AUTH_DEFAULT_POLICY=policy,
                           CONTAINER_INFRA_PREFIX="mirror.example/")
        self.assertIn("kubectl -n kube-system create configmap "
                      "k8s-keystone-auth-policy --from-literal=policies=%s\n"
                      % policy, self.read("calls"))
        docs = [d for d in yaml.safe_load_all(self.read("applied")) if d]
        daemonset = docs[-1]
        self.assertEqual("DaemonSet", daemonset["kind"])
        pod = daemonset["spec"]["template"]["spec"]
        self.assertTrue(pod["hostNetwork"])
        self.assertEqual({"magnum.openstack.org/role": "master"},
                         pod["nodeSelector"])
        container = pod["containers"][0]
        self.assertEqual("mirror.example/k8s-keystone-auth:v1.30.0",
                         container["image"])
        self.assertIn("--listen=127.0.0.1:8443", container["command"])
        self.assertIn("--keystone-url=http://keystone.example/v3",
                      container["command"])

    def test_disabled(self):
        self.run_fragments("addon-wait-api.sh", "addon-keystone-auth.sh",
                           KEYSTONE_AUTH_ENABLED="false")
        self.assertEqual("kubectl get --raw /readyz\n" * 2,
                         self.read("calls"))


class TestDashboardAndDetector(FragmentCase):
    def test_dashboard_with_its_scraper_tag(self):
        self.run_fragments("addon-wait-api.sh", "addon-dashboard.sh",
                           KUBE_DASHBOARD_ENABLED="true",
                           KUBE_DASHBOARD_VERSION="v2.7.0",
                           METRICS_SCRAPER_TAG="v1.0.9")
        self.assertIn("curl https://raw.githubusercontent.com/kubernetes/"
                      "dashboard/v2.7.0/aio/deploy/recommended.yaml",
                      self.read("calls"))
        self.assertIn("image: kubernetesui/metrics-scraper:v1.0.9",
                      self.read("applied"))

    def test_node_problem_detector(self):
        self.run_fragments("addon-node-problem-detector.sh", NPD_ENABLED="1",
                           NODE_PROBLEM_DETECTOR_TAG="v0.8.19")
        calls = self.read("calls")
        self.assertIn("node-problem-detector --set image.tag=v0.8.19", calls)
        self.assertIn("tolerations[0].operator=Exists", calls)

    def test_disabled(self):
        self.run_fragments("addon-wait-api.sh", "addon-dashboard.sh",
                           "addon-node-problem-detector.sh",
                           KUBE_DASHBOARD_ENABLED="false",
                           NPD_ENABLED="false")
        self.assertNotIn("curl", self.read("calls"))
        self.assertNotIn("helm_install", self.read("calls"))


class TestCinderCsi(FragmentCase):
    ENV = dict(FragmentCase.ENV, CLOUD_PROVIDER_ENABLED="true",
               CLOUD_PROVIDER_TAG="v1.30.0", VOLUME_DRIVER="cinder",
               REGION_NAME="RegionOne", TRUSTEE_USER_ID="t",
               TRUSTEE_PASSWORD="pw", TRUST_ID="", CLUSTER_UUID="c")

    def test_csi_with_its_tags(self):
        self.run_fragments("addon-wait-api.sh", "addon-cloud-provider.sh",
                           CINDER_CSI_ENABLED="true",
                           CSI_ATTACHER_TAG="v4.5.0")
        self.assertIn("cinder-csi-plugin/cinder-csi-nodeplugin.yaml",
                      self.read("calls"))
        self.assertIn('image: "registry.k8s.io/sig-storage/'
                      'csi-attacher:v4.5.0"', self.read("applied"))

    def test_csi_disabled(self):
        self.run_fragments("addon-wait-api.sh", "addon-cloud-provider.sh",
                           CINDER_CSI_ENABLED="false")
        self.assertIn("controller-manager", self.read("calls"))
        self.assertNotIn("cinder-csi", self.read("calls"))


class TestMonitoring(FragmentCase):
    PASSWORD = "pa ss'word\"$(touch /tmp/x)"

    def values(self):
        """{file kind: values} of every values file given to Helm."""
        found = {}
        for doc in self.read("values").split("---\n"):
            if doc.strip():
                name = doc.splitlines()[0].split("/")[-1]
                found[name] = yaml.safe_load(doc)
        return found

    def test_the_prometheus_stack(self):
        done = self.run_fragments(
            "addon-monitoring.sh", MONITORING_ENABLED="true",
            METRICS_SERVER_CHART_TAG="3.12.1",
            PROMETHEUS_OPERATOR_CHART_TAG="61.9.0", PROMETHEUS_TAG="v2.53.1",
            GRAFANA_ADMIN_PASSWD=self.PASSWORD,
            MONITORING_RETENTION_DAYS="7", MONITORING_RETENTION_SIZE="20",
            MONITORING_INTERVAL_SECONDS="15",
            MONITORING_STORAGE_CLASS_NAME="standard",
            MONITORING_INGRESS_ENABLED="true",
            CLUSTER_ROOT_DOMAIN_NAME="k8s.example.org",
            CLUSTER_BASIC_AUTH_SECRET="basic-auth", INGRESS_CONTROLLER="nginx",
            PROMETHEUS_ADAPTER_ENABLED="true",
            PROMETHEUS_ADAPTER_CONFIGMAP="adapter-rules")
        calls = self.read("calls")
        self.assertIn("metrics-server@3.12.1", calls)
        self.assertIn("kube-prometheus-stack@61.9.0", calls)
        self.assertIn("prometheus-adapter@ --set prometheus.url=http://"
                      "monitoring-kube-prometheus-prometheus.monitoring.svc "
                      "--set prometheus.path=/prometheus --set "
                      "rules.existing=adapter-rules", calls)
        values = self.values()
        spec = values["base.yaml"]["prometheus"]["prometheusSpec"]
        self.assertEqual(("7d", "15s"), (spec["retention"],
                                         spec["scrapeInterval"]))
        self.assertEqual("grafana-admin", values["base.yaml"]["grafana"][
            "admin"]["existingSecret"])
        self.assertEqual("v2.53.1", values["prometheus.yaml"]["prometheus"][
            "prometheusSpec"]["image"]["tag"])
        self.assertNotIn("grafana.yaml", values)      # the chart's tag
        storage = values["storage.yaml"]["prometheus"]["prometheusSpec"]
        self.assertEqual("20GB", storage["retentionSize"])
        claim = storage["storageSpec"]["volumeClaimTemplate"]["spec"]
        self.assertEqual(("standard", "20Gi"), (
            claim["storageClassName"],
            claim["resources"]["requests"]["storage"]))
        ingress = values["ingress.yaml"]
        prometheus = ingress["prometheus"]["ingress"]
        self.assertEqual((["k8s.example.org"], ["/prometheus"], "nginx"), (
            prometheus["hosts"], prometheus["paths"],
            prometheus["ingressClassName"]))
        self.assertEqual("kube-system/basic-auth", prometheus["annotations"][
            "nginx.ingress.kubernetes.io/auth-secret"])
        self.assertEqual("/grafana", ingress["grafana"]["ingress"]["path"])
        # the password: in the Secret's file only
        self.assertEqual(self.PASSWORD, self.read("secret-files"))
        for text in (calls, self.read("values"), done.stdout, done.stderr):
            self.assertNotIn("pa ss", text)

    def test_generated_grafana_password(self):
        self.run_fragments("addon-monitoring.sh", MONITORING_ENABLED="true")
        self.assertRegex(self.read("secret-files"), r"^[0-9a-f]{32}$")
        self.assertEqual(["base.yaml"], list(self.values()))

    def test_metrics_server_only(self):
        self.run_fragments("addon-monitoring.sh", MONITORING_ENABLED="false",
                           GRAFANA_ADMIN_PASSWD=self.PASSWORD)
        calls = self.read("calls")
        self.assertIn("helm_install metrics-server kube-system", calls)
        self.assertNotIn("prometheus", calls)
        self.assertEqual("", self.read("secret-files"))

    def test_influx_and_grafana(self):
        self.run_fragments("addon-monitoring.sh", "addon-influx-grafana.sh",
                           MONITORING_ENABLED="false",
                           INFLUX_GRAFANA_DASHBOARD_ENABLED="true",
                           GRAFANA_TAG="11.1.0")
        calls = self.read("calls")
        self.assertIn("telegraf-ds --set config.outputs[0].influxdb.urls[0]="
                      "http://influxdb.kube-system.svc:8086", calls)
        self.assertIn("grafana --values", calls)
        self.assertIn("--set image.tag=11.1.0", calls)
        grafana = list(self.values().values())[0]
        source = grafana["datasources"]["datasources.yaml"]["datasources"][0]
        self.assertEqual(("influxdb", "telegraf"),
                         (source["type"], source["database"]))


class TestCertificatesApi(FragmentCase):
    """addon-cert-api.sh's signer service, written under the test's
    directory and run for one round against stubbed kubectl and curl."""

    CSRS = {"items": [
        {"metadata": {"name": name}, "spec": {
            "signerName": signer, "request": "UkVR"},
         "status": {"conditions": [{"type": c} for c in conditions]}}
        for name, signer, conditions in (
            ("approved", "kubernetes.io/kube-apiserver-client",
             ["Approved"]),
            ("pending", "kubernetes.io/kube-apiserver-client", []),
            ("denied", "kubernetes.io/kubelet-serving",
             ["Approved", "Denied"]),
            ("custom", "example.com/signer", ["Approved"]))]}
    SIGNER_STUBS = r"""
kubectl() {
    echo "kubectl $*" >> "$WORK/calls"
    case "$*" in
        "get csr -o json") cat "$WORK/csrs.json" ;;
        "get csr "*" -o jsonpath={.spec.request}") echo UkVR ;;
        "get csr "*" -o json") jq ".items[] | select(.metadata.name ==
                                   \"$3\")" "$WORK/csrs.json" ;;
        replace*) cat > "$WORK/status-$(basename "$(dirname "$3")")" ;;
    esac
}
curl() {
    cat > "$WORK/posted"
    case "$*" in
        *auth/tokens) printf 'HTTP/1.1 201\r\nX-Subject-Token: tok\r\n\r\n' ;;
        *) [ -e "$WORK/refuse" ] && return 22
           echo '{"pem": "-----BEGIN CERTIFICATE-----\nX\n"}' ;;
    esac
}
sleep() { [ -e "$WORK/slept" ] && exit 0; touch "$WORK/slept"; }
systemctl() { echo "systemctl $*" >> "$WORK/calls"; }
export -f kubectl curl sleep
"""

    def setUp(self):
        super().setUp()
        with open(os.path.join(self.work, "csrs.json"), "w") as f:
            f.write(json.dumps(self.CSRS))
        with open(os.path.join(FRAGMENTS, "addon-cert-api.sh")) as f:
            fragment = f.read().replace("/usr/local/bin", self.work).replace(
                "/etc/systemd/system", self.work)
        with open(os.path.join(self.work, "fragment.sh"), "w") as f:
            f.write(fragment)
        self.helpers = self.SIGNER_STUBS + _function(
            "cert-functions.sh", "trustee_token") + _function(
            "cert-functions.sh", "magnum_api") + "CURL_TLS=()\n"

    def sign(self, enabled="true"):
        return self.run_fragments(
            tail=self.helpers + '. "$WORK/fragment.sh"\n'
            'if [ -x "$WORK/magnum-like-csr-signer" ]; then\n'
            '    "$WORK/magnum-like-csr-signer"\nfi\n',
            CERT_MANAGER_API=enabled, TRUSTEE_USER_ID="trustee",
            TRUSTEE_PASSWORD="pw", TRUST_ID="", MAGNUM_URL="http://m/v1",
            CLUSTER_UUID="c-1")

    def test_approved_built_in_requests_are_signed_through_magnum(self):
        self.sign()
        self.assertEqual({"cluster_uuid": "c-1", "csr": "REQ",
                          "ca_cert_type": "kubelet"},
                         json.loads(self.read("posted")))
        status = json.loads(self.read("status-approved"))["status"]
        self.assertEqual("-----BEGIN CERTIFICATE-----\nX\n",
                         base64.b64decode(status["certificate"]).decode())
        calls = self.read("calls")
        self.assertIn("systemctl enable magnum-like-csr-signer.service",
                      calls)
        for name in ("pending", "denied", "custom"):
            self.assertNotIn("get csr %s " % name, calls)
        self.assertEqual(0o600, os.stat(os.path.join(
            self.work, "k8s", "magnum-like-csr-signer.env")).st_mode & 0o777)

    def test_refused_requests_are_marked_failed(self):
        open(os.path.join(self.work, "refuse"), "w").close()
        self.sign()
        status = json.loads(self.read("status-approved"))["status"]
        self.assertNotIn("certificate", status)
        self.assertEqual("Failed", status["conditions"][-1]["type"])

    def test_disabled(self):
        self.sign("false")
        self.assertEqual("", self.read("calls"))
