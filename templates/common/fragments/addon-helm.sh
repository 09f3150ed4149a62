# addon-helm.sh: the Helm client for the chart-based add-ons (release
# HELM_CLIENT_TAG, or the tarball at HELM_CLIENT_URL), and helm_install
# to install or upgrade one of them.
# Inputs: HELM_CLIENT_TAG, HELM_CLIENT_URL, HELM_CLIENT_SHA256,
#   CONTAINER_INFRA_PREFIX.
helm_url="${HELM_CLIENT_URL:-https://get.helm.sh/helm-$HELM_CLIENT_TAG-linux-$ARCH.tar.gz}"
if [ "$(cat /usr/local/share/helm-source 2>/dev/null)" != "$helm_url" ]; then
    helm_sum="${HELM_CLIENT_SHA256:-}"
    if [ -z "$helm_sum" ] && [ -z "${HELM_CLIENT_URL:-}" ]; then
        helm_sum=$(curl --fail --silent --show-error --location --retry 5 \
            "$helm_url.sha256sum" | cut -d' ' -f1)
    fi
    fetch "$helm_url" /tmp/helm.tar.gz "$helm_sum"
    tar -xzf /tmp/helm.tar.gz -C /usr/local/bin --strip-components=1 \
        --wildcards '*/helm'
    rm -f /tmp/helm.tar.gz
    mkdir -p /usr/local/share
    echo "$helm_url" > /usr/local/share/helm-source
fi

# Charts pull their images from the container_infra_prefix mirror too:
# Helm passes what it renders through this before applying it.
helm_prefix=()
if [ -n "${CONTAINER_INFRA_PREFIX:-}" ]; then
    mkdir -p /usr/local/share
    prefix_images > /usr/local/share/magnum-like-prefix-images.sed
    printf '#!/bin/sh\nexec sed -f %s\n' \
        /usr/local/share/magnum-like-prefix-images.sed \
        > /usr/local/bin/magnum-like-prefix-images
    chmod 755 /usr/local/bin/magnum-like-prefix-images
    helm_prefix=(--post-renderer /usr/local/bin/magnum-like-prefix-images)
fi

# helm_install RELEASE NAMESPACE REPO_URL CHART[@VERSION] [HELM ARGS...]
# (no version: the chart's latest)
helm_install() {
    local release=$1 namespace=$2 repo=$3 chart=${4%@*} version=()
    if [ "$4" != "$chart" ] && [ -n "${4#*@}" ]; then
        version=(--version "${4#*@}")
    fi
    shift 4
    helm upgrade --install "$release" "$chart" --repo "$repo" \
        --namespace "$namespace" --create-namespace --wait \
        --timeout 10m "${version[@]}" "${helm_prefix[@]}" "$@"
}
