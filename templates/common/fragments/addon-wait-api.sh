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

# prefix_images: a sed script pulling every image from the mirror of the
# container_infra_prefix label instead of its registry (quotes dropped).
prefix_images() {
    if [ -n "${CONTAINER_INFRA_PREFIX:-}" ]; then
        echo "s|image: *[\"']\{0,1\}\([^\"' ]*/\)\{0,1\}\([^/\"' ]*\)[\"']\{0,1\} *\$|image: ${CONTAINER_INFRA_PREFIX}\2|"
    fi
}

# retag NAME TAG: a sed script giving the images called NAME, from any
# registry, the tag TAG (a digest after the tag goes too); nothing when
# TAG is empty, so that the manifest's own tag stays.
retag() {
    if [ -n "${2:-}" ]; then
        echo "s|\(image: *[\"']\{0,1\}\([^\"' ]*/\)\{0,1\}$1\):[^\"' ]*|\1:$2|;"
    fi
}
