# etcd-docker.sh: an etcd member in a container on each master of a
# Docker cluster (the key-value store of flannel and of classic Swarm's
# discovery), the members being every master of MASTER_ADDRESSES.
# Inputs: ETCD_TAG, NODE_IP, MASTER_ADDRESSES.
etcd_members=""
for address in ${MASTER_ADDRESSES//,/ }; do
    etcd_members="${etcd_members:+$etcd_members,}etcd-$address=http://$address:2380"
done
docker rm --force etcd >/dev/null 2>&1 || true
docker run --detach --restart always --name etcd --net host \
    --volume /var/lib/etcd:/var/lib/etcd \
    "$(image "etcd:${ETCD_TAG:-v3.5.15}" quay.io/coreos)" etcd \
    --name "etcd-$NODE_IP" --data-dir /var/lib/etcd \
    --listen-client-urls "http://$NODE_IP:2379,http://127.0.0.1:2379" \
    --advertise-client-urls "http://$NODE_IP:2379" \
    --listen-peer-urls "http://$NODE_IP:2380" \
    --initial-advertise-peer-urls "http://$NODE_IP:2380" \
    --initial-cluster "$etcd_members" --initial-cluster-state new
