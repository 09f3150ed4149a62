# addon-monitoring.sh: metrics-server (kubectl top, autoscaling) and, with
# monitoring_enabled, the Prometheus stack (kube-prometheus-stack chart:
# Prometheus, Alertmanager, Grafana, exporters) in namespace monitoring,
# with prometheus-adapter for autoscaling on custom metrics.
# Inputs: METRICS_SERVER_ENABLED, METRICS_SERVER_CHART_TAG,
#   MONITORING_ENABLED, PROMETHEUS_OPERATOR_CHART_TAG, PROMETHEUS_TAG,
#   GRAFANA_TAG, GRAFANA_ADMIN_PASSWD, MONITORING_RETENTION_DAYS,
#   MONITORING_RETENTION_SIZE, MONITORING_INTERVAL_SECONDS,
#   MONITORING_STORAGE_CLASS_NAME, MONITORING_INGRESS_ENABLED,
#   CLUSTER_ROOT_DOMAIN_NAME, CLUSTER_BASIC_AUTH_SECRET, INGRESS_CONTROLLER,
#   PROMETHEUS_ADAPTER_ENABLED, PROMETHEUS_ADAPTER_CHART_TAG,
#   PROMETHEUS_ADAPTER_CONFIGMAP, CONTAINER_INFRA_PREFIX.
if is_true "${METRICS_SERVER_ENABLED:-true}"; then
    helm_install metrics-server kube-system \
        https://kubernetes-sigs.github.io/metrics-server/ \
        "metrics-server@${METRICS_SERVER_CHART_TAG:-}" \
        --set 'args={--kubelet-preferred-address-types=InternalIP}'
fi

# grafana_admin NAMESPACE: the Secret grafana-admin with Grafana's admin
# user and password: the grafana_admin_passwd label's, else one made up
# once. The password only ever goes through a private file.
grafana_admin() {
    local file
    kubectl create namespace "$1" --dry-run=client -o yaml |
        kubectl apply -f - >/dev/null
    if [ -z "${GRAFANA_ADMIN_PASSWD:-}" ] &&
            kubectl -n "$1" get secret grafana-admin >/dev/null 2>&1; then
        return 0
    fi
    file=$(umask 077; mktemp)
    if [ -n "${GRAFANA_ADMIN_PASSWD:-}" ]; then
        printf '%s' "$GRAFANA_ADMIN_PASSWD" > "$file"
    else
        openssl rand -hex 16 | tr -d '\n' > "$file"
    fi
    kubectl -n "$1" create secret generic grafana-admin \
        --from-literal=admin-user=admin --from-file=admin-password="$file" \
        --dry-run=client -o yaml | kubectl apply -f - >/dev/null
    rm -f "$file"
}

# The chart's values, one file per concern (Helm merges them).
monitoring_values() {
    cat > "$1/base.yaml" <<VALUES
grafana:
  admin: {existingSecret: grafana-admin, userKey: admin-user,
          passwordKey: admin-password}
prometheus:
  prometheusSpec:
    retention: ${MONITORING_RETENTION_DAYS:-14}d
    scrapeInterval: ${MONITORING_INTERVAL_SECONDS:-30}s
    evaluationInterval: ${MONITORING_INTERVAL_SECONDS:-30}s
VALUES
    # image tags: the chart's unless the labels say
    if [ -n "${GRAFANA_TAG:-}" ]; then
        echo "grafana: {image: {tag: \"$GRAFANA_TAG\"}}" > "$1/grafana.yaml"
    fi
    if [ -n "${PROMETHEUS_TAG:-}" ]; then
        echo "prometheus: {prometheusSpec: {image: {tag: \"$PROMETHEUS_TAG\"}}}" \
            > "$1/prometheus.yaml"
    fi
    # volumes of that class for Prometheus (monitoring_retention_size GiB,
    # also its size limit) and Grafana, instead of the nodes' disks
    local class="${MONITORING_STORAGE_CLASS_NAME:-}"
    local size="${MONITORING_RETENTION_SIZE:-14}"
    if [ -n "$class" ]; then
        cat > "$1/storage.yaml" <<VALUES
prometheus:
  prometheusSpec:
    retentionSize: ${size}GB
    storageSpec:
      volumeClaimTemplate:
        spec:
          storageClassName: $class
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: ${size}Gi}}
grafana:
  persistence: {enabled: true, storageClassName: $class, size: 1Gi}
VALUES
    fi
    if is_true "${MONITORING_INGRESS_ENABLED:-false}"; then
        monitoring_ingress_values "$1/ingress.yaml"
    fi
}

# Every service under CLUSTER_ROOT_DOMAIN_NAME by path (/prometheus,
# /alertmanager, /grafana) through the cluster's ingress controller;
# with nginx and cluster_basic_auth_secret (a Secret in kube-system),
# Prometheus and Alertmanager, which have no login, ask for it.
monitoring_ingress_values() {
    local domain="${CLUSTER_ROOT_DOMAIN_NAME:-localhost}" class="" auth="{}"
    case "${INGRESS_CONTROLLER:-}" in
        nginx|traefik) class="ingressClassName: $INGRESS_CONTROLLER," ;;
        octavia) class="ingressClassName: openstack," ;;
    esac
    if [ "${INGRESS_CONTROLLER:-}" = nginx ] &&
            [ -n "${CLUSTER_BASIC_AUTH_SECRET:-}" ]; then
        auth="{nginx.ingress.kubernetes.io/auth-type: basic,
               nginx.ingress.kubernetes.io/auth-secret: kube-system/$CLUSTER_BASIC_AUTH_SECRET}"
    fi
    cat > "$1" <<VALUES
prometheus:
  ingress: {enabled: true, $class hosts: [$domain], paths: [/prometheus],
            annotations: $auth}
  prometheusSpec: {routePrefix: /prometheus,
                   externalUrl: "http://$domain/prometheus"}
alertmanager:
  ingress: {enabled: true, $class hosts: [$domain], paths: [/alertmanager],
            annotations: $auth}
  alertmanagerSpec: {routePrefix: /alertmanager,
                     externalUrl: "http://$domain/alertmanager"}
grafana:
  ingress: {enabled: true, $class hosts: [$domain], path: /grafana}
  grafana.ini:
    server: {root_url: "http://$domain/grafana", serve_from_sub_path: true}
VALUES
}

if is_true "${MONITORING_ENABLED:-false}"; then
    grafana_admin monitoring
    values_dir=$(mktemp -d)
    monitoring_values "$values_dir"
    values=()
    for file in "$values_dir"/*.yaml; do values+=(--values "$file"); done
    if [ -n "${CONTAINER_INFRA_PREFIX:-}" ]; then
        # an argument of the operator, which no post-renderer sees
        values+=(--set "prometheusOperator.prometheusConfigReloader.image.registry=${CONTAINER_INFRA_PREFIX%/}"
                 --set prometheusOperator.prometheusConfigReloader.image.repository=prometheus-config-reloader)
    fi
    helm_install monitoring monitoring \
        https://prometheus-community.github.io/helm-charts \
        "kube-prometheus-stack@${PROMETHEUS_OPERATOR_CHART_TAG:-}" \
        "${values[@]}"
    rm -rf "$values_dir"
    if is_true "${PROMETHEUS_ADAPTER_ENABLED:-true}"; then
        adapter=(--set prometheus.url=http://monitoring-kube-prometheus-prometheus.monitoring.svc)
        if is_true "${MONITORING_INGRESS_ENABLED:-false}"; then
            adapter+=(--set prometheus.path=/prometheus)
        fi
        if [ -n "${PROMETHEUS_ADAPTER_CONFIGMAP:-}" ]; then
            adapter+=(--set "rules.existing=$PROMETHEUS_ADAPTER_CONFIGMAP")
        fi
        helm_install prometheus-adapter monitoring \
            https://prometheus-community.github.io/helm-charts \
            "prometheus-adapter@${PROMETHEUS_ADAPTER_CHART_TAG:-}" \
            "${adapter[@]}"
    fi
fi
