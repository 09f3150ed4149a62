# addon-dashboard.sh: with kube_dashboard_enabled, the Kubernetes
# dashboard of KUBE_DASHBOARD_VERSION and its metrics scraper of
# METRICS_SCRAPER_TAG, from the dashboard's release manifest.
# Inputs: KUBE_DASHBOARD_ENABLED, KUBE_DASHBOARD_VERSION,
#   METRICS_SCRAPER_TAG.
if is_true "${KUBE_DASHBOARD_ENABLED:-true}"; then
    apply_url "https://raw.githubusercontent.com/kubernetes/dashboard/$KUBE_DASHBOARD_VERSION/aio/deploy/recommended.yaml" \
        "$(retag metrics-scraper "${METRICS_SCRAPER_TAG:-}")$(prefix_images)"
fi
