"""A cluster's certificates in the cert manager: generated at create
(three CAs and the service's client certificate), read back for the
stack (the service account key pair) and for the certificates API (CA
certificates, CSR signing: the only place a CA private key is
decrypted), replaced by a CA rotation and deleted with the cluster."""

from oslo_log import log as logging

from magnum_like.common import cert_manager
from magnum_like.common import exceptions
from magnum_like.common.x509 import cluster_certs
from magnum_like.common.x509 import csr as csr_mod
from magnum_like.common.x509 import operations
from magnum_like.db import certificates as db_certs
from magnum_like.db import clusters as db_clusters

LOG = logging.getLogger(__name__)


def ensure(cluster):
    """Generate and store what the cluster lacks; returns the ref
    columns to save ({} when it has them all)."""
    if all(getattr(cluster, col) for col in cluster_certs.REF_COLUMNS):
        return {}
    backend = cert_manager.get_backend()
    certs = cluster_certs.generate(cluster.name or cluster.uuid)
    return _store_all(backend, cluster, certs)


def _store_all(backend, cluster, certs):
    """Store every generated pair; {ref column: ref}. The client
    certificate carries its CA as intermediate."""
    refs = {}
    for col, pair in certs.pairs.items():
        intermediates = certs.ca.certificate \
            if col == cluster_certs.CLIENT_REF else None
        refs[col] = backend.store(pair.certificate, pair.private_key,
                                  intermediates=intermediates,
                                  project_id=cluster.project_id,
                                  user_id=cluster.user_id)
    return refs


def service_account_keys(cluster):
    """(public key PEM, private key PEM) the API servers sign service
    account tokens with: the key of the service's client certificate,
    as Magnum did."""
    stored = cert_manager.get_backend().get(cluster.magnum_cert_ref)
    pair = operations.KeyPair(stored.certificate, stored.private_key)
    return pair.public_key_pem(), stored.private_key


def _delete_refs(cluster_uuid, refs):
    backend = cert_manager.get_backend()
    for ref in refs:
        if not ref:
            continue
        try:
            backend.delete(ref)
        except exceptions.MagnumLikeException as e:
            LOG.warning("Could not delete certificate %s of cluster %s: %s",
                        ref, cluster_uuid, e)


def delete(cluster):
    """Delete every certificate of the cluster, with those a rotation
    still trusts (idempotent)."""
    refs = [getattr(cluster, col, None)
            for col in cluster_certs.REF_COLUMNS]
    for rotation in db_certs.complete_rotations(cluster.uuid):
        refs.extend((rotation.previous_refs or {}).values())
    _delete_refs(cluster.uuid, refs)
    db_certs.destroy_for_cluster(cluster.uuid)


# -- the certificates API ------------------------------------------------
def ca_column(ca_cert_type):
    """The ref column of a ca_cert_type (facts §4.5): etcd, front_proxy
    or front-proxy; anything else is the kubernetes CA."""
    if ca_cert_type == "etcd":
        return "etcd_ca_cert_ref"
    if ca_cert_type in ("front_proxy", "front-proxy"):
        return "front_proxy_ca_cert_ref"
    return "ca_cert_ref"


def _ref(cluster, ca_cert_type):
    ref = getattr(cluster, ca_column(ca_cert_type))
    if not ref:
        raise exceptions.CertificateNotFound(ref="%s CA of cluster %s" % (
            ca_cert_type or "kubernetes", cluster.uuid))
    return ref


def get_ca_certificate(cluster_uuid, ca_cert_type=None):
    """{"pem"}: the CA certificate; during a CA rotation the new CA
    followed by the one it replaces, so that both stay trusted until the
    rotation completes."""
    cluster = db_clusters.get_by_uuid(cluster_uuid)
    finish_rotation(cluster)
    backend = cert_manager.get_backend()
    pems = [backend.get(_ref(cluster, ca_cert_type)).certificate]
    column = ca_column(ca_cert_type)
    for rotation in db_certs.rotations_in_progress(cluster.uuid):
        old = (rotation.previous_refs or {}).get(column)
        if old:
            try:
                pems.append(backend.get(old).certificate)
            except exceptions.CertificateNotFound:
                LOG.warning("Previous CA %s of cluster %s is gone", old,
                            cluster.uuid)
    return {"pem": "".join(p if p.endswith("\n") else p + "\n"
                           for p in pems)}


def sign_certificate(context, cluster_uuid, csr, ca_cert_type=None):
    """{"pem"}: `csr` signed by the cluster's CA of `ca_cert_type` under
    the [x509] policy (common/x509/csr.py); the issuance is recorded."""
    cluster = db_clusters.get_by_uuid(cluster_uuid)
    stored = cert_manager.get_backend().get(_ref(cluster, ca_cert_type))
    issued = csr_mod.sign(csr, stored.certificate, stored.private_key)
    db_certs.record_issued(dict(
        serial=issued.serial, subject=issued.subject,
        cluster_uuid=cluster.uuid,
        ca_cert_type=ca_column(ca_cert_type).replace("_cert_ref", ""),
        requester_user_id=getattr(context, "user_id", None),
        requester_project_id=getattr(context, "project_id", None),
        not_after=issued.not_after.replace(tzinfo=None)))
    LOG.info("Signed certificate serial %s subject %s for cluster %s "
             "(requested by user %s)", issued.serial, issued.subject,
             cluster.uuid, getattr(context, "user_id", None))
    return {"pem": issued.pem}


# -- CA rotation ------------------------------------------------------------
def rotate(cluster):
    """New CAs and a new service client certificate for `cluster`, whose
    key stays the same (it signs the service-account tokens, which must
    survive the rotation). Returns (new ref columns, previous refs)."""
    backend = cert_manager.get_backend()
    client_key = backend.get(cluster.magnum_cert_ref).private_key \
        if cluster.magnum_cert_ref else None
    certs = cluster_certs.generate(cluster.name or cluster.uuid,
                                   client_key=client_key)
    refs = _store_all(backend, cluster, certs)
    previous = {col: getattr(cluster, col)
                for col in cluster_certs.REF_COLUMNS
                if getattr(cluster, col)}
    return refs, previous


def finish_rotation(cluster):
    """Once a rotated cluster's stacks are done (a *_COMPLETE status),
    the previous CAs are no longer trusted: forget and delete them."""
    status = cluster.status or ""
    if not status.endswith("_COMPLETE") or \
            cluster.pending_operation:
        return False
    done = db_certs.complete_rotations(cluster.uuid)
    for rotation in done:
        LOG.info("CA rotation %s of cluster %s complete", rotation.uuid,
                 cluster.uuid)
        _delete_refs(cluster.uuid, (rotation.previous_refs or {}).values())
    return bool(done)
