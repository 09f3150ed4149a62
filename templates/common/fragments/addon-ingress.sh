# addon-ingress.sh: the ingress controller the ingress_controller label
# names (nginx, traefik or octavia), on the nodes whose role is
# INGRESS_CONTROLLER_ROLE when there are such nodes; its image tag (and
# the nginx chart's version) from the labels, else the chart's or
# manifest's.
# Inputs: INGRESS_CONTROLLER, INGRESS_CONTROLLER_ROLE, CLOUD_PROVIDER_TAG,
#   NGINX_INGRESS_CONTROLLER_TAG, NGINX_INGRESS_CONTROLLER_CHART_TAG,
#   TRAEFIK_INGRESS_CONTROLLER_TAG, OCTAVIA_INGRESS_CONTROLLER_TAG.
ingress_selector=()
if [ -n "$(kubectl get nodes -o name \
        -l "magnum.openstack.org/role=${INGRESS_CONTROLLER_ROLE:-ingress}")" ]; then
    ingress_selector=(--set-string
        "controller.nodeSelector.magnum\.openstack\.org/role=$INGRESS_CONTROLLER_ROLE")
fi
ingress_tag=()
case "${INGRESS_CONTROLLER:-}" in
    nginx)
        if [ -n "${NGINX_INGRESS_CONTROLLER_TAG:-}" ]; then
            # the chart pins its image by digest too
            ingress_tag=(--set "controller.image.tag=$NGINX_INGRESS_CONTROLLER_TAG"
                         --set controller.image.digest=)
        fi
        helm_install ingress-nginx ingress-nginx \
            https://kubernetes.github.io/ingress-nginx \
            "ingress-nginx@${NGINX_INGRESS_CONTROLLER_CHART_TAG:-}" \
            --set controller.kind=DaemonSet \
            --set controller.hostNetwork=true "${ingress_selector[@]}" \
            "${ingress_tag[@]}" ;;
    traefik)
        if [ -n "${TRAEFIK_INGRESS_CONTROLLER_TAG:-}" ]; then
            ingress_tag=(--set "image.tag=$TRAEFIK_INGRESS_CONTROLLER_TAG")
        fi
        helm_install traefik traefik https://traefik.github.io/charts \
            traefik --set deployment.kind=DaemonSet \
            --set hostNetwork=true "${ingress_tag[@]}" ;;
    octavia)
        apply_url "https://raw.githubusercontent.com/kubernetes/cloud-provider-openstack/$CLOUD_PROVIDER_TAG/docs/octavia-ingress-controller/octavia-ingress-controller.yaml" \
            "$(retag octavia-ingress-controller "${OCTAVIA_INGRESS_CONTROLLER_TAG:-}")$(prefix_images)" ;;
esac
