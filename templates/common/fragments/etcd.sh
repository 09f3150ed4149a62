# etcd.sh: an etcd member as a static pod on each master, with TLS for
# clients and peers, its data on the etcd volume when there is one.
# How the members meet:
#   - with a discovery URL, through it (each master's own deployment);
#   - one master: a single-member cluster (its own deployment);
#   - several masters, no discovery URL (offline clouds): a static
#     initial cluster of every master's private address, which exists
#     only once every master does. Their own deployments then leave etcd
#     to the cluster-wide etcd deployment that runs this fragment again
#     on every master with ETCD_INITIAL_CLUSTER (name=https://ip:2380,
#     comma-separated); ETCD_DEFERRED=1 tells kubelet.sh not to wait for
#     an API server that cannot start yet.
# Inputs: ETCD_TAG, ETCD_VOLUME_SIZE, ETCD_VOLUME_ID, DISCOVERY_URL,
#   NUMBER_OF_MASTERS, NODE_NAME, NODE_IP, ETCD_INITIAL_CLUSTER.
if [ "${ETCD_VOLUME_SIZE:-0}" -gt 0 ] && [ -n "${ETCD_VOLUME_ID:-}" ]; then
    mount_volume "$ETCD_VOLUME_ID" /var/lib/etcd etcd
fi
mkdir -p /var/lib/etcd && chmod 700 /var/lib/etcd
ETCD_DEFERRED=0
etcd_cluster=
if [ -n "${ETCD_INITIAL_CLUSTER:-}" ]; then
    # the cluster-wide deployment: only the static case is left to it
    if [ -z "${DISCOVERY_URL:-}" ] && \
            [ "${ETCD_INITIAL_CLUSTER/,/}" != "$ETCD_INITIAL_CLUSTER" ]; then
        etcd_cluster="--initial-cluster=$ETCD_INITIAL_CLUSTER"
    fi
elif [ -n "${DISCOVERY_URL:-}" ]; then
    etcd_cluster="--discovery=$DISCOVERY_URL"
elif [ "${NUMBER_OF_MASTERS:-1}" -gt 1 ]; then
    log "etcd starts with its peers in the cluster-wide etcd deployment"
    ETCD_DEFERRED=1
else
    etcd_cluster="--initial-cluster=$NODE_NAME=https://$NODE_IP:2380"
fi
if [ -n "$etcd_cluster" ]; then
cat > "$KUBE_DIR/manifests/etcd.yaml" <<MANIFEST
apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
  labels: {component: etcd, tier: control-plane}
spec:
  hostNetwork: true
  priorityClassName: system-node-critical
  containers:
  - name: etcd
    image: $(image "etcd:$ETCD_TAG" quay.io/coreos)
    command:
    - etcd
    - --name=$NODE_NAME
    - --data-dir=/var/lib/etcd
    - $etcd_cluster
    - --listen-client-urls=https://127.0.0.1:2379,https://$NODE_IP:2379
    - --advertise-client-urls=https://$NODE_IP:2379
    - --listen-peer-urls=https://$NODE_IP:2380
    - --initial-advertise-peer-urls=https://$NODE_IP:2380
    - --initial-cluster-state=new
    - --client-cert-auth=true
    - --trusted-ca-file=$PKI/etcd/ca.crt
    - --cert-file=$PKI/etcd/server.crt
    - --key-file=$PKI/etcd/server.key
    - --peer-client-cert-auth=true
    - --peer-trusted-ca-file=$PKI/etcd/ca.crt
    - --peer-cert-file=$PKI/etcd/peer.crt
    - --peer-key-file=$PKI/etcd/peer.key
    volumeMounts:
    - {name: data, mountPath: /var/lib/etcd}
    - {name: pki, mountPath: $PKI/etcd, readOnly: true}
  volumes:
  - {name: data, hostPath: {path: /var/lib/etcd, type: Directory}}
  - {name: pki, hostPath: {path: $PKI/etcd, type: Directory}}
MANIFEST
fi
if [ -n "${ETCD_INITIAL_CLUSTER:-}" ] && [ -n "$etcd_cluster" ]; then
    # what kubelet.sh skipped: this master's API server answers once the
    # members have their quorum
    for _ in $(seq 120); do
        if curl --silent --fail --cacert "$PKI/ca.crt" \
                https://127.0.0.1:6443/readyz >/dev/null; then
            break
        fi
        sleep 5
    done
fi
