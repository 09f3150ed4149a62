# addon-wait-api.sh: first fragment of the cluster add-ons, run once on
# the first master: waits for the API and defines the helpers.
# Inputs: none beyond the prelude's.
export KUBECONFIG="$KUBE_DIR/admin.conf"
for _ in $(seq 120); do
    if kubectl get --raw /readyz >/dev/null 2>&1; then break; fi
    sleep 5
done
kubectl get --raw /readyz >/dev/null

# apply_url URL [SED_SCRIPT]: apply a manifest from a URL, edited.
apply_url() {
    curl --fail --silent --show-error --location --retry 5 "$1" |
        sed -e "${2:-}" | kubectl apply -f -
}

# prefix_images: rewrite image registries to container_infra_prefix.
prefix_images() {
    if [ -n "${CONTAINER_INFRA_PREFIX:-}" ]; then
        echo "s|image: *\(.*/\)\?\([^/]*\)\$|image: ${CONTAINER_INFRA_PREFIX}\2|"
    fi
}
