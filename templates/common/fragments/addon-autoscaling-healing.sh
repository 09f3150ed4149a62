# addon-autoscaling-healing.sh: the cluster autoscaler (Magnum provider:
# it resizes the worker nodegroup through Magnum's API) and the auto
# healer the auto_healing_controller label names; their image tags from
# the labels, else the chart's or manifest's.
# Inputs: AUTO_SCALING_ENABLED, MIN_NODE_COUNT, MAX_NODE_COUNT,
#   WORKER_NODEGROUP_NAME, AUTO_HEALING_ENABLED, AUTO_HEALING_CONTROLLER,
#   CLUSTER_UUID, CLOUD_PROVIDER_TAG, AUTOSCALER_TAG, DRAINO_TAG,
#   MAGNUM_AUTO_HEALER_TAG.
if is_true "${AUTO_SCALING_ENABLED:-false}"; then
    autoscaler_tag=()
    if [ -n "${AUTOSCALER_TAG:-}" ]; then
        autoscaler_tag=(--set "image.tag=$AUTOSCALER_TAG")
    fi
    helm_install cluster-autoscaler kube-system \
        https://kubernetes.github.io/autoscaler cluster-autoscaler \
        --set cloudProvider=magnum \
        --set magnumClusterName="$CLUSTER_UUID" \
        --set cloudConfigPath=/etc/kubernetes/cloud.conf \
        --set "autoscalingGroups[0].name=$WORKER_NODEGROUP_NAME" \
        --set "autoscalingGroups[0].minSize=${MIN_NODE_COUNT:-0}" \
        --set "autoscalingGroups[0].maxSize=${MAX_NODE_COUNT:-1}" \
        --set-string 'nodeSelector.magnum\.openstack\.org/role=master' \
        --set 'tolerations[0].key=node-role.kubernetes.io/control-plane' \
        --set 'tolerations[0].effect=NoSchedule' "${autoscaler_tag[@]}"
fi
if is_true "${AUTO_HEALING_ENABLED:-false}"; then
    case "${AUTO_HEALING_CONTROLLER:-draino}" in
        magnum-auto-healer)
            apply_url "https://raw.githubusercontent.com/kubernetes/cloud-provider-openstack/$CLOUD_PROVIDER_TAG/manifests/magnum-auto-healer/magnum-auto-healer.yaml" \
                "s|<cluster uuid>|$CLUSTER_UUID|;$(retag magnum-auto-healer "${MAGNUM_AUTO_HEALER_TAG:-}")$(prefix_images)" ;;
        draino)
            draino_tag=()
            if [ -n "${DRAINO_TAG:-}" ]; then
                draino_tag=(--set "image.tag=$DRAINO_TAG")
            fi
            helm_install draino kube-system \
                https://charts.helm.sh/stable draino \
                --set 'conditions={KernelDeadlock,OutOfDisk,Ready=Unknown}' \
                "${draino_tag[@]}" ;;
    esac
fi
