# docker-host.sh: the Docker daemon of a Swarm or Mesos host: its storage
# on the Cinder volume when there is one, the storage driver, proxies and,
# when DOCKER_PORT is set, a TCP listener that verifies clients against
# the cluster CA unless TLS_DISABLED.
# Inputs: DOCKER_VOLUME_SIZE, DOCKER_VOLUME_ID, DOCKER_STORAGE_DRIVER,
#   DOCKER_PORT, TLS_DISABLED, HTTP_PROXY, HTTPS_PROXY, NO_PROXY.
if [ "${DOCKER_VOLUME_SIZE:-0}" -gt 0 ] && [ -n "${DOCKER_VOLUME_ID:-}" ]; then
    mount_volume "$DOCKER_VOLUME_ID" /var/lib/docker docker
fi

docker_config=$(jq -n --arg driver "${DOCKER_STORAGE_DRIVER:-overlay2}" \
    '{hosts: ["unix:///var/run/docker.sock"], "storage-driver": $driver}')
if [ -n "${DOCKER_PORT:-}" ]; then
    docker_config=$(jq --arg tcp "tcp://0.0.0.0:$DOCKER_PORT" \
        '.hosts += [$tcp]' <<< "$docker_config")
    if ! is_true "${TLS_DISABLED:-false}"; then
        docker_config=$(jq --arg d "$PKI" '. + {tlsverify: true,
            tlscacert: "\($d)/ca.crt", tlscert: "\($d)/server.crt",
            tlskey: "\($d)/server.key"}' <<< "$docker_config")
    fi
fi
mkdir -p /etc/docker /etc/systemd/system/docker.service.d
echo "$docker_config" > /etc/docker/daemon.json
{
    # The packaged unit's -H flags would clash with "hosts".
    printf '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd\n'
    if [ -n "${HTTP_PROXY:-}${HTTPS_PROXY:-}" ]; then
        printf 'Environment="HTTP_PROXY=%s" "HTTPS_PROXY=%s" "NO_PROXY=%s"\n' \
            "${HTTP_PROXY:-}" "${HTTPS_PROXY:-}" "${NO_PROXY:-}"
    fi
} > /etc/systemd/system/docker.service.d/magnum-like.conf
systemctl daemon-reload
systemctl enable docker.service
systemctl restart docker.service
