# certs-node.sh: the certificates every node needs, signed by the
# cluster's Kubernetes CA: the kubelet's (client and serving) and
# kube-proxy's client certificate.
# Inputs: NODE_NAME, NODE_IP, NODE_PUBLIC_IP.
node_sans="DNS:$NODE_NAME,IP:$NODE_IP"
if [ -n "${NODE_PUBLIC_IP:-}" ]; then
    node_sans="$node_sans,IP:$NODE_PUBLIC_IP"
fi
issue_cert kubelet kubelet "/O=system:nodes/CN=system:node:$NODE_NAME" \
    "$node_sans"
issue_cert kube-proxy kubelet "/CN=system:kube-proxy"
