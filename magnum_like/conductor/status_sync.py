"""The periodic status sync: Heat stack states -> nodegroups -> clusters.

Per cycle, whatever the number of clusters: one DB query for the
in-progress clusters, one for their nodegroups, and the Heat list calls
of drivers/heat/stack_listing: one per [cluster_heat]
stack_list_page_size stacks (at most 80) across projects where Heat's
policy allows stacks:global_index, else one per project with clusters
in progress, through a cluster's trust. Only transitions cost more: a
stack read with its outputs when it reaches a *_COMPLETE/CREATE_FAILED
state, one template query for the clusters that have such reads, one
write per changed cluster.

Clusters with a pending operation or held by a live conductor are left
to their operation; writes are compare-and-set (locking.apply_if_idle),
so a cycle never overwrites an operation that started meanwhile.
"""

import collections
import types

from oslo_config import cfg
from oslo_log import log as logging

from magnum_like.common import clients
from magnum_like.common import context as ml_context
from magnum_like.common import statuses
from magnum_like.conductor import certificates
from magnum_like.conductor import cloud
from magnum_like.conductor import cluster_delete
from magnum_like.conductor import jobs
from magnum_like.conductor import locking
from magnum_like.conductor import notifications
from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db_nodegroups
from magnum_like.drivers.heat import heat_client
from magnum_like.drivers.heat import stack_listing
from magnum_like.drivers.heat import status as heat_status

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

Stats = collections.namedtuple("Stats", "clusters stacks changed")


def service_stacks():
    """HeatStacks acting as the service user ([keystone_auth])."""
    return heat_client.HeatStacks(
        clients.heat(ml_context.get_admin_context()),
        CONF.cluster_heat.stack_list_page_size)


def _action(status):
    return (status or "").split("_")[0].lower()


class _Cycle:
    def __init__(self, host, heat):
        self.host = host
        self.heat = heat
        self.context = ml_context.get_admin_context()
        self.templates = None
        self.full_stacks = {}
        self.changed = 0

    def template(self, cluster, pending_clusters):
        if self.templates is None:
            self.templates = db_clusters.templates_by_uuid(
                c.cluster_template_id for c in pending_clusters)
        return self.templates.get(cluster.cluster_template_id)

    def ng_update(self, cluster, ng, stack, deferred):
        """(values for the nodegroup, needs outputs) or None."""
        if stack is None:
            update = heat_status.stack_missing(ng.status, ng.stack_id)
        elif ng.status == statuses.DELETE_IN_PROGRESS and \
                not stack.stack_status.startswith("DELETE"):
            # The cluster stack's delete waits for nodegroup stacks.
            deferred.append(ng)
            return None
        elif stack.stack_status == ng.status:
            return None
        else:
            update = heat_status.poll(stack.stack_status,
                                      stack.stack_status_reason, ng.status)
        if update is None or update.status == ng.status:
            return None
        return ({"status": update.status,
                 "status_reason": update.reason}, update.sync_outputs)

    def outputs(self, cluster, ng, stack, template, cluster_values,
                ng_values):
        full = self.full_stacks.get(stack.id)
        if full is None:
            # The default nodegroups share the cluster stack: read once.
            full = self.full_stacks[stack.id] = self.heat.get(
                stack.id, resolve_outputs=True)
        ops = jobs.operations_for(template)
        c_fields, ng_fields = ops.sync_fields(
            full, cluster, template, ng,
            is_cluster_stack=ng.stack_id == cluster.stack_id)
        cluster_values.update(c_fields)
        ng_values.update(ng_fields)

    def cluster(self, cluster, nodegroups, stacks, all_clusters):
        updates, deferred, cluster_values = {}, [], {}
        for ng in nodegroups:
            if not ng.stack_id:
                continue
            stack = stacks.get(ng.stack_id)
            found = self.ng_update(cluster, ng, stack, deferred)
            if found is None:
                continue
            values, needs_outputs = found
            if needs_outputs:
                self.outputs(cluster, ng, stack,
                             self.template(cluster, all_clusters),
                             cluster_values, values)
            updates[ng.uuid] = values
        if not updates:
            if deferred:
                self.continue_delete(cluster, nodegroups)
            return
        self.apply(cluster, nodegroups, updates, cluster_values)

    def apply(self, cluster, nodegroups, updates, cluster_values):
        after = [types.SimpleNamespace(**dict(ng.as_dict(),
                                              **updates.get(ng.uuid, {})))
                 for ng in nodegroups]
        gone = heat_status.nodegroups_to_destroy(after)
        remaining = [ng for ng in after if ng not in gone]
        status, reason = heat_status.aggregate(remaining, cluster.status)
        cluster_values.update(status=status, status_reason=reason)
        if heat_status.cluster_deleted(remaining):
            return self.finish_delete(cluster, after)
        if not locking.apply_if_idle(cluster, cluster_values, updates):
            LOG.debug("Cluster %s changed during the sync; next cycle",
                      cluster.uuid)
            return None
        for ng in gone:
            db_nodegroups.destroy(ng.uuid)
        self.changed += 1
        if status != cluster.status:
            LOG.info("Cluster %s: %s -> %s", cluster.uuid, cluster.status,
                     status)
            self.notify(cluster, status, cluster_values, after)
            certificates.finish_rotation(db_clusters.get_by_uuid(
                cluster.uuid))
        if status == statuses.DELETE_IN_PROGRESS and gone and all(
                ng.is_default for ng in remaining):
            self.continue_delete(db_clusters.get_by_uuid(cluster.uuid),
                                 remaining)
        return None

    def notify(self, cluster, status, values, nodegroups):
        if not status.endswith(("_COMPLETE", "_FAILED")):
            return
        outcome = notifications.FAILURE if status.endswith("_FAILED") \
            else notifications.SUCCESS
        view = types.SimpleNamespace(**dict(cluster.as_dict(), **values))
        notifications.notify(self.context, _action(status), outcome, view,
                             nodegroups)

    def finish_delete(self, cluster, nodegroups):
        try:
            with locking.cluster_lock(cluster.uuid, self.host,
                                      "delete") as task:
                cluster_delete.finish(self.context, task, nodegroups)
                self.changed += 1
        except Exception:
            LOG.exception("Cleanup of deleted cluster %s failed; next "
                          "cycle retries", cluster.uuid)

    def continue_delete(self, cluster, nodegroups):
        """The nodegroup stacks are gone: delete the cluster stack."""
        if any(not ng.is_default for ng in nodegroups):
            return
        try:
            with locking.cluster_lock(cluster.uuid, self.host,
                                      "delete") as task:
                job = jobs.build(self.context, task.cluster)
                ops = jobs.operations_for(job.cluster_template)
                changes = ops.delete_cluster(job)
                if changes.gone:
                    cluster_delete.finish(self.context, task)
                else:
                    task.save(changes.cluster, changes.nodegroups)
        except Exception:
            LOG.exception("Deleting the stack of cluster %s failed; next "
                          "cycle retries", cluster.uuid)


def trust_stacks(cluster):
    """HeatStacks acting in the cluster's project through its trust."""
    return cloud.ClusterClients(ml_context.get_admin_context(),
                                cluster).heat()


def sync(host, heat=None):
    """One cycle. Returns Stats(clusters, stacks, changed)."""
    candidates = [c for c in db_clusters.list_in_progress()
                  if not db_clusters.is_pending(c)]
    if not candidates:
        return Stats(0, 0, 0)
    by_cluster = db_nodegroups.list_for_clusters(c.uuid for c in candidates)
    stack_ids = {ng.stack_id for ngs in by_cluster.values() for ng in ngs
                 if ng.stack_id}
    heat = heat or service_stacks()
    stacks, unknown = stack_listing.lister().list(
        heat, stack_listing.wanted_by_project(candidates, {
            uuid: {ng.stack_id for ng in ngs}
            for uuid, ngs in by_cluster.items()}), trust_stacks)
    cycle = _Cycle(host, heat)
    for cluster in candidates:
        if any(ng.stack_id in unknown
               for ng in by_cluster.get(cluster.uuid, [])):
            continue    # its project could not be listed this cycle
        try:
            cycle.cluster(cluster, by_cluster.get(cluster.uuid, []), stacks,
                          candidates)
        except Exception:
            LOG.exception("Status sync of cluster %s failed", cluster.uuid)
    return Stats(len(candidates), len(stack_ids), cycle.changed)
