"""The periodic health monitor: every cluster in a stable state (the
*_COMPLETE states an update may start from) is polled through its own
API (probes.py) in the monitor's own thread pool, each within
[cluster_health] timeout; a cycle never overlaps the previous one and
shares nothing with the status sync but the database.

Per cycle: one query for the clusters, one for their templates, then per
cluster the probe's requests (2 for Kubernetes and Swarm, 1 for Mesos)
and a write only when the health changed, as a compare-and-set that
leaves a cluster alone once an operation started on it. Each change is
a CADF notification `magnum.cluster.health`. Clusters with the labels
auto_healing_enabled=true and auto_healing_controller=
magnum-auto-healer heal themselves and are not polled (as in Magnum);
with the controller magnum-like-conductor, repair.py replaces nodes.
"""

import collections
import threading
import time
import types

import futurist
from futurist import waiters
from oslo_config import cfg
from oslo_log import log as logging
from oslo_utils import strutils

from magnum_like.common import context as ml_context
from magnum_like.common import rpc
from magnum_like.common import statuses
from magnum_like.conductor import notifications
from magnum_like.conductor.health import credentials
from magnum_like.conductor.health import probes
from magnum_like.conductor.health import repair
from magnum_like.db import clusters as db_clusters

CONF = cfg.CONF
LOG = logging.getLogger(__name__)

Stats = collections.namedtuple("Stats", "clusters polled changed repaired")
EXTERNAL_HEALER = "magnum-auto-healer"
EVENT_TYPE = "magnum.cluster.health"


def labels_of(cluster, template):
    merged = dict(getattr(template, "labels", None) or {})
    merged.update(cluster.labels or {})
    return merged


def accessible(cluster, labels):
    """Magnum's rule: a floating IP on the API (with a master LB, the
    label master_lb_floating_ip_enabled decides, defaulting to
    floating_ip_enabled)."""
    fip = bool(cluster.floating_ip_enabled)
    if cluster.master_lb_enabled and \
            "master_lb_floating_ip_enabled" in labels:
        return strutils.bool_from_string(
            labels["master_lb_floating_ip_enabled"])
    return fip


class Monitor:
    def __init__(self, host):
        self.host = host
        self.credentials = credentials.CredentialCache()
        self._pool = futurist.ThreadPoolExecutor(
            max_workers=CONF.cluster_health.workers)
        self._cycle_lock = threading.Lock()
        self.context = ml_context.get_admin_context()

    def stop(self):
        self._pool.shutdown(wait=False)

    # -- one cycle -------------------------------------------------------
    def run_once(self):
        """Poll every stable cluster once; Stats, or None when the
        previous cycle is still running."""
        if not self._cycle_lock.acquire(blocking=False):
            LOG.warning("The previous health cycle is still running")
            return None
        try:
            return self._cycle()
        finally:
            self._cycle_lock.release()

    def _cycle(self):
        clusters = [c for c in db_clusters.list_with_status(
            statuses.UPDATE_ALLOWED) if not db_clusters.is_pending(c)]
        templates = db_clusters.templates_by_uuid(
            c.cluster_template_id for c in clusters)
        futures = [self._pool.submit(self._one, c, templates.get(
            c.cluster_template_id)) for c in clusters]
        waiters.wait_for_all(futures)
        outcomes = [f.result() for f in futures if f.exception() is None]
        for f in futures:
            if f.exception() is not None:
                LOG.error("Health poll failed: %s", f.exception())
        self.credentials.forget({c.uuid for c in clusters})
        return Stats(len(clusters), sum(1 for o in outcomes if o[0]),
                     sum(1 for o in outcomes if o[1]),
                     sum(1 for o in outcomes if o[2]))

    def _one(self, cluster, template):
        """(polled, changed, repaired) for one cluster."""
        health = self.evaluate(cluster, template)
        if health is None:
            return False, False, False
        changed = self.record(cluster, health)
        repaired = False
        if health.status == statuses.UNHEALTHY:
            repaired = repair.consider(self.context, cluster,
                                       labels_of(cluster, template), health)
        return True, changed, repaired

    # -- evaluating ------------------------------------------------------
    def evaluate(self, cluster, template):
        """The cluster's Health, or None when it is not polled."""
        if template is None:
            return None
        labels = labels_of(cluster, template)
        if strutils.bool_from_string(labels.get("auto_healing_enabled")) \
                and labels.get("auto_healing_controller") == \
                EXTERNAL_HEALER:
            return None
        probe = probes.probe_for(template.coe)
        if probe is None:
            return None
        name = cluster.name or cluster.uuid
        if not cluster.api_address:
            return probes.unknown("The cluster %s has no API address." %
                                  name)
        if not accessible(cluster, labels) and \
                not CONF.cluster_health.private_api_reachable:
            return probes.unknown("The cluster %s is not accessible." %
                                  name)
        return self._probe(probe, cluster, template, name)

    def _probe(self, probe, cluster, template, name):
        files = None
        if template.coe != "mesos":
            if template.tls_disabled:
                return probes.unknown(
                    "The API of cluster %s is not served over TLS; it "
                    "is not polled." % name)
            files = self.credentials.files(cluster)
            if files is None:
                return probes.unknown("The cluster %s has no "
                                      "certificates." % name)
        target = probes.Target(
            cluster, cluster.api_address, files,
            CONF.cluster_health.api_proxy,
            time.monotonic() + CONF.cluster_health.timeout)
        try:
            return probe(target)
        except probes.Unreachable as e:
            return probes.unknown("The API of cluster %s at %s is "
                                  "unreachable: %s" % (
                                      name, cluster.api_address, e))
        except Exception:
            LOG.exception("Health poll of cluster %s failed", cluster.uuid)
            return probes.unknown("The health poll of cluster %s failed; "
                                  "the conductor's log has the details."
                                  % name)

    # -- recording -------------------------------------------------------
    def record(self, cluster, health):
        """Save a changed health (only while the cluster is still idle
        in the status it was read in) and announce it."""
        if health.status == cluster.health_status and \
                health.reason == (cluster.health_status_reason or {}):
            return False
        written = db_clusters.update_if(
            cluster.uuid, {"health_status": health.status,
                           "health_status_reason": health.reason},
            status=cluster.status, unlocked=True, idle=True)
        if not written:
            return False
        if health.status != cluster.health_status:
            LOG.info("Cluster %s health: %s -> %s (%s)", cluster.uuid,
                     cluster.health_status, health.status, health.reason)
        self.notify(cluster, health)
        return True

    def notify(self, cluster, health):
        try:
            view = types.SimpleNamespace(**dict(
                cluster.as_dict(), health_status=health.status))
            payload = notifications.event(
                self.context, "update", notifications.SUCCESS, view)
            content = payload["target"]["attachments"][0]["content"]
            content.update(health_status_reason=health.reason,
                           previous_health_status=cluster.health_status)
            notifier = rpc.get_notifier()
            send = notifier.info if health.status == statuses.HEALTHY \
                else notifier.warn
            send(self.context, EVENT_TYPE, payload)
        except Exception:
            LOG.exception("Could not send the health notification of "
                          "cluster %s", cluster.uuid)
