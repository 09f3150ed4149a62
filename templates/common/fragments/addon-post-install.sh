# addon-post-install.sh: the operator's manifest for every new cluster
# ([kubernetes] post_install_manifest_url), applied last.
# Inputs: POST_INSTALL_MANIFEST_URL.
if [ -n "${POST_INSTALL_MANIFEST_URL:-}" ]; then
    kubectl apply -f "$POST_INSTALL_MANIFEST_URL"
fi
log "cluster add-ons applied"
