# addon-influx-grafana.sh: with influx_grafana_dashboard_enabled, what
# heapster fed before Kubernetes retired it: the nodes' and pods' usage
# in InfluxDB, collected from every kubelet by Telegraf, shown by a
# Grafana (GRAFANA_TAG, the grafana-admin Secret) in kube-system.
# Inputs: INFLUX_GRAFANA_DASHBOARD_ENABLED, GRAFANA_TAG,
#   GRAFANA_ADMIN_PASSWD.
if is_true "${INFLUX_GRAFANA_DASHBOARD_ENABLED:-false}"; then
    influx=http://influxdb.kube-system.svc:8086
    helm_install influxdb kube-system https://helm.influxdata.com/ influxdb
    helm_install telegraf kube-system https://helm.influxdata.com/ \
        telegraf-ds --set "config.outputs[0].influxdb.urls[0]=$influx" \
        --set 'config.outputs[0].influxdb.database=telegraf'
    grafana_admin kube-system
    sources=$(mktemp)
    cat > "$sources" <<VALUES
admin: {existingSecret: grafana-admin, userKey: admin-user,
        passwordKey: admin-password}
datasources:
  datasources.yaml:
    apiVersion: 1
    datasources:
    - {name: InfluxDB, type: influxdb, access: proxy, isDefault: true,
       url: "$influx", database: telegraf}
VALUES
    grafana_tag=()
    if [ -n "${GRAFANA_TAG:-}" ]; then
        grafana_tag=(--set "image.tag=$GRAFANA_TAG")
    fi
    helm_install grafana kube-system https://grafana.github.io/helm-charts \
        grafana --values "$sources" "${grafana_tag[@]}"
    rm -f "$sources"
fi
