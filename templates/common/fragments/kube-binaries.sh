# kube-binaries.sh: kubelet and kubectl of KUBE_TAG from the Kubernetes
# release site, checked against the published SHA-256. Reinstalled when
# the tag changes (upgrades run this again with the new tag).
# Inputs: KUBE_TAG.
mkdir -p "$KUBE_DIR/manifests"
if [ "$(cat /usr/local/share/kube-version 2>/dev/null)" != "$KUBE_VERSION" ]; then
    base="https://dl.k8s.io/release/$KUBE_VERSION/bin/linux/$ARCH"
    for bin in kubelet kubectl; do
        sum=$(curl --fail --silent --show-error --location --retry 5 \
            "$base/$bin.sha256")
        fetch "$base/$bin" "/usr/local/bin/$bin.new" "$sum"
        chmod 755 "/usr/local/bin/$bin.new"
        mv "/usr/local/bin/$bin.new" "/usr/local/bin/$bin"
    done
    mkdir -p /usr/local/share
    echo "$KUBE_VERSION" > /usr/local/share/kube-version
    KUBE_BINARIES_CHANGED=1
fi
