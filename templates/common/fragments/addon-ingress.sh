# addon-ingress.sh: the ingress controller the ingress_controller label
# names (nginx, traefik or octavia), on the nodes whose role is
# INGRESS_CONTROLLER_ROLE when there are such nodes.
# Inputs: INGRESS_CONTROLLER, INGRESS_CONTROLLER_ROLE, CLOUD_PROVIDER_TAG.
ingress_selector=()
if [ -n "$(kubectl get nodes -o name \
        -l "magnum.openstack.org/role=${INGRESS_CONTROLLER_ROLE:-ingress}")" ]; then
    ingress_selector=(--set-string
        "controller.nodeSelector.magnum\.openstack\.org/role=$INGRESS_CONTROLLER_ROLE")
fi
case "${INGRESS_CONTROLLER:-}" in
    nginx)
        helm_install ingress-nginx ingress-nginx \
            https://kubernetes.github.io/ingress-nginx ingress-nginx \
            --set controller.kind=DaemonSet \
            --set controller.hostNetwork=true "${ingress_selector[@]}" ;;
    traefik)
        helm_install traefik traefik https://traefik.github.io/charts \
            traefik --set deployment.kind=DaemonSet \
            --set hostNetwork=true ;;
    octavia)
        apply_url "https://raw.githubusercontent.com/kubernetes/cloud-provider-openstack/$CLOUD_PROVIDER_TAG/docs/octavia-ingress-controller/octavia-ingress-controller.yaml" \
            "$(prefix_images)" ;;
esac
