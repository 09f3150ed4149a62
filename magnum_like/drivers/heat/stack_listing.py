"""How the status sync reads the states of the stacks it follows.

Fast mode: one list across projects (``global_tenant``) with the service
credentials. Heat's default policy denies that call
(``stacks:global_index`` is ``rule:deny_everybody``, admins included);
on a 403 the lister falls back by itself to the cheapest call Heat
allows: one list per project that has clusters in progress, made through
the trust of one of that project's clusters (its trustee acts in the
project). The mode is logged once, when it is chosen; the global list is
tried again every PROBE_INTERVAL seconds so that a policy granted later
is used without a restart.

Every call asks for at most heat_client.MAX_IDS_PER_LIST stack ids, so
no list URL reaches 4 KB.
"""

import threading
import time

from oslo_log import log as logging

from magnum_like.common import exceptions

LOG = logging.getLogger(__name__)

GLOBAL = "global"
PER_PROJECT = "per-project"
PROBE_INTERVAL = 3600


class Wanted:
    """The stacks of one project's in-progress clusters."""

    def __init__(self):
        self.stack_ids = set()
        self.clusters = []


def wanted_by_project(clusters, stack_ids_by_cluster):
    """{project id: Wanted} of `clusters`, whose stacks are
    `stack_ids_by_cluster` ({cluster uuid: stack ids})."""
    out = {}
    for cluster in clusters:
        ids = {i for i in stack_ids_by_cluster.get(cluster.uuid, ()) if i}
        if not ids:
            continue
        entry = out.setdefault(cluster.project_id, Wanted())
        entry.stack_ids |= ids
        entry.clusters.append(cluster)
    return out


class StackLister:
    """Chooses and remembers the listing mode (one per process)."""

    def __init__(self, clock=time.monotonic):
        self.mode = None
        self._clock = clock
        self._denied_at = None
        self._trusted = {}      # (cluster uuid, trust id) -> HeatStacks
        self._lock = threading.Lock()

    def list(self, service_stacks, wanted, trust_stacks):
        """({stack id: stack}, ids that could not be asked this cycle).

        `service_stacks`: HeatStacks with the service credentials;
        `wanted`: {project id: Wanted}; `trust_stacks(cluster)`: a
        HeatStacks acting through the cluster's trust. An id in neither
        result is unknown to Heat (a 404)."""
        with self._lock:
            if self._try_global():
                all_ids = set().union(*(w.stack_ids
                                        for w in wanted.values()))
                try:
                    found = service_stacks.list_by_ids(all_ids,
                                                       all_projects=True)
                except exceptions.StackListForbidden as e:
                    self._denied_at = self._clock()
                    self._choose(PER_PROJECT, e)
                else:
                    self._choose(GLOBAL)
                    return found, set()
            return self._per_project(wanted, trust_stacks)

    def _try_global(self):
        return self.mode != PER_PROJECT or \
            self._clock() - self._denied_at >= PROBE_INTERVAL

    def _choose(self, mode, reason=None):
        if mode == self.mode:
            return
        self.mode = mode
        if mode == GLOBAL:
            LOG.info("Status sync mode: %s (one Heat stack list across "
                     "projects per cycle; stacks:global_index is "
                     "allowed)", mode)
            return
        LOG.warning("Status sync mode: %s. Heat refuses stacks:"
                    "global_index (%s), as its default policy does; the "
                    "sync lists the stacks of each project with clusters "
                    "in progress through one of its clusters' trusts. "
                    "Grant stacks:global_index to the service user in "
                    "Heat's policy for one list per cycle.", mode, reason)

    def _per_project(self, wanted, trust_stacks):
        found, unknown = {}, set()
        in_use = set()
        for project_id in sorted(wanted):
            entry = wanted[project_id]
            stacks = self._one_project(project_id, entry, trust_stacks,
                                       in_use)
            if stacks is None:
                unknown |= entry.stack_ids
            else:
                found.update(stacks)
        for key in set(self._trusted) - in_use:
            del self._trusted[key]
        return found, unknown

    def _one_project(self, project_id, entry, trust_stacks, in_use):
        for cluster in entry.clusters:
            if not (cluster.trust_id and cluster.trustee_user_id):
                continue
            key = (cluster.uuid, cluster.trust_id)
            try:
                if key not in self._trusted:
                    self._trusted[key] = trust_stacks(cluster)
                stacks = self._trusted[key].list_by_ids(entry.stack_ids)
            except (exceptions.NotAuthorized, exceptions.Invalid,
                    exceptions.ServiceUnavailable) as e:
                self._trusted.pop(key, None)
                LOG.warning("Status sync: listing the stacks of project "
                            "%s through the trust of cluster %s failed: "
                            "%s", project_id, cluster.uuid, e)
                continue
            in_use.add(key)
            return stacks
        LOG.warning("Status sync: no trust of project %s could list its "
                    "stacks; its %d clusters in progress wait for the "
                    "next cycle", project_id, len(entry.clusters))
        return None


_LISTER = StackLister()


def lister():
    """The process's StackLister."""
    return _LISTER


def reset():
    """Forget the chosen mode (tests)."""
    global _LISTER
    _LISTER = StackLister()
