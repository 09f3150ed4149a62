"""The checks and defaults of a cluster create (facts §4.2, "Create
pipeline"), each a function of plain dicts and rows, in Magnum's order:
the template, its driver, docker storage, master count, quota, hidden
templates, the template's defaults, then the cloud (flavors, root disks,
image, keypair, networks) and the master load balancer.
"""

from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import strutils

from magnum_like.api.validation import cloud
from magnum_like.api.validation import cloud_quota
from magnum_like.api.validation import rules
from magnum_like.common import exceptions
from magnum_like.db import cluster_templates as db_templates
from magnum_like.db import clusters as db_clusters
from magnum_like.db import quotas as db_quotas
from magnum_like.drivers import operations
from magnum_like.drivers import registry

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

QUOTA_RESOURCE = "Cluster"

# Cluster fields that take the template's value when empty.
_FROM_TEMPLATE = ("docker_volume_size", "master_flavor_id", "flavor_id",
                  "fixed_network", "fixed_subnet")
_CINDER_CSI_NOTE = (
    "The in-tree Cinder volume driver is deprecated in favour of the "
    "Cinder CSI driver, which needs the label cinder_csi_enabled set to "
    "true when volume_driver is cinder.")


def find_template(context, ident, missing_is_bad_request=False):
    """The template a cluster names (integer id, uuid or name).

    Before microversion 1.10 a missing template is a 400, as in Magnum.
    """
    try:
        return db_templates.get_for_cluster(context, ident)
    except exceptions.ClusterTemplateNotFound as e:
        if missing_is_bad_request:
            raise exceptions.Invalid(str(e))
        raise


def driver_for(template):
    """The driver class serving the template: the one the template names
    when it still serves the template's triple, else the triple's."""
    drivers = registry.get_registry()
    triple = (template.server_type, template.cluster_distro, template.coe)
    if template.driver:
        return drivers.check_serves(template.driver, *triple)
    return drivers.get(drivers.name_for(*triple))


def check_docker_storage(template, cluster):
    rules.docker_storage({
        "docker_storage_driver": template.docker_storage_driver,
        "docker_volume_size": (cluster.get("docker_volume_size") or
                               template.docker_volume_size)})


def quota_limit(context):
    """How many clusters the caller's project may have."""
    return db_quotas.hard_limit(context.project_id, QUOTA_RESOURCE,
                                CONF.quotas.max_clusters_per_project)


def check_quota(context):
    """403 when the caller's project has as many clusters as it may (the
    early answer; db.clusters.create_with_nodegroups enforces the limit
    against concurrent creates)."""
    limit = quota_limit(context)
    if db_clusters.count_for_project(context.project_id) >= limit:
        raise exceptions.ResourceLimitExceeded(
            msg="You have reached the maximum clusters per project, %d. "
                "You may delete a cluster to make room for a new one." %
                limit)


def check_hidden(context, template):
    if template.hidden and not context.is_admin:
        raise exceptions.ClusterTemplateHidden(
            clustertemplate=template.name or template.uuid)


def as_strings(labels):
    """Labels are stored and shown as strings, as Magnum does."""
    return {str(k): str(v) for k, v in (labels or {}).items()}


def merged_labels(parent, given, merge):
    """The labels of a child (cluster or nodegroup): the parent's when
    none are given, the parent's updated with the given ones when
    `merge`, else the given ones."""
    if not given:
        return dict(parent or {})
    if merge:
        return dict(parent or {}, **as_strings(given))
    return as_strings(given)


def apply_template_defaults(cluster, template):
    """`cluster` (a dict of API fields) completed from the template."""
    values = dict(cluster)
    if values.get("keypair") is None:
        values["keypair"] = template.keypair_id
    values["labels"] = merged_labels(template.labels, values.get("labels"),
                                     values.get("merge_labels"))
    for flag in ("floating_ip_enabled", "master_lb_enabled"):
        if values.get(flag) is None:
            values[flag] = getattr(template, flag)
    for field in _FROM_TEMPLATE:
        if not values.get(field):
            values[field] = getattr(template, field)
    return values


def check_cloud(context, template, values):
    """The OpenStack resources the cluster will use, the cluster's own
    values first: flavors (and their root disks under the cluster's
    labels), the image, the keypair and the networks."""
    resources = {
        "flavor_id": values.get("flavor_id"),
        "master_flavor_id": values.get("master_flavor_id"),
        "keypair_id": values.get("keypair"),
        "external_network_id": template.external_network_id,
        "fixed_network": values.get("fixed_network"),
        "fixed_subnet": values.get("fixed_subnet"),
        "labels": values.get("labels"),
    }
    view = cloud.Cloud(context)
    view.image(template.image_id)
    return cloud.check_resources(view, resources)


def check_plan(driver, template, values, counts, found):
    """The driver's 400s for the cluster about to be recorded (its
    labels, what it cannot build), with the fixed network and subnet
    `found` by check_cloud: the rules the conductor applies when it
    builds, checked before the 202. `counts`: (masters, workers)."""
    planned = dict(values, project_id=None, status=None)
    master, worker = default_nodegroups(planned, template, *counts)
    driver.check_plan(operations.PlannedCluster(
        cluster_template=template, cluster=values, master=master,
        worker=worker, external_network=found.get("external_network_id"),
        fixed_network=found.get("fixed_network"),
        fixed_subnet=found.get("fixed_subnet")))


def check_cloud_quota(context, found, values, counts):
    """403 when the new cluster's servers would exceed the project's
    Nova or Neutron quota; `counts`: (masters, workers)."""
    cloud_quota.check(context, cloud_quota.cluster_demand(
        found.get("master_flavor_id"), found.get("flavor_id"),
        counts[0], counts[1], values))


def check_added_servers(context, cluster, flavor_ident, count):
    """403 when `count` more servers of `flavor_ident` in `cluster` (a
    resize or a new nodegroup) would exceed the project's quota."""
    if count <= 0 or not CONF.quotas.check_cloud_quotas:
        return
    flavor = cloud.Cloud(context).flavor(flavor_ident) if flavor_ident \
        else None
    cloud_quota.check(context, cloud_quota.Demand().add_servers(
        count, flavor, cluster.floating_ip_enabled))


def check_nodegroup_plan(template, cluster, nodegroups, new):
    """The driver's 400s for the nodegroup `new` (its labels above all)
    about to be added to `cluster`, before the 202."""
    defaults = {("master" if ng.role == "master" else "worker"): ng
                for ng in nodegroups if ng.is_default}
    driver_for(template).check_plan(operations.PlannedCluster(
        cluster_template=template, cluster=cluster,
        master=defaults.get("master"), worker=defaults.get("worker"),
        nodegroup=new))


def check_master_lb(values, master_count):
    if master_count > 1 and not values.get("master_lb_enabled"):
        raise exceptions.InvalidParameterValue(
            err="master_count must be 1 when master_lb_enabled is False")


def warn_deprecated(template, labels):
    csi = (labels or {}).get("cinder_csi_enabled", "true")
    if template.volume_driver == "cinder" and \
            not strutils.bool_from_string(csi):
        LOG.warning(_CINDER_CSI_NOTE)


def check_flavor_root_disk(context, flavor_id, labels):
    """A nodegroup's flavor exists and boots (facts §4.4)."""
    if flavor_id:
        cloud.check_resources(cloud.Cloud(context),
                              {"flavor_id": flavor_id, "labels": labels})


def min_node_count(labels):
    """The default worker's minimum from the `min_node_count` label."""
    value = (labels or {}).get("min_node_count")
    if value in (None, ""):
        return 0
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = -1
    if count < 0:
        raise exceptions.InvalidParameterValue(
            err="The min_node_count label must be a whole number, not "
                "%s." % value)
    return count


def default_nodegroups(values, template, master_count, node_count):
    """The values of the `default-master` and `default-worker` rows."""
    common = {"project_id": values["project_id"],
              "image_id": template.image_id,
              "docker_volume_size": values.get("docker_volume_size"),
              "is_default": True, "status": values["status"]}
    master = dict(common, name="default-master", role="master",
                  node_count=master_count, min_node_count=0,
                  flavor_id=values.get("master_flavor_id"),
                  labels=dict(values["labels"]))
    worker = dict(common, name="default-worker", role="worker",
                  node_count=node_count,
                  min_node_count=min_node_count(values["labels"]),
                  flavor_id=values.get("flavor_id"),
                  labels=dict(values["labels"]))
    return [master, worker]
