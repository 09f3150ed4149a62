"""CADF notifications `magnum.cluster.<create|update|delete>` (facts
§8.6): outcome pending when an operation starts, success or failure
when it ends; failures at `error` priority, the rest at `info`. The CADF
event is built as a dict (the pycadf event model, serialized)."""

from oslo_log import log as logging
from oslo_utils import strutils
from oslo_utils import timeutils
from oslo_utils import uuidutils

from magnum_like.common import rpc

LOG = logging.getLogger(__name__)

PENDING, SUCCESS, FAILURE = "pending", "success", "failure"
ACTIONS = ("create", "update", "delete")
CLUSTER_TYPE = "service/magnum/cluster"
_DATA_FIELDS = (
    "status", "status_reason", "project_id", "created_at", "updated_at",
    "cluster_template_id", "keypair", "docker_volume_size", "labels",
    "master_flavor_id", "flavor_id", "stack_id", "health_status",
    "create_timeout", "api_address", "discovery_url")


def _cluster_data(cluster, nodegroups):
    data = {f: getattr(cluster, f, None) for f in _DATA_FIELDS}
    if data["labels"]:
        # secrets given as labels (grafana_admin_passwd) stay out
        data["labels"] = strutils.mask_dict_password(data["labels"])
    for key in ("created_at", "updated_at"):
        if data[key] is not None:
            data[key] = data[key].isoformat()
    masters = [ng for ng in nodegroups or [] if ng.role == "master"]
    workers = [ng for ng in nodegroups or [] if ng.role != "master"]
    data.update(
        master_count=sum(ng.node_count or 0 for ng in masters),
        node_count=sum(ng.node_count or 0 for ng in workers),
        master_addresses=[a for ng in masters
                          for a in ng.node_addresses or []],
        node_addresses=[a for ng in workers
                        for a in ng.node_addresses or []])
    return data


def event(context, action, outcome, cluster, nodegroups=None):
    """The CADF activity event of a cluster operation, as a dict."""
    return {
        "typeURI": "http://schemas.dmtf.org/cloud/audit/1.0/event",
        "id": uuidutils.generate_uuid(),
        "eventTime": timeutils.utcnow().isoformat() + "+0000",
        "eventType": "activity",
        "action": action,
        "outcome": outcome,
        "initiator": {
            "typeURI": "service/security/account/user",
            "id": getattr(context, "user_id", None) or "unknown",
            "project_id": getattr(context, "project_id", None),
            "domain_id": getattr(context, "user_domain_id", None)},
        "target": {
            "typeURI": CLUSTER_TYPE, "id": cluster.uuid,
            "attachments": [{"typeURI": "python/dict",
                             "name": "cluster_data",
                             "content": _cluster_data(cluster,
                                                      nodegroups)}]},
        "observer": {"typeURI": CLUSTER_TYPE,
                     "id": uuidutils.generate_uuid()},
    }


def notify(context, action, outcome, cluster, nodegroups=None):
    """Emit magnum.cluster.<action>; a notifier failure is logged, never
    raised (notifications are best effort)."""
    try:
        payload = event(context, action, outcome, cluster, nodegroups)
        notifier = rpc.get_notifier()
        send = notifier.error if outcome == FAILURE else notifier.info
        send(context, "magnum.cluster.%s" % action, payload)
    except Exception:
        LOG.exception("Could not send the %s/%s notification of cluster "
                      "%s", action, outcome, cluster.uuid)

