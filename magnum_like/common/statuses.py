"""Cluster and nodegroup status values and the sets the operations use
(facts §5)."""

CREATE_IN_PROGRESS = "CREATE_IN_PROGRESS"
CREATE_FAILED = "CREATE_FAILED"
CREATE_COMPLETE = "CREATE_COMPLETE"
UPDATE_IN_PROGRESS = "UPDATE_IN_PROGRESS"
UPDATE_FAILED = "UPDATE_FAILED"
UPDATE_COMPLETE = "UPDATE_COMPLETE"
DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS"
DELETE_FAILED = "DELETE_FAILED"
DELETE_COMPLETE = "DELETE_COMPLETE"
RESUME_COMPLETE = "RESUME_COMPLETE"
RESUME_FAILED = "RESUME_FAILED"
RESTORE_COMPLETE = "RESTORE_COMPLETE"
ROLLBACK_IN_PROGRESS = "ROLLBACK_IN_PROGRESS"
ROLLBACK_FAILED = "ROLLBACK_FAILED"
ROLLBACK_COMPLETE = "ROLLBACK_COMPLETE"
SNAPSHOT_COMPLETE = "SNAPSHOT_COMPLETE"
CHECK_COMPLETE = "CHECK_COMPLETE"
ADOPT_COMPLETE = "ADOPT_COMPLETE"

ALL = (CREATE_IN_PROGRESS, CREATE_FAILED, CREATE_COMPLETE,
       UPDATE_IN_PROGRESS, UPDATE_FAILED, UPDATE_COMPLETE,
       DELETE_IN_PROGRESS, DELETE_FAILED, DELETE_COMPLETE,
       RESUME_COMPLETE, RESUME_FAILED, RESTORE_COMPLETE,
       ROLLBACK_IN_PROGRESS, ROLLBACK_FAILED, ROLLBACK_COMPLETE,
       SNAPSHOT_COMPLETE, CHECK_COMPLETE, ADOPT_COMPLETE)

# A GET of one cluster in these shows the `faults` of its nodegroups.
FAILED = (CREATE_FAILED, UPDATE_FAILED, DELETE_FAILED, ROLLBACK_FAILED,
          RESUME_FAILED)

# Update (PATCH), upgrade and CA rotation start from these.
UPDATE_ALLOWED = (CREATE_COMPLETE, UPDATE_COMPLETE, RESUME_COMPLETE,
                  RESTORE_COMPLETE, ROLLBACK_COMPLETE, SNAPSHOT_COMPLETE,
                  CHECK_COMPLETE, ADOPT_COMPLETE)

# Resize and nodegroup create/update/delete start from these.
RESIZE_ALLOWED = UPDATE_ALLOWED + (UPDATE_FAILED, UPDATE_IN_PROGRESS)

# Delete starts from any state but DELETE_COMPLETE (a failed or stuck
# create can be deleted; a failed delete retried).
DELETE_ALLOWED = tuple(s for s in ALL if s != DELETE_COMPLETE)

# Credential rotation (facts §4.6).
CREDENTIAL_ROTATE_ALLOWED = UPDATE_ALLOWED + (UPDATE_IN_PROGRESS,
                                              UPDATE_FAILED)

HEALTHY = "HEALTHY"
UNHEALTHY = "UNHEALTHY"
UNKNOWN = "UNKNOWN"
HEALTH_ALL = (HEALTHY, UNHEALTHY, UNKNOWN)

# Operations the API records and then hands over with a synchronous RPC
# call: a refused or undelivered call answers the caller with an error,
# so a lost one is restored to its previous status, never failed.
CALL_OPERATIONS = ("upgrade", "credential_rotate", "rotate_ca")

# How status_reason names each recorded operation while it runs.
OPERATION_NAMES = {
    "create": "Create", "update": "Update", "resize": "Resize",
    "upgrade": "Upgrade", "delete": "Delete", "rotate_ca": "CA rotation",
    "credential_rotate": "Credential rotation",
    "nodegroup_create": "Nodegroup create",
    "nodegroup_update": "Nodegroup update",
    "nodegroup_delete": "Nodegroup delete"}
# status_reason from the moment the API records an operation (a stale
# reason of the previous operation never shows during a new one).
REQUESTED = "%s requested; waiting for a conductor"


def requested_reason(op):
    return REQUESTED % OPERATION_NAMES.get(op, op)
