# addon-keystone-auth.sh: with keystone_auth_enabled, k8s-keystone-auth
# of K8S_KEYSTONE_AUTH_TAG on every master, on the loopback port where
# that master's API server sends bearer tokens it does not know and the
# requests RBAC does not allow (kube-control-plane.sh). It checks tokens
# with Keystone and authorizes by the policy in the ConfigMap
# k8s-keystone-auth-policy, created from the cluster's starting policy
# and afterwards the cluster administrators' to edit.
# Inputs: KEYSTONE_AUTH_ENABLED, K8S_KEYSTONE_AUTH_TAG,
#   KEYSTONE_AUTH_DEFAULT_POLICY, AUTH_URL, CA_ROTATION_ID.
if is_true "${KEYSTONE_AUTH_ENABLED:-true}"; then
    if ! kubectl -n kube-system get configmap k8s-keystone-auth-policy \
            >/dev/null 2>&1; then
        kubectl -n kube-system create configmap k8s-keystone-auth-policy \
            --from-literal=policies="${KEYSTONE_AUTH_DEFAULT_POLICY:-[]}"
    fi
    # The pods serve with their master's API server certificate; a CA
    # rotation re-issues it, and its id in the pod template restarts them.
    kubectl apply -f - <<MANIFEST
apiVersion: v1
kind: ServiceAccount
metadata: {name: k8s-keystone-auth, namespace: kube-system}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: k8s-keystone-auth}
rules:
- {apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: k8s-keystone-auth}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole,
          name: k8s-keystone-auth}
subjects:
- {kind: ServiceAccount, name: k8s-keystone-auth, namespace: kube-system}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: k8s-keystone-auth, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: k8s-keystone-auth}}
  template:
    metadata:
      labels: {k8s-app: k8s-keystone-auth}
      annotations: {magnum.openstack.org/ca-rotation: "${CA_ROTATION_ID:-}"}
    spec:
      serviceAccountName: k8s-keystone-auth
      hostNetwork: true
      priorityClassName: system-cluster-critical
      nodeSelector: {magnum.openstack.org/role: master}
      tolerations:
      - {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}
      containers:
      - name: k8s-keystone-auth
        image: $(image "k8s-keystone-auth:$K8S_KEYSTONE_AUTH_TAG" registry.k8s.io/provider-os)
        command:
        - /bin/k8s-keystone-auth
        - --listen=127.0.0.1:8443
        - --keystone-url=$AUTH_URL
        - --keystone-ca-file=/etc/pki/tls/certs/ca-bundle.crt
        - --tls-cert-file=$PKI/apiserver.crt
        - --tls-private-key-file=$PKI/apiserver.key
        - --policy-configmap-name=k8s-keystone-auth-policy
        volumeMounts:
        - {name: pki, mountPath: $PKI, readOnly: true}
        - {name: ca, mountPath: /etc/pki, readOnly: true}
      volumes:
      - {name: pki, hostPath: {path: $PKI, type: Directory}}
      - {name: ca, hostPath: {path: /etc/pki, type: Directory}}
MANIFEST
fi
