# network-calico.sh: the Calico pod network of CALICO_TAG (Kubernetes
# datastore), with the cluster's pods CIDR and IP-in-IP mode.
# Inputs: CALICO_TAG, PODS_NETWORK_CIDR, CALICO_IPV4POOL_IPIP.
apply_url \
    "https://raw.githubusercontent.com/projectcalico/calico/$CALICO_TAG/manifests/calico.yaml" \
    "s|# - name: CALICO_IPV4POOL_CIDR|- name: CALICO_IPV4POOL_CIDR|;s|#   value: \"192.168.0.0/16\"|  value: \"$PODS_NETWORK_CIDR\"|;/name: CALICO_IPV4POOL_IPIP/{n;s|value: .*|value: \"${CALICO_IPV4POOL_IPIP:-Off}\"|};$(prefix_images)"
