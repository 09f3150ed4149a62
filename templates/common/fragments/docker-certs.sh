# docker-certs.sh: the TLS certificates of a Docker host, signed by the
# cluster's CA through Magnum's certificates API (cert-functions.sh): the
# daemon's server certificate and a client certificate this host uses to
# reach the other hosts' daemons (joins). Nothing without TLS.
# Inputs: TLS_DISABLED, NODE_NAME, NODE_IP, NODE_PUBLIC_IP,
#   API_EXTRA_SANS.
if ! is_true "${TLS_DISABLED:-false}"; then
    docker_sans="IP:127.0.0.1,IP:$NODE_IP,DNS:$NODE_NAME,DNS:localhost"
    extra_sans="${API_EXTRA_SANS:-}"
    for ip in ${NODE_PUBLIC_IP:-} ${extra_sans//,/ }; do
        docker_sans="$docker_sans,IP:$ip"
    done
    issue_cert server kubelet "/CN=$NODE_NAME" "$docker_sans"
    issue_cert client kubelet "/CN=$NODE_NAME-client"
fi
