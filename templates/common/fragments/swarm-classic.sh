# swarm-classic.sh: classic Docker Swarm (the swarm image). Masters run
# a replicated swarm manager on SWARM_API_PORT (TLS with the cluster CA
# unless TLS_DISABLED); every other host runs a swarm agent that
# advertises its own daemon (DOCKER_PORT). Both meet in the masters'
# etcd (etcd-docker.sh).
# Inputs: NODE_ROLE, NODE_IP, MASTER_ADDRESSES, SWARM_API_PORT,
#   DOCKER_PORT, SWARM_TAG, SWARM_STRATEGY, TLS_DISABLED.
swarm_store=""
for address in ${MASTER_ADDRESSES//,/ }; do
    swarm_store="${swarm_store:+$swarm_store,}$address:2379"
done
swarm_image=$(image "swarm:${SWARM_TAG:-1.2.9}" docker.io/library)
if [ "$NODE_ROLE" = master ]; then
    tls_args=()
    if ! is_true "${TLS_DISABLED:-false}"; then
        tls_args=(--tlsverify --tlscacert /certs/ca.crt
                  --tlscert /certs/server.crt --tlskey /certs/server.key)
    fi
    docker rm --force swarm-manager >/dev/null 2>&1 || true
    docker run --detach --restart always --name swarm-manager \
        --publish "$SWARM_API_PORT:2375" --volume "$PKI:/certs:ro" \
        "$swarm_image" manage "${tls_args[@]}" --replication \
        --strategy "${SWARM_STRATEGY:-spread}" \
        --advertise "$NODE_IP:$SWARM_API_PORT" "etcd://$swarm_store/swarm"
else
    docker rm --force swarm-agent >/dev/null 2>&1 || true
    docker run --detach --restart always --name swarm-agent \
        "$swarm_image" join --advertise "$NODE_IP:$DOCKER_PORT" \
        "etcd://$swarm_store/swarm"
fi
