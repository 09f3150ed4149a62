# network-flannel.sh: the flannel pod network of FLANNEL_TAG, with the
# cluster's pods CIDR, backend and per-node subnet length.
# Inputs: FLANNEL_TAG, PODS_NETWORK_CIDR, FLANNEL_BACKEND,
#   FLANNEL_NETWORK_SUBNETLEN.
apply_url \
    "https://github.com/flannel-io/flannel/releases/download/$FLANNEL_TAG/kube-flannel.yml" \
    "s|\"Network\": \"[^\"]*\"|\"Network\": \"$PODS_NETWORK_CIDR\", \"SubnetLen\": ${FLANNEL_NETWORK_SUBNETLEN:-24}|;s|\"Type\": \"vxlan\"|\"Type\": \"${FLANNEL_BACKEND:-vxlan}\"|;$(prefix_images)"
