"""The conductor's RPC API: the only way the API talks to the conductor.

Every method takes UUIDs and small dicts, never rows: the database is
the single source of truth. The API records the operation on the row
first (db.clusters.begin_operation or create_with_nodegroups), commits,
then casts. Casts carry the caller's context (its token), from which the
conductor creates the cluster's trust.

No message waits on the bus (common/bus.py): each is published with
retry=0 within [conductor] rpc_send_timeout, and a call waits for its
answer at most rpc_response_timeout more. A message the bus would not
take raises bus.BusUnavailable: the API leaves a cast to the conductor's
recovery and answers a call with 503.

Version history (bump RPC_API_VERSION with every change of a method's
signature or meaning, and add a line here):

* 1.0 - Initial version: ping.
* 1.1 - Cluster operations: cluster_create, cluster_update,
        cluster_resize, cluster_upgrade (call), cluster_delete,
        nodegroup_create, nodegroup_update, nodegroup_delete and
        credential_rotate (call).
* 1.2 - Certificates: get_ca_certificate, sign_certificate and
        rotate_ca_certificate (calls).
"""

from oslo_config import cfg
import oslo_messaging as messaging

from magnum_like.common import bus
from magnum_like.common import rpc

CONF = cfg.CONF

RPC_API_VERSION = "1.2"


class ConductorAPI:
    """Client side of the conductor's RPC API."""

    def __init__(self, topic=None, timeout=None):
        target = messaging.Target(topic=topic or CONF.conductor.topic,
                                  version=RPC_API_VERSION)
        self.client = rpc.get_client(target, version_cap=RPC_API_VERSION,
                                     timeout=timeout)

    def _prepare(self, version, timeout):
        """A call context publishing without retries; `timeout` None
        keeps the client's own timeout (oslo.messaging's
        prepare(timeout=None) would drop it)."""
        if timeout is None:
            return self.client.prepare(version=version, retry=0)
        return self.client.prepare(version=version, timeout=timeout,
                                   retry=0)

    def _bounded_call(self, version, context, method, timeout=None,
                      **kwargs):
        send_timeout = CONF.conductor.rpc_send_timeout
        rpc.ensure_reply_queue(send_timeout)
        cctxt = self._prepare(version, timeout)
        answer_timeout = timeout or self.client.timeout or \
            CONF.rpc_response_timeout
        return bus.send(lambda: cctxt.call(context, method, **kwargs),
                        timeout=send_timeout + answer_timeout)

    def ping(self, context, timeout=None):
        """Ask any conductor to answer; returns {"host": ...}."""
        return self._bounded_call("1.0", context, "ping", timeout)

    def _cast(self, context, method, **kwargs):
        cctxt = self.client.prepare(version="1.1", retry=0)
        bus.send(lambda: cctxt.cast(context, method, **kwargs))

    def _call(self, context, method, timeout=None, **kwargs):
        return self._bounded_call("1.1", context, method, timeout,
                                  **kwargs)

    # -- clusters ----------------------------------------------------------
    def cluster_create(self, context, cluster_uuid):
        """Create the cluster of a row in CREATE_IN_PROGRESS with
        pending_operation "create" (trust, certificates, stacks)."""
        self._cast(context, "cluster_create", cluster_uuid=cluster_uuid)

    def cluster_update(self, context, cluster_uuid, rollback=False):
        """Apply what begin_operation("update") changed in the DB (the
        default worker nodegroup's node_count, health fields)."""
        self._cast(context, "cluster_update", cluster_uuid=cluster_uuid,
                   rollback=rollback)

    def cluster_resize(self, context, cluster_uuid, nodegroup_uuid,
                       node_count, nodes_to_remove=None):
        """Resize a nodegroup to `node_count`, removing exactly
        `nodes_to_remove` (server ids or names) first."""
        self._cast(context, "cluster_resize", cluster_uuid=cluster_uuid,
                   nodegroup_uuid=nodegroup_uuid, node_count=node_count,
                   nodes_to_remove=list(nodes_to_remove or []))

    def cluster_upgrade(self, context, cluster_uuid, cluster_template_uuid,
                        max_batch_size=1, nodegroup_uuid=None,
                        timeout=None):
        """Roll the cluster (or one nodegroup) to the template. A call:
        NotSupported and friends reach the client."""
        return self._call(context, "cluster_upgrade", timeout=timeout,
                          cluster_uuid=cluster_uuid,
                          cluster_template_uuid=cluster_template_uuid,
                          max_batch_size=max_batch_size,
                          nodegroup_uuid=nodegroup_uuid)

    def cluster_delete(self, context, cluster_uuid):
        self._cast(context, "cluster_delete", cluster_uuid=cluster_uuid)

    # -- nodegroups --------------------------------------------------------
    def nodegroup_create(self, context, cluster_uuid, nodegroup_uuid):
        self._cast(context, "nodegroup_create", cluster_uuid=cluster_uuid,
                   nodegroup_uuid=nodegroup_uuid)

    def nodegroup_update(self, context, cluster_uuid, nodegroup_uuid):
        self._cast(context, "nodegroup_update", cluster_uuid=cluster_uuid,
                   nodegroup_uuid=nodegroup_uuid)

    def nodegroup_delete(self, context, cluster_uuid, nodegroup_uuid):
        self._cast(context, "nodegroup_delete", cluster_uuid=cluster_uuid,
                   nodegroup_uuid=nodegroup_uuid)

    # -- credentials -------------------------------------------------------
    def credential_rotate(self, context, cluster_uuid, timeout=None):
        """Replace the cluster's trustee password and trust; a call."""
        return self._call(context, "credential_rotate", timeout=timeout,
                          cluster_uuid=cluster_uuid)

    # -- certificates (1.2) --------------------------------------------
    def _call_1_2(self, context, method, timeout=None, **kwargs):
        return self._bounded_call("1.2", context, method, timeout,
                                  **kwargs)

    def get_ca_certificate(self, context, cluster_uuid, ca_cert_type=None,
                           timeout=None):
        """{"pem"}: the cluster's CA of `ca_cert_type` (both CAs during
        a CA rotation)."""
        return self._call_1_2(context, "get_ca_certificate",
                              timeout=timeout, cluster_uuid=cluster_uuid,
                              ca_cert_type=ca_cert_type)

    def sign_certificate(self, context, cluster_uuid, csr,
                         ca_cert_type=None, timeout=None):
        """{"pem"}: `csr` signed by the cluster's CA; the conductor is
        the only process that decrypts a CA's private key."""
        return self._call_1_2(context, "sign_certificate", timeout=timeout,
                              cluster_uuid=cluster_uuid, csr=csr,
                              ca_cert_type=ca_cert_type)

    def rotate_ca_certificate(self, context, cluster_uuid, timeout=None):
        """New CAs rolled out by a stack update; a call."""
        return self._call_1_2(context, "rotate_ca_certificate",
                              timeout=timeout, cluster_uuid=cluster_uuid)
