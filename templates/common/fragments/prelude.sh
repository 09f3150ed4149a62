#!/bin/bash
# prelude.sh: the first fragment of every configuration run on a node.
#
# The Heat agent runs a deployment's script inside its own container and
# passes the deployment's inputs as environment variables. This prelude
# re-runs the whole script in the host's namespaces (the agent container
# runs with --privileged --pid host), keeping that environment, and
# defines the helpers the other fragments use. Fragments never `exit`:
# they are concatenated into one script, so each guards itself with `if`.
set -euo pipefail
if [ "${MAGNUM_LIKE_ON_HOST:-}" != 1 ] && [ -e /run/.containerenv ]; then
    export MAGNUM_LIKE_ON_HOST=1
    exec nsenter --target 1 --mount --uts --ipc --net --pid -- \
        /bin/bash -s < "$0"
fi
umask 022

log() { echo "$(date -u +%FT%TZ) magnum-like: $*" >&2; }
is_true() { case "${1:-}" in [Tt]rue|1|yes|on) return 0 ;; esac; return 1; }

# Who this node is: its own deployment says so and it is remembered for
# the cluster-wide deployments (one set of inputs for several servers).
NODE_ENV=/etc/magnum-like/node.env
if [ -n "${NODE_IP:-}" ]; then
    mkdir -p "${NODE_ENV%/*}"
    printf 'NODE_IP=%q\nNODE_NAME=%q\nNODE_PUBLIC_IP=%q\n' \
        "$NODE_IP" "${NODE_NAME:-}" "${NODE_PUBLIC_IP:-}" > "$NODE_ENV"
elif [ -r "$NODE_ENV" ]; then
    # shellcheck disable=SC1090
    . "$NODE_ENV"
fi

# Proxies for everything the configuration downloads.
for var in HTTP_PROXY HTTPS_PROXY NO_PROXY; do
    if [ -n "${!var:-}" ]; then
        export "${var}=${!var}" "${var,,}=${!var}"
    else
        unset "$var"
    fi
done

# fetch URL FILE [SHA256]: download with retries, check, move in place.
fetch() {
    curl --fail --silent --show-error --location --retry 5 \
        --output "$2.part" "$1"
    if [ -n "${3:-}" ]; then
        echo "$3  $2.part" | sha256sum --check --quiet
    fi
    mv "$2.part" "$2"
}

# image NAME DEFAULT_REGISTRY: where to pull an image from, honouring the
# container_infra_prefix label (a mirror holding every image flat).
image() {
    if [ -n "${CONTAINER_INFRA_PREFIX:-}" ]; then
        echo "${CONTAINER_INFRA_PREFIX}${1##*/}"
    else
        echo "$2/$1"
    fi
}

# wait_for_volume VOLUME_ID: the block device of an attached volume.
wait_for_volume() {
    local dev="/dev/disk/by-id/virtio-${1:0:20}" i
    for i in $(seq 60); do
        if [ -e "$dev" ]; then readlink -f "$dev"; return 0; fi
        udevadm settle; sleep 5
    done
    log "volume $1 never appeared"; return 1
}

# mount_volume VOLUME_ID DIR LABEL: format once, mount at boot.
mount_volume() {
    local dev unit
    dev=$(wait_for_volume "$1")
    if ! blkid "$dev" >/dev/null 2>&1; then mkfs.xfs -L "$3" "$dev"; fi
    mkdir -p "$2"
    unit=$(systemd-escape --path --suffix=mount "$2")
    cat > "/etc/systemd/system/$unit" <<UNIT
[Unit]
Description=$3 volume
Before=local-fs.target
[Mount]
What=LABEL=$3
Where=$2
Type=xfs
[Install]
WantedBy=local-fs.target
UNIT
    systemctl daemon-reload
    systemctl enable --now "$unit"
}

KUBE_TAG="${KUBE_TAG:-}"         # Kubernetes clusters only
KUBE_VERSION="${KUBE_TAG%%-*}"   # v1.30.4-rancher1 -> v1.30.4
ARCH=$(uname -m | sed -e s/x86_64/amd64/ -e s/aarch64/arm64/)
KUBE_DIR=/etc/kubernetes
# Where the node keeps its certificates: CERT_DIR (Docker hosts use
# /etc/docker/tls), else the Kubernetes PKI directory.
PKI="${CERT_DIR:-$KUBE_DIR/pki}"
mkdir -p "$PKI"
