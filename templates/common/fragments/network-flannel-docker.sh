# network-flannel-docker.sh: the flannel overlay of a Docker cluster
# (network_driver flannel): flanneld on every host keeps its subnet in
# the masters' etcd (etcd-docker.sh), and Docker's bridge takes the
# host's flannel subnet. Nothing with the docker network driver.
# Inputs: NETWORK_DRIVER, FLANNEL_TAG, FLANNEL_NETWORK_CIDR,
#   FLANNEL_NETWORK_SUBNETLEN, FLANNEL_BACKEND, NODE_IP, MASTER_ADDRESSES.
if [ "${NETWORK_DRIVER:-docker}" = flannel ]; then
    etcd_endpoints=""
    for address in ${MASTER_ADDRESSES//,/ }; do
        etcd_endpoints="${etcd_endpoints:+$etcd_endpoints,}http://$address:2379"
    done
    flannel_config=$(jq -cn --arg net "$FLANNEL_NETWORK_CIDR" \
        --argjson len "${FLANNEL_NETWORK_SUBNETLEN:-24}" \
        --arg backend "${FLANNEL_BACKEND:-vxlan}" \
        '{Network: $net, SubnetLen: $len, Backend: {Type: $backend}}')
    if [ "$NODE_IP" = "${MASTER_ADDRESSES%%,*}" ]; then
        curl --fail --silent --show-error --retry 30 --retry-connrefused \
            -X PUT --data-urlencode "value=$flannel_config" \
            "http://$NODE_IP:2379/v2/keys/coreos.com/network/config" \
            >/dev/null
    fi
    docker rm --force flanneld >/dev/null 2>&1 || true
    docker run --detach --restart always --name flanneld --net host \
        --privileged --volume /run/flannel:/run/flannel \
        "$(image "flannel:${FLANNEL_TAG:-v0.25.6}" docker.io/flannel)" \
        --etcd-endpoints "$etcd_endpoints" --iface "$NODE_IP" --ip-masq
    for _ in $(seq 60); do
        [ -s /run/flannel/subnet.env ] && break
        sleep 5
    done
    # shellcheck disable=SC1091
    . /run/flannel/subnet.env
    jq --arg bip "$FLANNEL_SUBNET" --argjson mtu "$FLANNEL_MTU" \
        '. + {bip: $bip, mtu: $mtu}' /etc/docker/daemon.json \
        > /etc/docker/daemon.json.new
    mv /etc/docker/daemon.json.new /etc/docker/daemon.json
    systemctl restart docker.service
fi
