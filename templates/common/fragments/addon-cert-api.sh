# addon-cert-api.sh: with cert_manager_api, the Kubernetes certificates
# API issues certificates. A service on this master signs the requests
# approved in the cluster for the built-in kubernetes.io signers with
# the cluster's CA, through Magnum's certificates API as the trustee
# (cert-functions.sh), as the nodes' own certificates are: the CA's
# private key stays in Magnum. A request Magnum refuses is marked Failed.
# Inputs: CERT_MANAGER_API and cert-functions.sh's.
signer=magnum-like-csr-signer
if is_true "${CERT_MANAGER_API:-false}"; then
    (umask 077
     declare -p AUTH_URL TRUSTEE_USER_ID TRUSTEE_PASSWORD TRUST_ID \
         MAGNUM_URL CLUSTER_UUID CURL_TLS > "$KUBE_DIR/$signer.env")
    {
        echo '#!/bin/bash'
        echo "# Written by addon-cert-api.sh (cert_manager_api)."
        echo 'set -uo pipefail'
        echo ". $KUBE_DIR/$signer.env"
        echo "export KUBECONFIG=$KUBE_DIR/admin.conf"
        declare -f trustee_token magnum_api
        cat <<'LOOP'
csr_api=/apis/certificates.k8s.io/v1/certificatesigningrequests
# set_status NAME JQ_FILTER [ARGS]: change the request's status.
set_status() {
    local name=$1
    shift
    kubectl get csr "$name" -o json | jq "$@" |
        kubectl replace --raw "$csr_api/$name/status" -f - >/dev/null
}
while sleep 10; do
    names=$(kubectl get csr -o json | jq -r '.items[]
        | select(.spec.signerName | startswith("kubernetes.io/"))
        | select(.status.certificate == null)
        | select(any(.status.conditions[]?; .type == "Approved"))
        | select(all(.status.conditions[]?;
                     .type != "Denied" and .type != "Failed"))
        | .metadata.name') || continue
    [ -n "$names" ] || continue
    MAGNUM_TOKEN=$(trustee_token) || continue
    for name in $names; do
        request=$(kubectl get csr "$name" -o jsonpath='{.spec.request}' |
            base64 -d) || continue
        if pem=$(jq -n --arg c "$CLUSTER_UUID" --arg r "$request" \
                '{cluster_uuid: $c, csr: $r, ca_cert_type: "kubelet"}' |
                magnum_api POST /certificates | jq -er .pem); then
            set_status "$name" --arg c "$(printf '%s\n' "$pem" |
                base64 -w0)" '.status.certificate = $c' &&
                echo "signed $name"
        else
            set_status "$name" '.status.conditions += [{type: "Failed",
                status: "True", reason: "SigningRefused",
                message: "Magnum refused to sign this request"}]'
        fi
    done
done
LOOP
    } > "/usr/local/bin/$signer"
    chmod 700 "/usr/local/bin/$signer"
    cat > "/etc/systemd/system/$signer.service" <<UNIT
[Unit]
Description=Signs approved Kubernetes CSRs through Magnum (cert_manager_api)
After=kubelet.service
[Service]
ExecStart=/usr/local/bin/$signer
Restart=always
RestartSec=10
[Install]
WantedBy=multi-user.target
UNIT
    systemctl daemon-reload
    systemctl enable "$signer.service"
    systemctl restart "$signer.service"
elif [ -e "/etc/systemd/system/$signer.service" ]; then
    systemctl disable --now "$signer.service"
fi
