"""The caller's Keystone token, kept encrypted with a create intent.

A create needs the caller's token once: to create the cluster's trust
(only the trustor may). The token travels in the cast, and if the cast
is lost (a broker restart drops a message no queue was bound for yet,
the conductor dies before taking it) the reconciliation could only fail
the cluster. So the API also keeps the token in the create's
pending_operation, Fernet-encrypted with [certificates] encryption_key;
the conductor drops it as soon as the trust exists, and it is gone with
the pending operation in any case. A token that expired meanwhile makes
the resumed create fail with Keystone's answer as its reason.

Nothing is kept when the API has no token (noauth) or no encryption key.
"""

from oslo_log import log as logging

from magnum_like.common import context as ml_context
from magnum_like.common import crypto
from magnum_like.common import exceptions

LOG = logging.getLogger(__name__)
SEALED_FIELD = "resume_token"


def sealed_token(context):
    """The encrypted token of `context`, or None."""
    token = getattr(context, "auth_token", None)
    if not token:
        return None
    try:
        return crypto.encrypt(token)
    except exceptions.CertificateError as e:
        LOG.warning("A lost create cast will not be resumable: %s", e)
        return None


def without_token(pending):
    """`pending` (a pending_operation) without the kept token."""
    return {k: v for k, v in (pending or {}).items() if k != SEALED_FIELD}


def caller_context(cluster):
    """A context acting as the cluster's creator with the kept token;
    None when no (readable) token was kept."""
    sealed = (cluster.pending_operation or {}).get(SEALED_FIELD)
    if not sealed:
        return None
    try:
        token = crypto.decrypt(sealed)
    except exceptions.CertificateError as e:
        LOG.warning("Cluster %s: the kept token cannot be read: %s",
                    cluster.uuid, e)
        return None
    return ml_context.make_context(
        auth_token=token, user_id=cluster.user_id,
        project_id=cluster.project_id)
