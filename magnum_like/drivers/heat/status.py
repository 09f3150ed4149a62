"""Heat stack status -> nodegroup and cluster status (facts §10.1
"Status polling", steps 1 to 5). Pure functions over plain values and
objects with `name`, `status`, `status_reason`, `is_default`, `role`.
"""

import collections

CREATE_IN_PROGRESS = "CREATE_IN_PROGRESS"
CREATE_COMPLETE = "CREATE_COMPLETE"
CREATE_FAILED = "CREATE_FAILED"
UPDATE_IN_PROGRESS = "UPDATE_IN_PROGRESS"
UPDATE_COMPLETE = "UPDATE_COMPLETE"
UPDATE_FAILED = "UPDATE_FAILED"
DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS"
DELETE_COMPLETE = "DELETE_COMPLETE"

# Step 1: statuses after which outputs are read again.
OUTPUT_STATUSES = frozenset((CREATE_COMPLETE, CREATE_FAILED,
                             UPDATE_COMPLETE))
# Step 4: a stack Heat no longer knows.
_MISSING = {DELETE_IN_PROGRESS: DELETE_COMPLETE,
            CREATE_IN_PROGRESS: CREATE_FAILED,
            UPDATE_IN_PROGRESS: UPDATE_FAILED}
NOT_FOUND_REASON = "Stack with id %s not found in Heat."

Update = collections.namedtuple("Update", "status reason sync_outputs")


def poll(stack_status, stack_reason, nodegroup_status):
    """Steps 1-2: what a polled stack means for its nodegroup.

    Returns None when nothing changed, else Update(status, reason,
    sync_outputs): sync_outputs tells the caller to read the stack again
    with resolve_outputs=True and copy outputs.
    """
    if stack_status in OUTPUT_STATUSES:
        return Update(stack_status, stack_reason, True)
    if stack_status != nodegroup_status:
        return Update(stack_status, stack_reason, False)
    return None


def stack_missing(nodegroup_status, stack_id):
    """Step 4: the nodegroup's Update when Heat answered 404, or None
    when its status needs no change."""
    status = _MISSING.get(nodegroup_status)
    if status is None:
        return None
    return Update(status, NOT_FOUND_REASON % stack_id, False)


def nodegroups_to_destroy(nodegroups):
    """Step 3: non-default nodegroups whose stack is gone."""
    return [ng for ng in nodegroups
            if not ng.is_default and ng.status == DELETE_COMPLETE]


def cluster_deleted(nodegroups):
    """Step 3: every default nodegroup reached DELETE_COMPLETE (the
    trust, certificates and the cluster row can go)."""
    defaults = [ng for ng in nodegroups if ng.is_default]
    return bool(defaults) and all(ng.status == DELETE_COMPLETE
                                  for ng in defaults)


def _priority(status):
    """IN_PROGRESS > FAILED > COMPLETE (and anything else)."""
    if (status or "").endswith("IN_PROGRESS"):
        return 0
    if (status or "").endswith("FAILED"):
        return 1
    return 2


def aggregate(nodegroups, previous_status):
    """Step 5: (cluster status, status reason) from its nodegroups."""
    nodegroups = list(nodegroups)
    if not nodegroups:
        return previous_status, None
    ranked = sorted(nodegroups, key=lambda ng: _priority(ng.status))
    if any(not ng.is_default for ng in nodegroups):
        master = next((ng for ng in nodegroups
                       if ng.is_default and ng.role == "master"), None)
        action = "DELETE" if master is not None and (
            master.status or "").startswith("DELETE") else "UPDATE"
        # A failed extra nodegroup fails itself, not its cluster's other
        # work (its own status says so); a cluster delete fails with it.
        counted = [ng for ng in ranked if action == "DELETE" or
                   ng.is_default or not (ng.status or "").endswith("FAILED")]
        worst = counted[0].status or "" if counted else ""
        state = "IN_PROGRESS" if worst.endswith("IN_PROGRESS") else (
            "FAILED" if worst.endswith("FAILED") else "COMPLETE")
        status = "%s_%s" % (action, state)
        reason = None
        if state == "FAILED":
            reason = ", ".join("%s failed" % ng.name for ng in counted
                               if (ng.status or "").endswith("FAILED"))
    else:
        chosen = ranked[0]
        status, reason = chosen.status, chosen.status_reason
    if status == CREATE_COMPLETE and previous_status not in (
            CREATE_IN_PROGRESS, CREATE_COMPLETE):
        status = UPDATE_COMPLETE
    return status, reason
