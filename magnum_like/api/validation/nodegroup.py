"""Nodegroup checks (facts §4.4): node counts and their bounds, Kubernetes
node labels and taints. Each violation is a 409 NodeGroupInvalidInput,
as in Magnum."""

from magnum_like.common import exceptions

TAINT_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
_TAINT_FIELDS = {"key", "value", "effect"}
# Label prefixes only the kubelet itself may set, and the exceptions.
_RESERVED_DOMAINS = ("kubernetes.io", "k8s.io")
_KUBELET_DOMAINS = ("kubelet.kubernetes.io", "node.kubernetes.io")
_KUBELET_LABELS = frozenset((
    "beta.kubernetes.io/arch", "beta.kubernetes.io/instance-type",
    "beta.kubernetes.io/os", "failure-domain.beta.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone", "kubernetes.io/arch",
    "kubernetes.io/hostname", "kubernetes.io/os",
    "node.kubernetes.io/instance-type", "node.kubernetes.io/windows-build",
    "topology.kubernetes.io/region", "topology.kubernetes.io/zone"))


def _invalid(ng, attr, expl):
    return exceptions.NodeGroupInvalidInput(
        attr=attr, nodegroup=ng.get("name"), expl=expl)


def check_counts(ng):
    """min_node_count ≤ node_count ≤ max_node_count (when set)."""
    count = ng.get("node_count") or 0
    low = ng.get("min_node_count") or 0
    high = ng.get("max_node_count")
    if high is not None:
        if high < low:
            raise _invalid(ng, "max_node_count",
                           "min_node_count (%s) should be less or equal "
                           "to max_node_count (%s)" % (low, high))
        if count > high:
            raise _invalid(ng, "max_node_count",
                           "node_count (%s) should be less or equal to "
                           "max_node_count (%s)" % (count, high))
    if low > count:
        raise _invalid(ng, "min_node_count",
                       "min_node_count (%s) should be less or equal to "
                       "node_count (%s)" % (low, count))


def _domain_matches(domain, names):
    return any(domain == n or domain.endswith("." + n) for n in names)


def label_key_allowed(key):
    """Whether a node label may use `key`: not in the kubernetes.io or
    k8s.io namespaces, except those the kubelet lets nodes set."""
    if "/" not in key:
        return True
    domain = key.split("/", 1)[0]
    if not _domain_matches(domain, _RESERVED_DOMAINS):
        return True
    return key in _KUBELET_LABELS or _domain_matches(domain,
                                                     _KUBELET_DOMAINS)


def check_node_labels(ng):
    labels = ng.get("node_labels")
    if not labels:
        return
    if not isinstance(labels, dict):
        raise _invalid(ng, "node_labels", "node_labels must be an object")
    for key, value in labels.items():
        if not isinstance(key, str) or not key:
            raise _invalid(ng, "node_labels", "a label key is empty")
        if not isinstance(value, str):
            raise _invalid(ng, "node_labels",
                           "the value of %s is not a string" % key)
        if not label_key_allowed(key):
            raise _invalid(ng, "node_labels",
                           "%s is in a namespace reserved for the "
                           "kubelet" % key)


def check_node_taints(ng):
    taints = ng.get("node_taints")
    if not taints:
        return
    if not isinstance(taints, list):
        raise _invalid(ng, "node_taints", "node_taints must be a list")
    for taint in taints:
        if not isinstance(taint, dict):
            raise _invalid(ng, "node_taints",
                           "each taint must be an object")
        unknown = set(taint) - _TAINT_FIELDS
        if unknown:
            raise _invalid(ng, "node_taints",
                           "unknown taint field(s) %s" %
                           ", ".join(sorted(map(str, unknown))))
        key = taint.get("key")
        if not isinstance(key, str) or not key:
            raise _invalid(ng, "node_taints", "a taint needs a key")
        value = taint.get("value")
        if value is not None and not isinstance(value, str):
            raise _invalid(ng, "node_taints",
                           "the value of taint %s is not a string" % key)
        if taint.get("effect") not in TAINT_EFFECTS:
            raise _invalid(ng, "node_taints",
                           "the effect of taint %s must be one of %s" %
                           (key, ", ".join(TAINT_EFFECTS)))


def check(ng):
    """Every rule; `ng` is a dict of nodegroup API fields."""
    check_counts(ng)
    if ng.get("role") == "master" and (ng.get("node_labels") or
                                       ng.get("node_taints")):
        raise _invalid(ng, "node_labels",
                       "node labels and taints are not supported on a "
                       "master nodegroup")
    check_node_labels(ng)
    check_node_taints(ng)
