"""The WSME types of `/v1/clusters`: the cluster as shown and accepted,
its JSON patch, the collection, and the `{uuid}` answer (facts §4.2)."""

import wsme
from wsme import types as wtypes

from magnum_like.api.controllers import base
from magnum_like.api.controllers import collection
from magnum_like.api.controllers import link
from magnum_like.api.controllers import types
from magnum_like.api.controllers import utils
from magnum_like.common import statuses

RESOURCE = "clusters"
# From microversion 1.13 `cluster_id` replaces `stack_id`.
CLUSTER_ID_VERSION = (1, 13)

# Columns of the cluster row shown as they are.
ROW_FIELDS = (
    "uuid", "name", "cluster_template_id", "keypair", "docker_volume_size",
    "labels", "master_flavor_id", "flavor_id", "create_timeout",
    "discovery_url", "status", "status_reason", "health_status",
    "health_status_reason", "api_address", "coe_version",
    "container_version", "project_id", "user_id", "fixed_network",
    "fixed_subnet", "floating_ip_enabled", "master_lb_enabled",
    "created_at", "updated_at")
COMPUTED_FIELDS = ("node_count", "master_count", "node_addresses",
                   "master_addresses", "stack_id", "cluster_id", "faults",
                   "merge_labels", "labels_overridden", "labels_added",
                   "labels_skipped")
FIELDS = ROW_FIELDS + COMPUTED_FIELDS
SUMMARY = ("uuid", "name", "cluster_template_id", "keypair",
           "docker_volume_size", "labels", "node_count", "master_count",
           "status", "health_status", "master_flavor_id", "flavor_id",
           "create_timeout", "stack_id", "cluster_id", "links",
           "merge_labels")
# What a PATCH may change (facts §4.2); anything else is a 400.
PATCHABLE = ("node_count", "health_status", "health_status_reason")


def _text(max_length=255, min_length=1):
    return wtypes.StringType(min_length=min_length, max_length=max_length)


# Labels as a client may send them; they are stored as strings.
LABELS = wtypes.DictType(wtypes.text,
                         types.MultiType(wtypes.text, int, bool, float))


class Cluster(base.APIBase):
    """A cluster as the API shows and accepts it."""

    uuid = types.uuid
    name = wtypes.StringType(min_length=1, max_length=242,
                             pattern="^[a-zA-Z][a-zA-Z0-9_.-]*$")
    cluster_template_id = wsme.wsattr(wtypes.text, mandatory=True)
    keypair = wsme.wsattr(_text(), default=None)
    node_count = wsme.wsattr(wtypes.IntegerType(minimum=0), default=1)
    master_count = wsme.wsattr(wtypes.IntegerType(minimum=1), default=1)
    docker_volume_size = wtypes.IntegerType(minimum=1)
    labels = LABELS
    master_flavor_id = _text()
    flavor_id = _text()
    create_timeout = wsme.wsattr(wtypes.IntegerType(minimum=0), default=60)
    links = wsme.wsattr([link.Link], readonly=True)
    stack_id = wsme.wsattr(wtypes.text, readonly=True)
    cluster_id = wsme.wsattr(wtypes.text, readonly=True)
    status = wtypes.Enum(wtypes.text, *statuses.ALL)
    status_reason = wtypes.text
    health_status = wtypes.Enum(wtypes.text, *statuses.HEALTH_ALL)
    health_status_reason = wtypes.DictType(wtypes.text, wtypes.text)
    discovery_url = wtypes.text
    api_address = wsme.wsattr(wtypes.text, readonly=True)
    coe_version = wsme.wsattr(wtypes.text, readonly=True)
    container_version = wsme.wsattr(wtypes.text, readonly=True)
    project_id = wsme.wsattr(wtypes.text, readonly=True)
    user_id = wsme.wsattr(wtypes.text, readonly=True)
    node_addresses = wsme.wsattr([wtypes.text], readonly=True)
    master_addresses = wsme.wsattr([wtypes.text], readonly=True)
    faults = wsme.wsattr(wtypes.DictType(wtypes.text, wtypes.text))
    fixed_network = _text()
    fixed_subnet = _text()
    floating_ip_enabled = wsme.wsattr(types.boolean)
    master_lb_enabled = wsme.wsattr(types.boolean)
    merge_labels = wsme.wsattr(types.boolean, default=False)
    labels_overridden = LABELS
    labels_added = LABELS
    labels_skipped = LABELS

    def __init__(self, **kwargs):
        self.fields = list(FIELDS)
        super().__init__(**kwargs)

    @classmethod
    def convert(cls, row, nodegroups, template_labels=None, expand=True,
                faults=False):
        """The API view of a cluster row and its nodegroup rows.

        node_count and master_count are the sizes of the worker and
        master nodegroups; `template_labels` give the labels diff of the
        full view; `faults` adds the failed nodegroups' reasons.
        """
        cluster = cls.from_row(row, ROW_FIELDS)
        cluster.labels = shown_labels(row.labels)
        cluster.show("health_status_reason", row.health_status_reason or {})
        masters = [ng for ng in nodegroups if ng.role == "master"]
        workers = [ng for ng in nodegroups if ng.role != "master"]
        cluster.show("node_count",
                     sum(ng.node_count or 0 for ng in workers))
        cluster.show("master_count",
                     sum(ng.node_count or 0 for ng in masters))
        cluster.node_addresses = _addresses(workers)
        cluster.master_addresses = _addresses(masters)
        if utils.request_version() >= CLUSTER_ID_VERSION:
            cluster.cluster_id = row.stack_id
        else:
            cluster.stack_id = row.stack_id
        if not expand:
            cluster.unset_fields_except(SUMMARY)
        else:
            (cluster.labels_overridden, cluster.labels_added,
             cluster.labels_skipped) = labels_diff(template_labels,
                                                   row.labels)
        if faults and row.status in statuses.FAILED:
            cluster.faults = {
                ng.name: ng.status_reason or "" for ng in nodegroups
                if (ng.status or "").endswith("FAILED")}
        cluster.links = link.self_and_bookmark(RESOURCE, row.uuid)
        return cluster


def _addresses(nodegroups):
    found = []
    for ng in nodegroups:
        found.extend(ng.node_addresses or [])
    return found


# Labels whose values are secrets: stored and given to the driver as
# they are, shown masked (Magnum showed them).
SECRET_LABELS = frozenset({"grafana_admin_passwd"})
HIDDEN_VALUE = "******"


def shown_labels(labels):
    """`labels` as the API shows them: secret values masked."""
    return {k: HIDDEN_VALUE if k in SECRET_LABELS else v
            for k, v in (labels or {}).items()}


def labels_diff(parent, labels):
    """(overridden, added, skipped) of `labels` against `parent`, as
    shown: overridden holds the parent's values of keys whose values
    differ (compared unmasked)."""
    parent = parent or {}
    labels = labels or {}
    overridden = {k: v for k, v in parent.items()
                  if k in labels and labels[k] != v}
    added = {k: v for k, v in labels.items() if k not in parent}
    skipped = {k: v for k, v in parent.items() if k not in labels}
    return shown_labels(overridden), shown_labels(added), \
        shown_labels(skipped)


class ClusterID(wtypes.Base):
    uuid = types.uuid

    def __init__(self, uuid=None):
        self.uuid = uuid


class ClusterPatchType(types.JsonPatchType):
    # `/health_status_reason` takes an object or the Python-literal
    # string the client sends.
    value = types.MultiType(wtypes.text, int, float, bool, dict, list)

    @staticmethod
    def mandatory_attrs():
        return ["/cluster_template_id"]

    @staticmethod
    def internal_attrs():
        return types.JsonPatchType.internal_attrs() + [
            "/api_address", "/node_addresses", "/master_addresses",
            "/stack_id", "/cluster_id", "/ca_cert_ref", "/magnum_cert_ref",
            "/etcd_ca_cert_ref", "/front_proxy_ca_cert_ref", "/trust_id",
            "/trustee_user_name", "/trustee_password", "/trustee_user_id"]


class ClusterCollection(collection.Collection):
    clusters = [Cluster]

    def __init__(self, **kwargs):
        self._type = RESOURCE

    @classmethod
    def convert(cls, clusters, limit, url=None, **kwargs):
        result = cls()
        result.clusters = clusters
        result.next = result.get_next(limit, url=url, **kwargs)
        return result
