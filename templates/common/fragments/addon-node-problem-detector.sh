# addon-node-problem-detector.sh: with npd_enabled, the node problem
# detector of NODE_PROBLEM_DETECTOR_TAG on every node, masters included:
# it reports kernel and runtime problems as node conditions and events
# (which draino, with auto healing, acts on).
# Inputs: NPD_ENABLED, NODE_PROBLEM_DETECTOR_TAG.
if is_true "${NPD_ENABLED:-true}"; then
    helm_install node-problem-detector kube-system \
        https://charts.deliveryhero.io/ node-problem-detector \
        --set "image.tag=$NODE_PROBLEM_DETECTOR_TAG" \
        --set 'tolerations[0].operator=Exists'
fi
