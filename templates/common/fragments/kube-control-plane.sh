# kube-control-plane.sh: kube-apiserver, kube-controller-manager and
# kube-scheduler of KUBE_TAG as static pods, with their kubeconfigs.
# When TLS is disabled the API is also served in plain HTTP on
# KUBE_API_PORT by a local `kubectl proxy`, as Magnum's insecure port was.
# Inputs: KUBE_TAG, NODE_IP, PORTAL_NETWORK_CIDR, PODS_NETWORK_CIDR,
#   FLANNEL_NETWORK_SUBNETLEN, NETWORK_DRIVER, DNS_CLUSTER_DOMAIN,
#   ADMISSION_CONTROL_LIST, KUBEAPI_OPTIONS, KUBECONTROLLER_OPTIONS,
#   KUBESCHEDULER_OPTIONS, CLOUD_PROVIDER_ENABLED, TLS_DISABLED,
#   KUBE_API_PORT, KEYSTONE_AUTH_ENABLED.
local_api=https://127.0.0.1:6443
kubeconfig "$KUBE_DIR/admin.conf" admin admin "$local_api"
kubeconfig "$KUBE_DIR/controller-manager.conf" \
    system:kube-controller-manager controller-manager "$local_api"
kubeconfig "$KUBE_DIR/scheduler.conf" system:kube-scheduler scheduler \
    "$local_api"

# args OPTION...: YAML list items of a container's command.
args() { local a; for a in "$@"; do echo "    - $a"; done; }

# static_pod NAME IMAGE: a control-plane pod whose command is on stdin.
static_pod() {
    local command
    command=$(cat)
    cat > "$KUBE_DIR/manifests/$1.yaml" <<MANIFEST
apiVersion: v1
kind: Pod
metadata:
  name: $1
  namespace: kube-system
  labels: {component: $1, tier: control-plane}
spec:
  hostNetwork: true
  priorityClassName: system-node-critical
  containers:
  - name: $1
    image: $2
    command:
$command
    volumeMounts:
    - {name: k8s, mountPath: $KUBE_DIR, readOnly: true}
    - {name: certs, mountPath: /etc/pki, readOnly: true}
  volumes:
  - {name: k8s, hostPath: {path: $KUBE_DIR, type: Directory}}
  - {name: certs, hostPath: {path: /etc/pki, type: Directory}}
MANIFEST
}

cloud_flag=()
if is_true "${CLOUD_PROVIDER_ENABLED:-false}"; then
    cloud_flag=(--cloud-provider=external)
fi

# Keystone: tokens no other authenticator knows, and requests neither the
# Node authorizer nor RBAC allows (so that the cluster's own components
# never wait on it), go to k8s-keystone-auth on this master's loopback
# (addon-keystone-auth.sh). Without it, Keystone tokens are refused.
authz=(--authorization-mode=Node,RBAC)
if is_true "${KEYSTONE_AUTH_ENABLED:-true}"; then
    cat > "$KUBE_DIR/keystone-webhook.conf" <<CONFIG
apiVersion: v1
kind: Config
clusters:
- name: k8s-keystone-auth
  cluster:
    certificate-authority: $PKI/ca.crt
    server: https://127.0.0.1:8443/webhook
users:
- name: kube-apiserver
contexts:
- name: default
  context: {cluster: k8s-keystone-auth, user: kube-apiserver}
current-context: default
CONFIG
    authz=(--authorization-mode=Node,RBAC,Webhook
           --authorization-webhook-config-file="$KUBE_DIR/keystone-webhook.conf"
           --authentication-token-webhook-config-file="$KUBE_DIR/keystone-webhook.conf")
fi

# shellcheck disable=SC2086 # the *_OPTIONS labels are word lists
args kube-apiserver \
    --advertise-address="$NODE_IP" --secure-port=6443 \
    --allow-privileged=true "${authz[@]}" \
    --enable-admission-plugins="${ADMISSION_CONTROL_LIST:-NodeRestriction}" \
    --service-cluster-ip-range="$PORTAL_NETWORK_CIDR" \
    --etcd-servers=https://127.0.0.1:2379 \
    --etcd-cafile="$PKI/etcd/ca.crt" \
    --etcd-certfile="$PKI/apiserver-etcd-client.crt" \
    --etcd-keyfile="$PKI/apiserver-etcd-client.key" \
    --client-ca-file="$PKI/ca.crt" \
    --tls-cert-file="$PKI/apiserver.crt" \
    --tls-private-key-file="$PKI/apiserver.key" \
    --kubelet-client-certificate="$PKI/apiserver-kubelet-client.crt" \
    --kubelet-client-key="$PKI/apiserver-kubelet-client.key" \
    --kubelet-preferred-address-types=InternalIP,Hostname \
    --service-account-key-file="$PKI/sa.pub" \
    --service-account-signing-key-file="$PKI/sa.key" \
    --service-account-issuer="https://kubernetes.default.svc.$DNS_CLUSTER_DOMAIN" \
    --requestheader-client-ca-file="$PKI/front-proxy-ca.crt" \
    --proxy-client-cert-file="$PKI/front-proxy-client.crt" \
    --proxy-client-key-file="$PKI/front-proxy-client.key" \
    --requestheader-allowed-names=front-proxy-client \
    --requestheader-username-headers=X-Remote-User \
    --requestheader-group-headers=X-Remote-Group \
    --requestheader-extra-headers-prefix=X-Remote-Extra- \
    ${KUBEAPI_OPTIONS:-} |
    static_pod kube-apiserver "$(image "kube-apiserver:$KUBE_VERSION" registry.k8s.io)"

node_cidrs=(--allocate-node-cidrs=true --cluster-cidr="$PODS_NETWORK_CIDR"
            --node-cidr-mask-size="${FLANNEL_NETWORK_SUBNETLEN:-24}")
if [ "${NETWORK_DRIVER:-flannel}" = calico ]; then
    node_cidrs=(--allocate-node-cidrs=false)   # Calico's IPAM does it
fi
# shellcheck disable=SC2086
args kube-controller-manager \
    --kubeconfig="$KUBE_DIR/controller-manager.conf" \
    --authentication-kubeconfig="$KUBE_DIR/controller-manager.conf" \
    --authorization-kubeconfig="$KUBE_DIR/controller-manager.conf" \
    --leader-elect=true --use-service-account-credentials=true \
    --root-ca-file="$PKI/ca.crt" \
    --service-account-private-key-file="$PKI/sa.key" \
    --service-cluster-ip-range="$PORTAL_NETWORK_CIDR" \
    --controllers='*,-csrsigning' \
    "${node_cidrs[@]}" "${cloud_flag[@]}" ${KUBECONTROLLER_OPTIONS:-} |
    static_pod kube-controller-manager \
        "$(image "kube-controller-manager:$KUBE_VERSION" registry.k8s.io)"

# shellcheck disable=SC2086
args kube-scheduler --kubeconfig="$KUBE_DIR/scheduler.conf" \
    --authentication-kubeconfig="$KUBE_DIR/scheduler.conf" \
    --authorization-kubeconfig="$KUBE_DIR/scheduler.conf" \
    --leader-elect=true ${KUBESCHEDULER_OPTIONS:-} |
    static_pod kube-scheduler \
        "$(image "kube-scheduler:$KUBE_VERSION" registry.k8s.io)"

if is_true "${TLS_DISABLED:-false}"; then
    cat > /etc/systemd/system/kube-api-http.service <<UNIT
[Unit]
Description=Plain HTTP access to the Kubernetes API (TLS disabled)
After=kubelet.service
[Service]
ExecStart=/usr/local/bin/kubectl --kubeconfig=$KUBE_DIR/admin.conf proxy --address=0.0.0.0 --port=${KUBE_API_PORT:-8080} --accept-hosts=.*
Restart=always
RestartSec=5
[Install]
WantedBy=multi-user.target
UNIT
    systemctl daemon-reload
    systemctl enable kube-api-http.service
fi
