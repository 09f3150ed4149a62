# mesos-agent.sh: a Mesos agent (slave) in a container that runs tasks
# with the host's Docker, registered with the masters through their
# ZooKeeper ensemble.
# Inputs: NODE_IP, MASTER_ADDRESSES, MESOS_TAG, MESOS_SLAVE_ISOLATION,
#   MESOS_SLAVE_WORK_DIR, MESOS_SLAVE_EXECUTOR_ENV_VARIABLES.
zk_hosts=""
for address in ${MASTER_ADDRESSES//,/ }; do
    zk_hosts="${zk_hosts:+$zk_hosts,}$address:2181"
done
work_dir="${MESOS_SLAVE_WORK_DIR:-/var/lib/mesos}"
agent_args=(--master="zk://$zk_hosts/mesos" --ip="$NODE_IP"
            --hostname="$NODE_IP" --port=5051 --work_dir="$work_dir"
            --containerizers=docker,mesos --docker_store_dir=/tmp
            --executor_registration_timeout=5mins)
if [ -n "${MESOS_SLAVE_ISOLATION:-}" ]; then
    agent_args+=(--isolation="$MESOS_SLAVE_ISOLATION")
fi
if [ -n "${MESOS_SLAVE_EXECUTOR_ENV_VARIABLES:-}" ]; then
    agent_args+=(--executor_environment_variables="$MESOS_SLAVE_EXECUTOR_ENV_VARIABLES")
fi
docker rm --force mesos-agent >/dev/null 2>&1 || true
docker run --detach --restart always --name mesos-agent --net host \
    --pid host --privileged \
    --volume /var/run/docker.sock:/var/run/docker.sock \
    --volume /sys/fs/cgroup:/sys/fs/cgroup \
    --volume "$work_dir:$work_dir" \
    "$(image "mesos-slave:${MESOS_TAG:-1.7.1}" docker.io/mesosphere)" \
    "${agent_args[@]}"
