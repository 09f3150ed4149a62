# cert-functions.sh: certificates signed by the cluster's CAs through
# Magnum's certificates API, authenticated as the cluster's trustee.
# No CA private key ever reaches a node.
# Inputs: AUTH_URL, TRUSTEE_USER_ID, TRUSTEE_PASSWORD, TRUST_ID,
#   MAGNUM_URL, CLUSTER_UUID, VERIFY_CA, OPENSTACK_CA.
CURL_TLS=()
if ! is_true "${VERIFY_CA:-true}"; then
    CURL_TLS=(--insecure)
elif [ -n "${OPENSTACK_CA:-}" ]; then
    # The conductor passes the CA bundle URL-quoted.
    printf '%b' "$(printf '%s' "$OPENSTACK_CA" |
        sed 's/%\([0-9A-Fa-f][0-9A-Fa-f]\)/\\x\1/g')" \
        > /etc/pki/ca-trust/source/anchors/openstack-ca.pem
    update-ca-trust extract
fi

# A token of the trustee, scoped to the trust when there is one.
trustee_token() {
    jq -n --arg u "$TRUSTEE_USER_ID" --arg p "$TRUSTEE_PASSWORD" \
        --arg t "${TRUST_ID:-}" '{auth: ({identity: {methods: ["password"],
          password: {user: {id: $u, password: $p}}}} +
          (if $t == "" then {} else {scope: {"OS-TRUST:trust": {id: $t}}}
           end))}' |
    curl "${CURL_TLS[@]}" --fail --silent --show-error --include \
        --retry 5 -H 'Content-Type: application/json' --data @- \
        "$AUTH_URL/auth/tokens" |
    awk -F': ' 'tolower($1) == "x-subject-token" {print $2}' | tr -d '\r'
}

magnum_api() {   # magnum_api METHOD PATH [JSON BODY on stdin]
    local args=()
    [ "$1" = POST ] && args=(--data @-)
    curl "${CURL_TLS[@]}" --fail --silent --show-error --retry 5 \
        -X "$1" "${args[@]}" -H "X-Auth-Token: $MAGNUM_TOKEN" \
        -H 'Content-Type: application/json' \
        -H 'OpenStack-API-Version: container-infra latest' "$MAGNUM_URL$2"
}

fetch_ca() {   # fetch_ca CA_TYPE FILE (kubelet, etcd or front-proxy)
    magnum_api GET "/certificates/$CLUSTER_UUID?ca_cert_type=$1" |
        jq -r .pem > "$2"
}

# issue_cert NAME CA_TYPE SUBJECT [SUBJECT_ALT_NAMES]: a new key and a
# certificate signed by the CA, as $PKI/NAME.key and $PKI/NAME.crt.
issue_cert() {
    local name=$1 ca=$2 subject=$3 sans=${4:-} conf
    if [ -s "$PKI/$name.crt" ] && [ -s "$PKI/$name.key" ]; then
        return 0
    fi
    conf=$(mktemp)
    {
        printf '[req]\ndistinguished_name = dn\nreq_extensions = ext\n'
        printf '[dn]\n[ext]\nbasicConstraints = critical, CA:FALSE\n'
        printf 'keyUsage = critical, digitalSignature, keyEncipherment\n'
        printf 'extendedKeyUsage = clientAuth, serverAuth\n'
        if [ -n "$sans" ]; then printf 'subjectAltName = %s\n' "$sans"; fi
    } > "$conf"
    openssl genrsa -out "$PKI/$name.key" 2048 2>/dev/null
    chmod 600 "$PKI/$name.key"
    openssl req -new -key "$PKI/$name.key" -subj "$subject" \
        -config "$conf" -out "$PKI/$name.csr"
    jq -n --arg c "$CLUSTER_UUID" --arg t "$ca" \
        --rawfile r "$PKI/$name.csr" \
        '{cluster_uuid: $c, csr: $r, ca_cert_type: $t}' |
        magnum_api POST /certificates | jq -r .pem > "$PKI/$name.crt"
    rm -f "$conf" "$PKI/$name.csr"
}

# kubeconfig FILE USER CERT_NAME SERVER: a kubeconfig using a client cert.
kubeconfig() {
    cat > "$1" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: kubernetes
  cluster:
    certificate-authority: $PKI/ca.crt
    server: $4
users:
- name: $2
  user:
    client-certificate: $PKI/$3.crt
    client-key: $PKI/$3.key
contexts:
- name: default
  context: {cluster: kubernetes, user: $2}
current-context: default
KUBECONFIG
    chmod 600 "$1"
}

MAGNUM_TOKEN=$(trustee_token)
# A CA rotation (a new CA_ROTATION_ID) retires every certificate issued
# under the previous CAs: they are re-issued below, and the CA files
# hold the old and the new CA until the rotation completes.
if [ -n "${CA_ROTATION_ID:-}" ] &&
        [ "$(cat "$PKI/.ca-rotation-id" 2>/dev/null)" != "$CA_ROTATION_ID" ]
then
    log "CA rotation $CA_ROTATION_ID: re-issuing this node's certificates"
    find "$PKI" -name '*.crt' -type f -delete
    printf '%s' "$CA_ROTATION_ID" > "$PKI/.ca-rotation-id"
fi
fetch_ca kubelet "$PKI/ca.crt"
