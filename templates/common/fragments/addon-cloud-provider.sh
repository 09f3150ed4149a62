# addon-cloud-provider.sh: the cloud configuration of the in-cluster
# OpenStack clients (they act as the trustee through the trust), then the
# OpenStack cloud controller manager and, when the volume driver is
# cinder and cinder_csi_enabled, the Cinder CSI driver, from
# cloud-provider-openstack CLOUD_PROVIDER_TAG (the plugin's and its
# sidecars' tags: the csi labels', else the manifests').
# Inputs: CLOUD_PROVIDER_ENABLED, CLOUD_PROVIDER_TAG, VOLUME_DRIVER,
#   AUTH_URL, REGION_NAME, TRUSTEE_USER_ID, TRUSTEE_PASSWORD, TRUST_ID,
#   OCTAVIA_ENABLED, VERIFY_CA, CLUSTER_UUID, CINDER_CSI_ENABLED,
#   CINDER_CSI_PLUGIN_TAG, CSI_ATTACHER_TAG, CSI_PROVISIONER_TAG,
#   CSI_SNAPSHOTTER_TAG, CSI_RESIZER_TAG, CSI_NODE_DRIVER_REGISTRAR_TAG,
#   CSI_LIVENESS_PROBE_TAG.
cloud_conf="$KUBE_DIR/cloud.conf"
(umask 077; cat > "$cloud_conf" <<CONF
[Global]
auth-url=$AUTH_URL
user-id=$TRUSTEE_USER_ID
password=$TRUSTEE_PASSWORD
trust-id=$TRUST_ID
region=$REGION_NAME
$(is_true "${VERIFY_CA:-true}" || echo "tls-insecure=true")
[LoadBalancer]
use-octavia=$(is_true "${OCTAVIA_ENABLED:-false}" && echo true || echo false)
cluster-name=$CLUSTER_UUID
CONF
)
if is_true "${CLOUD_PROVIDER_ENABLED:-false}"; then
    kubectl -n kube-system create secret generic cloud-config \
        --from-file=cloud.conf="$cloud_conf" --dry-run=client -o yaml |
        kubectl apply -f -
    cpo="https://raw.githubusercontent.com/kubernetes/cloud-provider-openstack/$CLOUD_PROVIDER_TAG/manifests"
    for part in cloud-controller-manager-roles.yaml \
            cloud-controller-manager-role-bindings.yaml \
            openstack-cloud-controller-manager-ds.yaml; do
        apply_url "$cpo/controller-manager/$part" "$(prefix_images)"
    done
    if [ "${VOLUME_DRIVER:-}" = cinder ] &&
            is_true "${CINDER_CSI_ENABLED:-true}"; then
        csi_tags="$(retag cinder-csi-plugin "${CINDER_CSI_PLUGIN_TAG:-}")"
        csi_tags+="$(retag csi-attacher "${CSI_ATTACHER_TAG:-}")"
        csi_tags+="$(retag csi-provisioner "${CSI_PROVISIONER_TAG:-}")"
        csi_tags+="$(retag csi-snapshotter "${CSI_SNAPSHOTTER_TAG:-}")"
        csi_tags+="$(retag csi-resizer "${CSI_RESIZER_TAG:-}")"
        csi_tags+="$(retag csi-node-driver-registrar \
            "${CSI_NODE_DRIVER_REGISTRAR_TAG:-}")"
        csi_tags+="$(retag livenessprobe "${CSI_LIVENESS_PROBE_TAG:-}")"
        for part in cinder-csi-controllerplugin-rbac.yaml \
                cinder-csi-controllerplugin.yaml \
                cinder-csi-nodeplugin-rbac.yaml cinder-csi-nodeplugin.yaml \
                csi-cinder-driver.yaml; do
            apply_url "$cpo/cinder-csi-plugin/$part" \
                "$csi_tags$(prefix_images)"
        done
    fi
fi
