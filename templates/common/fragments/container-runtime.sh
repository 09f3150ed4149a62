# container-runtime.sh: containerd for the kubelet, its storage on the
# Cinder volume when there is one.
# Inputs: CONTAINER_RUNTIME ("", host-docker, containerd),
#   CONTAINERD_VERSION, CONTAINERD_TARBALL_URL, CONTAINERD_TARBALL_SHA256,
#   CGROUP_DRIVER, DOCKER_VOLUME_SIZE, DOCKER_VOLUME_ID,
#   DOCKER_STORAGE_DRIVER.

if [ "${DOCKER_VOLUME_SIZE:-0}" -gt 0 ] && [ -n "${DOCKER_VOLUME_ID:-}" ]; then
    mount_volume "$DOCKER_VOLUME_ID" /var/lib/containerd containerd
fi

if [ -n "${CONTAINERD_TARBALL_URL:-}" ] ||
        { [ "${CONTAINER_RUNTIME:-}" = containerd ] &&
          [ -n "${CONTAINERD_VERSION:-}" ]; }; then
    url="${CONTAINERD_TARBALL_URL:-https://github.com/containerd/containerd/releases/download/v${CONTAINERD_VERSION}/containerd-${CONTAINERD_VERSION}-linux-${ARCH}.tar.gz}"
    fetch "$url" /tmp/containerd.tar.gz "${CONTAINERD_TARBALL_SHA256:-}"
    tar -xzf /tmp/containerd.tar.gz -C /usr/local
    rm -f /tmp/containerd.tar.gz
    sed 's|ExecStart=.*|ExecStart=/usr/local/bin/containerd|' \
        /usr/lib/systemd/system/containerd.service \
        > /etc/systemd/system/containerd.service
fi

mkdir -p /etc/containerd
containerd config default > /etc/containerd/config.toml
if [ "${CGROUP_DRIVER:-systemd}" = systemd ]; then
    sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' \
        /etc/containerd/config.toml
fi
sed -i "s|sandbox_image = .*|sandbox_image = \"$(image pause:3.9 registry.k8s.io)\"|" \
    /etc/containerd/config.toml
if [ -n "${HTTP_PROXY:-}${HTTPS_PROXY:-}" ]; then
    mkdir -p /etc/systemd/system/containerd.service.d
    printf '[Service]\nEnvironment="HTTP_PROXY=%s" "HTTPS_PROXY=%s" "NO_PROXY=%s"\n' \
        "${HTTP_PROXY:-}" "${HTTPS_PROXY:-}" "${NO_PROXY:-}" \
        > /etc/systemd/system/containerd.service.d/proxy.conf
fi
if [ "${CONTAINER_RUNTIME:-}" != containerd ]; then
    # host-docker: the Docker of the image stays available for users;
    # the kubelet talks to the containerd underneath it.
    mkdir -p /etc/docker
    printf '{"storage-driver": "%s", "exec-opts": ["native.cgroupdriver=%s"]}\n' \
        "${DOCKER_STORAGE_DRIVER:-overlay2}" "${CGROUP_DRIVER:-systemd}" \
        > /etc/docker/daemon.json
    systemctl enable docker.service
fi
systemctl daemon-reload
systemctl enable containerd.service
systemctl restart containerd.service
