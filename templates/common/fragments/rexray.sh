# rexray.sh: the rexray/cinder Docker volume plugin (volume_driver
# rexray), acting in Cinder as the cluster's trustee.
# Inputs: VOLUME_DRIVER, REXRAY_TAG, REXRAY_PREEMPT, AUTH_URL,
#   REGION_NAME, TRUSTEE_USER_ID, TRUSTEE_PASSWORD, TRUST_ID,
#   TRUSTEE_DOMAIN_ID.
if [ "${VOLUME_DRIVER:-}" = rexray ] &&
        ! docker plugin inspect rexray >/dev/null 2>&1; then
    docker plugin install --grant-all-permissions --alias rexray \
        "$(image "cinder:${REXRAY_TAG:-0.11.4}" docker.io/rexray)" \
        CINDER_AUTHURL="$AUTH_URL" CINDER_REGION="${REGION_NAME:-}" \
        CINDER_USERID="$TRUSTEE_USER_ID" \
        CINDER_PASSWORD="$TRUSTEE_PASSWORD" \
        CINDER_TRUSTID="${TRUST_ID:-}" \
        CINDER_DOMAINID="${TRUSTEE_DOMAIN_ID:-}" \
        REXRAY_PREEMPT="${REXRAY_PREEMPT:-false}"
fi
