# certs-master.sh: the control plane's certificates (API server, its
# clients, etcd members, front proxy) and the service-account key pair.
# Inputs: NODE_NAME, NODE_IP, NODE_PUBLIC_IP, API_EXTRA_SANS,
#   PORTAL_NETWORK_CIDR, DNS_CLUSTER_DOMAIN, KUBE_SERVICE_ACCOUNT_KEY,
#   KUBE_SERVICE_ACCOUNT_PRIVATE_KEY.

# The first address of the service range is the `kubernetes` service.
IFS=./ read -r o1 o2 o3 o4 _ <<< "$PORTAL_NETWORK_CIDR"
KUBE_SERVICE_IP="$o1.$o2.$o3.$((o4 + 1))"
api_sans="IP:127.0.0.1,IP:$KUBE_SERVICE_IP,IP:$NODE_IP,DNS:$NODE_NAME"
for name in kubernetes kubernetes.default kubernetes.default.svc \
        "kubernetes.default.svc.$DNS_CLUSTER_DOMAIN"; do
    api_sans="$api_sans,DNS:$name"
done
for ip in ${NODE_PUBLIC_IP:-} ${API_EXTRA_SANS//,/ }; do
    api_sans="$api_sans,IP:$ip"
done
issue_cert apiserver kubelet "/CN=kube-apiserver" "$api_sans"
issue_cert apiserver-kubelet-client kubelet \
    "/O=system:masters/CN=kube-apiserver-kubelet-client"
issue_cert controller-manager kubelet "/CN=system:kube-controller-manager"
issue_cert scheduler kubelet "/CN=system:kube-scheduler"
issue_cert admin kubelet "/O=system:masters/CN=admin"

fetch_ca front-proxy "$PKI/front-proxy-ca.crt"
issue_cert front-proxy-client front-proxy "/CN=front-proxy-client"

mkdir -p "$PKI/etcd"
fetch_ca etcd "$PKI/etcd/ca.crt"
etcd_sans="IP:127.0.0.1,IP:$NODE_IP,DNS:localhost,DNS:$NODE_NAME"
issue_cert etcd/server etcd "/CN=$NODE_NAME" "$etcd_sans"
issue_cert etcd/peer etcd "/CN=$NODE_NAME" "$etcd_sans"
issue_cert apiserver-etcd-client etcd "/CN=kube-apiserver-etcd-client"

# The conductor generates the service-account keys, newline-escaped.
if [ -n "${KUBE_SERVICE_ACCOUNT_PRIVATE_KEY:-}" ]; then
    printf '%b\n' "$KUBE_SERVICE_ACCOUNT_KEY" > "$PKI/sa.pub"
    (umask 077; printf '%b\n' "$KUBE_SERVICE_ACCOUNT_PRIVATE_KEY" \
        > "$PKI/sa.key")
elif [ ! -s "$PKI/sa.key" ]; then
    log "no service-account key given; generating one for this master"
    openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
    openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
fi
