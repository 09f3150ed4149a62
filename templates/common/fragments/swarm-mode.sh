# swarm-mode.sh: Docker Swarm mode. The first master of MASTER_ADDRESSES
# initialises the swarm; the other masters join it as managers, workers
# as workers, with join tokens read from the first master's Docker API
# (with this host's client certificate). Idempotent: a host
# already in the swarm stays as it is.
# Inputs: NODE_ROLE, NODE_IP, MASTER_ADDRESSES, DOCKER_PORT, TLS_DISABLED.

# docker_at ADDRESS ARGS...: the docker CLI against another host's daemon.
docker_at() {
    local address=$1
    shift
    if is_true "${TLS_DISABLED:-false}"; then
        docker -H "tcp://$address:$DOCKER_PORT" "$@"
    else
        docker --tlsverify --tlscacert "$PKI/ca.crt" \
            --tlscert "$PKI/client.crt" --tlskey "$PKI/client.key" \
            -H "tcp://$address:$DOCKER_PORT" "$@"
    fi
}

primary="${MASTER_ADDRESSES%%,*}"
if [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" = active ]; then
    log "already a member of the swarm"
elif [ "$NODE_ROLE" = master ] && [ "$NODE_IP" = "$primary" ]; then
    docker swarm init --advertise-addr "$NODE_IP"
else
    kind=worker
    if [ "$NODE_ROLE" = master ]; then kind=manager; fi
    token=""
    for _ in $(seq 60); do
        if token=$(docker_at "$primary" swarm join-token -q "$kind"); then
            break
        fi
        sleep 10
    done
    docker swarm join --advertise-addr "$NODE_IP" --token "$token" \
        "$primary:2377"
fi
