# network-flannel.sh: the flannel pod network of FLANNEL_TAG, with the
# cluster's pods CIDR, backend and per-node subnet length, and its CNI
# plugin of FLANNEL_CNI_TAG (else the release manifest's).
# Inputs: FLANNEL_TAG, PODS_NETWORK_CIDR, FLANNEL_BACKEND,
#   FLANNEL_NETWORK_SUBNETLEN, FLANNEL_CNI_TAG.
apply_url \
    "https://github.com/flannel-io/flannel/releases/download/$FLANNEL_TAG/kube-flannel.yml" \
    "s|\"Network\": \"[^\"]*\"|\"Network\": \"$PODS_NETWORK_CIDR\", \"SubnetLen\": ${FLANNEL_NETWORK_SUBNETLEN:-24}|;s|\"Type\": \"vxlan\"|\"Type\": \"${FLANNEL_BACKEND:-vxlan}\"|;$(retag flannel-cni-plugin "${FLANNEL_CNI_TAG:-}")$(prefix_images)"
