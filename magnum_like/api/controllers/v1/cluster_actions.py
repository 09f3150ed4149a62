"""`/v1/clusters/{ident}/actions/resize` (≥1.7) and `.../upgrade` (≥1.8;
at 1.7 always a 400), facts §4.3."""

import pecan
from pecan import rest
import wsme
from wsme import types as wtypes
import wsmeext.pecan as wsme_pecan

from magnum_like.api.controllers import types
from magnum_like.api.controllers import utils
from magnum_like.api.controllers.v1 import cluster_ops
from magnum_like.api.controllers.v1 import cluster_types as ctypes
from magnum_like.api.validation import cluster as validation
from magnum_like.common import context as ml_context
from magnum_like.common import exceptions
from magnum_like.common import statuses
from magnum_like.db import cluster_templates as db_templates
from magnum_like.db import nodegroups as db_nodegroups

RESIZE_VERSION = (1, 7)
UPGRADE_VERSION = (1, 8)
ZERO_NODES_VERSION = (1, 10)


def _ident():
    return wtypes.StringType(min_length=1, max_length=255)


class ClusterResizeRequest(wtypes.Base):
    node_count = wsme.wsattr(wtypes.IntegerType(minimum=0), mandatory=True)
    nodes_to_remove = wsme.wsattr([wtypes.text], default=[])
    nodegroup = _ident()


class ClusterUpgradeRequest(wtypes.Base):
    cluster_template = wsme.wsattr(_ident(), mandatory=True)
    max_batch_size = wsme.wsattr(wtypes.IntegerType(minimum=1), default=1)
    nodegroup = _ident()


def _nodegroup(cluster_uuid, ident):
    if ident:
        return db_nodegroups.get(cluster_uuid, ident)
    return cluster_ops.default_worker(cluster_uuid)


def _check_bounds(ng, node_count):
    too_big = ng.max_node_count is not None and \
        node_count > ng.max_node_count
    if node_count < (ng.min_node_count or 0) or too_big:
        raise exceptions.NGResizeOutBounds(
            nodegroup=ng.name, min_nc=ng.min_node_count,
            max_nc=ng.max_node_count)


class ActionsController(rest.RestController):
    _custom_actions = {"resize": ["POST"], "upgrade": ["POST"]}

    @wsme_pecan.wsexpose(ctypes.ClusterID, wtypes.text,
                         body=types.jsontype, status_code=202)
    def resize(self, cluster_ident, body=None):
        """Resize one nodegroup (default: the default worker), removing
        exactly `nodes_to_remove` when it shrinks."""
        utils.require_version(RESIZE_VERSION)
        context = pecan.request.context
        req = utils.parse_body(ClusterResizeRequest, body, "body")
        if req.node_count == 0 and \
                utils.request_version() < ZERO_NODES_VERSION:
            raise exceptions.ZeroNodeCountNotSupported()
        row = cluster_ops.get_cluster(context, cluster_ident,
                                      "cluster:resize")
        ng = _nodegroup(row.uuid, req.nodegroup)
        if ng.role == "master":
            template = db_templates.get_by_uuid(
                ml_context.get_admin_context(), row.cluster_template_id)
            validation.driver_for(template).validate_master_resize(
                req.node_count)
        else:
            _check_bounds(ng, req.node_count)
        validation.check_added_servers(
            context, row, ng.flavor_id or row.flavor_id,
            req.node_count - (ng.node_count or 0))
        nodes_to_remove = list(req.nodes_to_remove or [])
        cluster_ops.begin(
            row.uuid, "resize", statuses.RESIZE_ALLOWED,
            statuses.UPDATE_IN_PROGRESS,
            nodegroup_changes={ng.uuid: {"node_count": req.node_count}},
            params={"nodegroup_uuid": ng.uuid,
                    "node_count": req.node_count,
                    "previous_node_count": ng.node_count,
                    "nodes_to_remove": nodes_to_remove})
        cluster_ops.cast("cluster_resize", row.uuid, ng.uuid,
                         req.node_count, nodes_to_remove)
        return ctypes.ClusterID(row.uuid)

    @wsme_pecan.wsexpose(ctypes.ClusterID, wtypes.text,
                         body=types.jsontype, status_code=202)
    def upgrade(self, cluster_ident, body=None):
        """Roll the cluster (or one nodegroup) to another template: the
        operation is recorded, then a synchronous call, so that the
        conductor's refusals reach the client (and it restores the status).
        """
        utils.require_version(RESIZE_VERSION)
        if utils.request_version() < UPGRADE_VERSION:
            raise exceptions.ClusterUpgradeNotSupported()
        context = pecan.request.context
        req = utils.parse_body(ClusterUpgradeRequest, body, "body")
        row = cluster_ops.get_cluster(context, cluster_ident,
                                      "cluster:upgrade",
                                      "cluster:upgrade_all_projects")
        template = db_templates.get_for_cluster(context,
                                                req.cluster_template)
        ng = _nodegroup(row.uuid, req.nodegroup)
        if not ng.is_default and template.uuid != row.cluster_template_id:
            raise exceptions.InvalidClusterTemplateForUpgrade(
                reason="nodegroup %s can only be upgraded to the "
                       "cluster's template %s" %
                       (ng.name, row.cluster_template_id))
        cluster_ops.begin(
            row.uuid, "upgrade", statuses.UPDATE_ALLOWED,
            statuses.UPDATE_IN_PROGRESS,
            params={"cluster_template_uuid": template.uuid,
                    "max_batch_size": req.max_batch_size,
                    "nodegroup_uuid": ng.uuid})
        cluster_ops.call("cluster_upgrade", row.uuid, template.uuid,
                         req.max_batch_size, ng.uuid)
        return ctypes.ClusterID(row.uuid)

