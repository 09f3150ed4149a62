# kubelet.sh: the kubelet (systemd) and kube-proxy (static pod) of every
# node, registered under the server's name with the nodegroup's labels.
# Masters are tainted and wait until their API server answers.
# Inputs: NODE_NAME, NODE_ROLE, NODEGROUP_NAME, NODE_IP,
#   KUBE_API_ADDRESS, KUBE_API_PORT, TLS_DISABLED, CGROUP_DRIVER,
#   DNS_SERVICE_IP, DNS_CLUSTER_DOMAIN, PODS_NETWORK_CIDR,
#   KUBELET_OPTIONS, KUBEPROXY_OPTIONS, CLOUD_PROVIDER_ENABLED.
if is_true "${TLS_DISABLED:-false}"; then
    api_url="http://$KUBE_API_ADDRESS:${KUBE_API_PORT:-8080}"
else
    api_url="https://$KUBE_API_ADDRESS:${KUBE_API_PORT:-6443}"
fi
kubeconfig "$KUBE_DIR/kubelet.conf" "system:node:$NODE_NAME" kubelet \
    "$api_url"
kubeconfig "$KUBE_DIR/kube-proxy.conf" system:kube-proxy kube-proxy \
    "$api_url"

cat > /var/lib/kubelet-config.yaml <<CONFIG
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}
cgroupDriver: ${CGROUP_DRIVER:-systemd}
clusterDNS: [$DNS_SERVICE_IP]
clusterDomain: $DNS_CLUSTER_DOMAIN
containerRuntimeEndpoint: unix:///run/containerd/containerd.sock
staticPodPath: $KUBE_DIR/manifests
tlsCertFile: $PKI/kubelet.crt
tlsPrivateKeyFile: $PKI/kubelet.key
CONFIG

flags="--node-labels=magnum.openstack.org/role=$NODE_ROLE"
flags="$flags,magnum.openstack.org/nodegroup=$NODEGROUP_NAME"
if [ "$NODE_ROLE" = master ]; then
    flags="$flags --register-with-taints=node-role.kubernetes.io/control-plane=:NoSchedule"
fi
if is_true "${CLOUD_PROVIDER_ENABLED:-false}"; then
    flags="$flags --cloud-provider=external"
fi
cat > /etc/systemd/system/kubelet.service <<UNIT
[Unit]
Description=Kubernetes kubelet
After=containerd.service
Requires=containerd.service
[Service]
ExecStart=/usr/local/bin/kubelet --config=/var/lib/kubelet-config.yaml --kubeconfig=$KUBE_DIR/kubelet.conf --hostname-override=$NODE_NAME --node-ip=$NODE_IP $flags ${KUBELET_OPTIONS:-}
Restart=always
RestartSec=5
[Install]
WantedBy=multi-user.target
UNIT

cat > "$KUBE_DIR/manifests/kube-proxy.yaml" <<MANIFEST
apiVersion: v1
kind: Pod
metadata:
  name: kube-proxy
  namespace: kube-system
  labels: {component: kube-proxy}
spec:
  hostNetwork: true
  priorityClassName: system-node-critical
  containers:
  - name: kube-proxy
    image: $(image "kube-proxy:$KUBE_VERSION" registry.k8s.io)
    command:
    - kube-proxy
    - --kubeconfig=$KUBE_DIR/kube-proxy.conf
    - --cluster-cidr=$PODS_NETWORK_CIDR
    - --hostname-override=$NODE_NAME
$(for opt in ${KUBEPROXY_OPTIONS:-}; do echo "    - $opt"; done)
    securityContext: {privileged: true}
    volumeMounts:
    - {name: k8s, mountPath: $KUBE_DIR, readOnly: true}
    - {name: modules, mountPath: /lib/modules, readOnly: true}
    - {name: xtables, mountPath: /run/xtables.lock}
  volumes:
  - {name: k8s, hostPath: {path: $KUBE_DIR, type: Directory}}
  - {name: modules, hostPath: {path: /lib/modules}}
  - {name: xtables, hostPath: {path: /run/xtables.lock, type: FileOrCreate}}
MANIFEST

systemctl daemon-reload
systemctl enable kubelet.service
systemctl restart kubelet.service
if [ "$NODE_ROLE" = master ]; then
    if is_true "${TLS_DISABLED:-false}"; then
        systemctl restart kube-api-http.service
    fi
    # not while etcd waits for the cluster-wide deployment (etcd.sh)
    for _ in $(seq 120); do
        if [ "${ETCD_DEFERRED:-0}" = 1 ] || curl --silent --fail \
                --cacert "$PKI/ca.crt" \
                https://127.0.0.1:6443/readyz >/dev/null; then
            break
        fi
        sleep 5
    done
fi
