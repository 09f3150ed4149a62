# addon-monitoring.sh: metrics-server (kubectl top, autoscaling) and, with
# monitoring_enabled, the Prometheus operator stack.
# Inputs: METRICS_SERVER_ENABLED, MONITORING_ENABLED.
if is_true "${METRICS_SERVER_ENABLED:-true}"; then
    helm_install metrics-server kube-system \
        https://kubernetes-sigs.github.io/metrics-server/ metrics-server \
        --set 'args={--kubelet-preferred-address-types=InternalIP}'
fi
if is_true "${MONITORING_ENABLED:-false}"; then
    helm_install monitoring monitoring \
        https://prometheus-community.github.io/helm-charts \
        kube-prometheus-stack
fi
