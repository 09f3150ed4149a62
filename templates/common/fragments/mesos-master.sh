# mesos-master.sh: a Mesos master with its ZooKeeper member and Marathon,
# in containers, on each master; the ensemble is every master of
# MASTER_ADDRESSES and the quorum a majority of them. Marathon serves
# the cluster's API on port 8080.
# Inputs: NODE_IP, MASTER_ADDRESSES, CLUSTER_NAME, MESOS_TAG,
#   MARATHON_TAG, ZOOKEEPER_TAG.
zk_servers="" zk_hosts="" zk_id=0 index=0
for address in ${MASTER_ADDRESSES//,/ }; do
    index=$((index + 1))
    if [ "$address" = "$NODE_IP" ]; then zk_id=$index; fi
    zk_servers="$zk_servers server.$index=$address:2888:3888;2181"
    zk_hosts="${zk_hosts:+$zk_hosts,}$address:2181"
done
quorum=$((index / 2 + 1))
for name in zookeeper mesos-master marathon; do
    docker rm --force "$name" >/dev/null 2>&1 || true
done
docker run --detach --restart always --name zookeeper --net host \
    --env "ZOO_MY_ID=$zk_id" --env "ZOO_SERVERS=${zk_servers# }" \
    "$(image "zookeeper:${ZOOKEEPER_TAG:-3.8}" docker.io/library)"
docker run --detach --restart always --name mesos-master --net host \
    --volume /var/lib/mesos:/var/lib/mesos \
    "$(image "mesos-master:${MESOS_TAG:-1.7.1}" docker.io/mesosphere)" \
    --ip="$NODE_IP" --hostname="$NODE_IP" --port=5050 \
    --zk="zk://$zk_hosts/mesos" --quorum="$quorum" \
    --cluster="${CLUSTER_NAME:-mesos}" --work_dir=/var/lib/mesos
docker run --detach --restart always --name marathon --net host \
    "$(image "marathon:${MARATHON_TAG:-v1.6.322}" docker.io/mesosphere)" \
    --master "zk://$zk_hosts/mesos" --zk "zk://$zk_hosts/marathon" \
    --hostname "$NODE_IP" --http_port 8080
