# addon-helm.sh: the Helm client of HELM_CLIENT_TAG for the chart-based
# add-ons, and helm_install to install or upgrade one of them.
# Inputs: HELM_CLIENT_TAG.
if ! helm version --short 2>/dev/null | grep -q "^$HELM_CLIENT_TAG"; then
    fetch "https://get.helm.sh/helm-$HELM_CLIENT_TAG-linux-$ARCH.tar.gz" \
        /tmp/helm.tar.gz \
        "$(curl --fail --silent --show-error --location \
            "https://get.helm.sh/helm-$HELM_CLIENT_TAG-linux-$ARCH.tar.gz.sha256sum" |
            cut -d' ' -f1)"
    tar -xzf /tmp/helm.tar.gz -C /usr/local/bin --strip-components=1 \
        "linux-$ARCH/helm"
    rm -f /tmp/helm.tar.gz
fi

# helm_install RELEASE NAMESPACE REPO_URL CHART [HELM ARGS...]
helm_install() {
    local release=$1 namespace=$2 repo=$3 chart=$4
    shift 4
    helm upgrade --install "$release" "$chart" --repo "$repo" \
        --namespace "$namespace" --create-namespace --wait \
        --timeout 10m "$@"
}
