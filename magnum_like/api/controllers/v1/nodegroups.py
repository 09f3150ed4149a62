"""`/v1/clusters/{cluster_ident}/nodegroups` (≥1.9; 406 below): list,
show, create, update and delete a cluster's nodegroups (facts §4.4).

Differences from Magnum, on purpose: the new nodegroup's row is written
(CREATE_IN_PROGRESS) before the 202 and is what the answer shows; a
nodegroup created without a name gets a generated one, so that it can be
named in later calls; a cluster in the middle of another operation is a
409.
"""

from oslo_utils import uuidutils
import pecan
from pecan import rest
import wsme
from wsme import types as wtypes
import wsmeext.pecan as wsme_pecan

from magnum_like.api.controllers import base
from magnum_like.api.controllers import collection
from magnum_like.api.controllers import link
from magnum_like.api.controllers import types
from magnum_like.api.controllers import utils
from magnum_like.api.controllers.v1 import cluster_ops
from magnum_like.api.controllers.v1 import cluster_types as ctypes
from magnum_like.api.validation import cluster as cluster_validation
from magnum_like.api.validation import nodegroup as validation
from magnum_like.common import context as ml_context
from magnum_like.common import exceptions
from magnum_like.common import names
from magnum_like.common import policy
from magnum_like.common import statuses
from magnum_like.db import cluster_templates as db_templates
from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db

NODEGROUPS_VERSION = (1, 9)

ROW_FIELDS = (
    "id", "uuid", "name", "cluster_id", "project_id", "docker_volume_size",
    "labels", "flavor_id", "image_id", "node_addresses", "node_count",
    "role", "min_node_count", "max_node_count", "is_default", "stack_id",
    "status", "status_reason", "version", "node_labels", "node_taints",
    "created_at", "updated_at")
FIELDS = ROW_FIELDS + ("merge_labels", "labels_overridden", "labels_added",
                       "labels_skipped")
SUMMARY = ("uuid", "name", "flavor_id", "node_count", "role", "is_default",
           "image_id", "status", "stack_id")
# What a PATCH may change; every other field is internal (400).
PATCHABLE = ("min_node_count", "max_node_count", "node_labels",
             "node_taints")
_LITERAL_PATHS = {"/node_labels": dict, "/node_taints": list}
_EMPTY = {"node_labels": {}, "node_taints": []}


def _text(max_length=255, min_length=1):
    return wtypes.StringType(min_length=min_length, max_length=max_length)


class NodeGroup(base.APIBase):
    """A nodegroup as the API shows and accepts it."""

    id = wsme.wsattr(wtypes.IntegerType(minimum=1), readonly=True)
    uuid = types.uuid
    name = wsme.wsattr(_text(), default=None)
    cluster_id = types.uuid
    project_id = wsme.wsattr(wtypes.text, readonly=True)
    docker_volume_size = wtypes.IntegerType(minimum=1)
    labels = ctypes.LABELS
    links = wsme.wsattr([link.Link], readonly=True)
    flavor_id = _text()
    image_id = _text()
    node_addresses = wsme.wsattr([wtypes.text], readonly=True)
    node_count = wsme.wsattr(wtypes.IntegerType(minimum=0), default=1)
    role = wsme.wsattr(_text(), default="worker")
    min_node_count = wsme.wsattr(wtypes.IntegerType(minimum=0), default=0)
    max_node_count = wsme.wsattr(wtypes.IntegerType(minimum=0),
                                 default=None)
    is_default = types.boolean
    stack_id = wsme.wsattr(wtypes.text, readonly=True)
    status = wtypes.Enum(wtypes.text, *statuses.ALL)
    status_reason = wtypes.text
    version = wtypes.text
    merge_labels = wsme.wsattr(types.boolean, default=False)
    labels_overridden = ctypes.LABELS
    labels_added = ctypes.LABELS
    labels_skipped = ctypes.LABELS
    # Checked by validation.nodegroup: a bad entry is a 409, as in Magnum.
    node_labels = types.MultiType(dict)
    node_taints = types.MultiType(list)

    def __init__(self, **kwargs):
        self.fields = list(FIELDS)
        super().__init__(**kwargs)

    @classmethod
    def convert(cls, row, cluster_labels=None, expand=True):
        ng = cls.from_row(row, ROW_FIELDS)
        ng.labels = ctypes.shown_labels(row.labels)
        ng.node_addresses = row.node_addresses or []
        ng.node_labels = row.node_labels or {}
        ng.node_taints = row.node_taints or []
        if not expand:
            ng.unset_fields_except(SUMMARY)
            return ng
        (ng.labels_overridden, ng.labels_added,
         ng.labels_skipped) = ctypes.labels_diff(cluster_labels, row.labels)
        ng.links = link.self_and_bookmark(_collection_url(row.cluster_id),
                                          row.uuid)
        return ng


def _collection_url(cluster_uuid):
    return "%s/%s/nodegroups" % (ctypes.RESOURCE, cluster_uuid)


class NodeGroupPatchType(types.JsonPatchType):
    value = types.MultiType(wtypes.text, int, float, bool, dict, list)

    @staticmethod
    def internal_attrs():
        return types.JsonPatchType.internal_attrs() + [
            "/name", "/cluster_id", "/project_id", "/docker_volume_size",
            "/labels", "/flavor_id", "/image_id", "/node_addresses",
            "/node_count", "/role", "/is_default", "/stack_id", "/status",
            "/status_reason", "/version"]


class NodeGroupCollection(collection.Collection):
    nodegroups = [NodeGroup]

    def __init__(self, **kwargs):
        self._type = "nodegroups"

    @classmethod
    def convert(cls, rows, cluster_uuid, limit, **kwargs):
        result = cls()
        result.nodegroups = [NodeGroup.convert(r, expand=False)
                             for r in rows]
        result.next = result.get_next(
            limit, url=_collection_url(cluster_uuid), **kwargs)
        return result


def _cluster(context, ident, all_projects_action=None):
    utils.require_version(NODEGROUPS_VERSION)
    if all_projects_action:
        cluster_ops.all_projects(context, all_projects_action)
    return db_clusters.get(context, ident)


class NodeGroupController(rest.RestController):
    @wsme_pecan.wsexpose(NodeGroupCollection, wtypes.text, types.uuid,
                         int, wtypes.text, wtypes.text, wtypes.text)
    def get_all(self, cluster_ident, marker=None, limit=None, sort_key="id",
                sort_dir="asc", role=None):
        """The cluster's nodegroups, summarised, optionally of one role.
        """
        context = pecan.request.context
        utils.require_version(NODEGROUPS_VERSION)
        policy.authorize(context, "nodegroup:get_all")
        cluster = _cluster(context, cluster_ident,
                           "nodegroup:get_all_all_projects")
        limit = utils.validate_limit(limit)
        sort_dir = utils.validate_sort_dir(sort_dir)
        rows = db.list(cluster.uuid, role=role, limit=limit, marker=marker,
                       sort_key=sort_key, sort_dir=sort_dir)
        return NodeGroupCollection.convert(
            rows, cluster.uuid, limit, sort_key=sort_key, sort_dir=sort_dir)

    @wsme_pecan.wsexpose(NodeGroup, wtypes.text, wtypes.text)
    def get_one(self, cluster_ident, nodegroup_ident):
        """One nodegroup by id, uuid or name."""
        context = pecan.request.context
        utils.require_version(NODEGROUPS_VERSION)
        policy.authorize(context, "nodegroup:get")
        cluster = _cluster(context, cluster_ident,
                           "nodegroup:get_one_all_projects")
        row = db.get(cluster.uuid, nodegroup_ident)
        return NodeGroup.convert(row, cluster.labels)

    @wsme_pecan.wsexpose(NodeGroup, wtypes.text, body=types.jsontype,
                         status_code=202)
    def post(self, cluster_ident, nodegroup=None):
        """Write the nodegroup (CREATE_IN_PROGRESS) and record the
        operation on its cluster in one transaction, then cast."""
        context = pecan.request.context
        utils.require_version(NODEGROUPS_VERSION)
        nodegroup = utils.parse_body(NodeGroup, nodegroup, "nodegroup")
        policy.authorize(context, "nodegroup:create")
        cluster = _cluster(context, cluster_ident)
        values = _new_nodegroup(context, cluster, nodegroup.as_dict())
        row = db_clusters.begin_nodegroup_create(
            cluster.uuid, values, statuses.RESIZE_ALLOWED,
            statuses.UPDATE_IN_PROGRESS)
        cluster_ops.cast("nodegroup_create", cluster.uuid, row.uuid)
        return NodeGroup.convert(row, cluster.labels)

    @wsme_pecan.wsexpose(NodeGroup, wtypes.text, wtypes.text,
                         body=types.jsontype, status_code=202)
    def patch(self, cluster_ident, nodegroup_ident, patch=None):
        """Change min/max_node_count, node_labels or node_taints."""
        context = pecan.request.context
        utils.require_version(NODEGROUPS_VERSION)
        patch = utils.parse_body([NodeGroupPatchType], patch, "patch")
        policy.authorize(context, "nodegroup:update")
        cluster = _cluster(context, cluster_ident)
        row = db.get(cluster.uuid, nodegroup_ident)
        old = {f: getattr(row, f) for f in PATCHABLE}
        old.update({f: old[f] or empty for f, empty in _EMPTY.items()})
        new = _patched(old, patch)
        current = {f: getattr(row, f) for f in ROW_FIELDS}
        validation.check(dict(current, **new))
        changes = {f: new[f] for f in PATCHABLE if new[f] != old[f]}
        if not changes:
            return NodeGroup.convert(row, cluster.labels)
        previous = {f: old[f] for f in changes}
        cluster_ops.begin(
            cluster.uuid, "nodegroup_update", statuses.RESIZE_ALLOWED,
            statuses.UPDATE_IN_PROGRESS,
            nodegroup_changes={row.uuid: dict(
                changes, status=statuses.UPDATE_IN_PROGRESS)},
            params={"nodegroup_uuid": row.uuid, "previous": previous})
        cluster_ops.cast("nodegroup_update", cluster.uuid, row.uuid)
        return NodeGroup.convert(db.get_by_uuid(row.uuid), cluster.labels)

    @wsme_pecan.wsexpose(None, wtypes.text, wtypes.text, status_code=204)
    def delete(self, cluster_ident, nodegroup_ident):
        """Record the delete (DELETE_IN_PROGRESS), then cast."""
        context = pecan.request.context
        utils.require_version(NODEGROUPS_VERSION)
        policy.authorize(context, "nodegroup:delete")
        cluster = _cluster(context, cluster_ident)
        row = db.get(cluster.uuid, nodegroup_ident)
        if row.is_default:
            raise exceptions.DeletingDefaultNGNotSupported()
        cluster_ops.begin(
            cluster.uuid, "nodegroup_delete", statuses.RESIZE_ALLOWED,
            statuses.UPDATE_IN_PROGRESS,
            nodegroup_changes={row.uuid: {
                "status": statuses.DELETE_IN_PROGRESS}},
            params={"nodegroup_uuid": row.uuid})
        cluster_ops.cast("nodegroup_delete", cluster.uuid, row.uuid)


def _new_nodegroup(context, cluster, body):
    """The row values of a POSTed nodegroup, after Magnum's checks in
    Magnum's order, after the driver's refusal of nodegroups."""
    template = db_templates.get_by_uuid(ml_context.get_admin_context(),
                                        cluster.cluster_template_id)
    cluster_validation.driver_for(template).check_nodegroup_create(
        template.coe)
    if not cluster.api_address:
        raise exceptions.ClusterAPIAddressUnavailable()
    body = dict(body)
    body["name"] = body.get("name") or names.generate("nodegroup")
    try:
        db.get(cluster.uuid, body["name"])
    except exceptions.NodeGroupNotFound:
        pass
    else:
        raise exceptions.NodeGroupAlreadyExists(name=body["name"],
                                                cluster_id=cluster.name)
    validation.check_counts(body)
    if body.get("role") == "master":
        raise exceptions.CreateMasterNodeGroup()
    validation.check(body)
    if not body.get("image_id"):
        body["image_id"] = template.image_id
    body["flavor_id"] = body.get("flavor_id") or cluster.flavor_id
    body["labels"] = cluster_validation.merged_labels(
        cluster.labels, body.get("labels"), body.get("merge_labels"))
    cluster_validation.check_flavor_root_disk(context, body["flavor_id"],
                                              body["labels"])
    values = {f: body.get(f) for f in (
        "name", "docker_volume_size", "labels", "flavor_id", "image_id",
        "node_count", "role", "min_node_count", "max_node_count",
        "node_labels", "node_taints")}
    values.update(uuid=uuidutils.generate_uuid(), cluster_id=cluster.uuid,
                  project_id=cluster.project_id, is_default=False,
                  status=statuses.CREATE_IN_PROGRESS, node_addresses=[])
    cluster_validation.check_nodegroup_plan(
        template, cluster, db.list(cluster.uuid), values)
    cluster_validation.check_added_servers(
        context, cluster, values["flavor_id"], values["node_count"] or 0)
    return values


def _patched(old, patch):
    """The patchable fields after `patch`, type-checked like a body."""
    return utils.patched(NodeGroup, old, patch, PATCHABLE, _LITERAL_PATHS)
