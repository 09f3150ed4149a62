"""`/v1/clusters`: create, list, show, update (PATCH) and delete clusters
(facts §4.2); the actions and nodegroups live in their own modules.

Differences from Magnum, on purpose: the cluster row and its default
nodegroups are written (CREATE_IN_PROGRESS) before the 202, so a GET
right after it finds the cluster; an operation on a cluster that is in
the middle of another one is refused with a 409 naming that operation,
and a status that forbids it with a 400, instead of a silent failure in
the conductor's log.
"""

from oslo_utils import uuidutils
import pecan
from pecan import rest
import wsme
from wsme import types as wtypes
import wsmeext.pecan as wsme_pecan

from magnum_like.api.controllers import types
from magnum_like.api.controllers import utils
from magnum_like.api.controllers.v1 import cluster_actions
from magnum_like.api.controllers.v1 import cluster_ops
from magnum_like.api.controllers.v1 import cluster_types as ctypes
from magnum_like.api.controllers.v1 import nodegroups
from magnum_like.api.validation import cluster as validation
from magnum_like.common import exceptions
from magnum_like.common import names
from magnum_like.common import policy
from magnum_like.common import resume_token as resume
from magnum_like.common import statuses
from magnum_like.db import cluster_templates as db_templates
from magnum_like.db import clusters as db
from magnum_like.db import nodegroups as db_nodegroups

ZERO_NODES_VERSION = (1, 10)
ROLLBACK_VERSION = (1, 3)

# Fields of a POST body the cluster row takes.
_CREATE_FIELDS = (
    "name", "keypair", "docker_volume_size", "labels", "master_flavor_id",
    "flavor_id", "create_timeout", "discovery_url", "fixed_network",
    "fixed_subnet", "floating_ip_enabled", "master_lb_enabled",
    "merge_labels")
# The document a PATCH applies to: every field a client may name.
_PATCH_DOC = (
    "name", "cluster_template_id", "keypair", "docker_volume_size",
    "labels", "master_flavor_id", "flavor_id", "create_timeout",
    "discovery_url", "status", "status_reason", "health_status",
    "health_status_reason", "coe_version", "container_version",
    "fixed_network", "fixed_subnet", "floating_ip_enabled",
    "master_lb_enabled", "node_count", "master_count")
_LITERAL_PATHS = {"/labels": dict, "/health_status_reason": dict}


def _views(context, rows, expand):
    """The API views of cluster rows, with one nodegroup query and one
    template query for the whole page."""
    ngs = db_nodegroups.list_for_clusters([r.uuid for r in rows])
    labels = {}
    if expand:
        labels = db_templates.labels_by_uuid(
            [r.cluster_template_id for r in rows])
    return [ctypes.Cluster.convert(r, ngs.get(r.uuid, []),
                                   labels.get(r.cluster_template_id),
                                   expand=expand) for r in rows]


class ClustersController(rest.RestController):
    _custom_actions = {"detail": ["GET"]}

    actions = cluster_actions.ActionsController()
    nodegroups = nodegroups.NodeGroupController()

    @pecan.expose()
    def _route(self, args, request=None):
        # /clusters/<ident>/detail is no resource (404), not detail()
        # with <ident> taken for its marker (400).
        if len(args) == 2 and args[1] == "detail":
            pecan.abort(404)
        return super()._route(args, request)

    def _collection(self, marker, limit, sort_key, sort_dir, expand,
                    url=None):
        context = pecan.request.context
        limit = utils.validate_limit(limit)
        sort_dir = utils.validate_sort_dir(sort_dir)
        rows = db.list(context, limit=limit, marker=marker,
                       sort_key=sort_key, sort_dir=sort_dir)
        return ctypes.ClusterCollection.convert(
            _views(context, rows, expand), limit, url=url,
            sort_key=sort_key, sort_dir=sort_dir)

    @wsme_pecan.wsexpose(ctypes.ClusterCollection, types.uuid, int,
                         wtypes.text, wtypes.text)
    def get_all(self, marker=None, limit=None, sort_key="id",
                sort_dir="asc"):
        """The caller's clusters (every project's for admins), summarised.
        """
        context = pecan.request.context
        policy.authorize(context, "cluster:get_all")
        cluster_ops.all_projects(context, "cluster:get_all_all_projects")
        return self._collection(marker, limit, sort_key, sort_dir, False)

    @wsme_pecan.wsexpose(ctypes.ClusterCollection, types.uuid, int,
                         wtypes.text, wtypes.text)
    def detail(self, marker=None, limit=None, sort_key="id",
               sort_dir="asc"):
        """The same clusters, in full."""
        context = pecan.request.context
        policy.authorize(context, "cluster:detail")
        cluster_ops.all_projects(context, "cluster:detail_all_projects")
        return self._collection(marker, limit, sort_key, sort_dir, True,
                                url=ctypes.RESOURCE + "/detail")

    @wsme_pecan.wsexpose(ctypes.Cluster, wtypes.text)
    def get_one(self, ident):
        """One cluster by uuid or name, with `faults` when it failed."""
        context = pecan.request.context
        row = cluster_ops.get_cluster(context, ident, "cluster:get",
                                      "cluster:get_one_all_projects")
        labels = db_templates.labels_by_uuid([row.cluster_template_id])
        return ctypes.Cluster.convert(
            row, db_nodegroups.list(row.uuid),
            labels.get(row.cluster_template_id), faults=True)

    @wsme_pecan.wsexpose(ctypes.ClusterID, body=types.jsontype,
                         status_code=202)
    def post(self, cluster=None):
        """Validate, write the cluster and its default nodegroups in
        CREATE_IN_PROGRESS, then cast; 202 with the uuid."""
        context = pecan.request.context
        cluster = utils.parse_body(ctypes.Cluster, cluster, "cluster")
        body = cluster.as_dict()
        old = utils.request_version() < ZERO_NODES_VERSION
        template = validation.find_template(
            context, body["cluster_template_id"],
            missing_is_bad_request=old)
        driver = validation.driver_for(template)
        validation.check_docker_storage(template, body)
        driver.validate_master_size(body["master_count"])
        if old and body["node_count"] == 0:
            raise exceptions.ZeroNodeCountNotSupported()
        policy.authorize(context, "cluster:create")
        validation.check_quota(context)
        validation.check_hidden(context, template)
        values = validation.apply_template_defaults(
            {k: v for k, v in body.items() if k in _CREATE_FIELDS},
            template)
        found = validation.check_cloud(context, template, values)
        validation.check_master_lb(values, body["master_count"])
        counts = (body["master_count"], body["node_count"])
        validation.check_plan(driver, template, values, counts, found)
        validation.check_cloud_quota(context, found, values, counts)
        validation.warn_deprecated(template, values["labels"])
        row = _create(context, template, values, body)
        cluster_ops.cast("cluster_create", row.uuid)
        return ctypes.ClusterID(row.uuid)

    @wsme_pecan.wsexpose(ctypes.ClusterID, wtypes.text, types.boolean,
                         body=types.jsontype, status_code=202)
    def patch(self, ident, rollback=None, patch=None):
        """Resize the default worker nodegroup (`/node_count`) or set the
        health fields; nothing else may change."""
        context = pecan.request.context
        if rollback is not None and \
                utils.request_version() < ROLLBACK_VERSION:
            raise wsme.exc.UnknownArgument("rollback")
        patch = utils.parse_body([ctypes.ClusterPatchType], patch, "patch")
        row = cluster_ops.get_cluster(context, ident, "cluster:update",
                                      "cluster:update_all_projects")
        policy.authorize(context, "cluster:update_health_status")
        ngs = db_nodegroups.list(row.uuid)
        old = _patch_doc(row, ngs)
        new = _patched(old, patch)
        changed = {f for f in _PATCH_DOC if new[f] != old[f]}
        refused = changed - set(ctypes.PATCHABLE)
        if refused:
            raise exceptions.InvalidParameterValue(
                err="cannot change cluster property(ies) %s." %
                    ", ".join(sorted(refused)))
        worker = cluster_ops.default_worker(row.uuid, ngs)
        node_count = worker.node_count
        if any(op.path == "/node_count" for op in patch):
            node_count = new["node_count"]
        if node_count == 0 and \
                utils.request_version() < ZERO_NODES_VERSION:
            raise exceptions.ZeroNodeCountNotSupported()
        validation.check_flavor_root_disk(context, row.flavor_id,
                                          row.labels)
        health = {f: new[f] for f in ("health_status",
                                      "health_status_reason")
                  if f in changed}
        if node_count == worker.node_count:
            if health:
                db.update(row.uuid, health)
            return ctypes.ClusterID(row.uuid)
        cluster_ops.begin(
            row.uuid, "update", statuses.UPDATE_ALLOWED,
            statuses.UPDATE_IN_PROGRESS, cluster_changes=health,
            nodegroup_changes={worker.uuid: {"node_count": node_count}},
            params={"nodegroup_uuid": worker.uuid,
                    "node_count": node_count,
                    "previous_node_count": worker.node_count,
                    "rollback": bool(rollback)})
        cluster_ops.cast("cluster_update", row.uuid,
                         rollback=bool(rollback))
        return ctypes.ClusterID(row.uuid)

    @wsme_pecan.wsexpose(None, wtypes.text, status_code=204)
    def delete(self, ident):
        """Record the delete (DELETE_IN_PROGRESS), then cast."""
        context = pecan.request.context
        row = cluster_ops.get_cluster(context, ident, "cluster:delete",
                                      "cluster:delete_all_projects")
        cluster_ops.begin(row.uuid, "delete", statuses.DELETE_ALLOWED,
                          statuses.DELETE_IN_PROGRESS)
        cluster_ops.cast("cluster_delete", row.uuid)


def _create(context, template, values, body):
    """Insert the cluster and its default nodegroups in one
    transaction, with the create operation recorded."""
    values = dict(values)
    values.pop("merge_labels", None)
    values.update(
        uuid=uuidutils.generate_uuid(),
        name=values.get("name") or names.generate("cluster"),
        cluster_template_id=template.uuid,
        project_id=context.project_id, user_id=context.user_id,
        status=statuses.CREATE_IN_PROGRESS, status_reason=None,
        coe_version=None, container_version=None)
    params = {"master_count": body["master_count"],
              "node_count": body["node_count"],
              "create_timeout": values.get("create_timeout")}
    values["pending_operation"] = db.pending("create", params)
    token = resume.sealed_token(context)
    if token:
        values["pending_operation"][resume.SEALED_FIELD] = token
    ngs = validation.default_nodegroups(
        values, template, body["master_count"], body["node_count"])
    return db.create_with_nodegroups(
        values, ngs, quota_limit=validation.quota_limit(context))


def _patch_doc(row, ngs):
    view = ctypes.Cluster.convert(row, ngs)
    return {f: getattr(view, f) for f in _PATCH_DOC}


def _patched(old, patch):
    """The cluster document after `patch`, type-checked like a body."""
    new = utils.patched(ctypes.Cluster, old, patch, _PATCH_DOC,
                        _LITERAL_PATHS)
    if new["labels"] is not None:
        new["labels"] = validation.as_strings(new["labels"])
    return new
