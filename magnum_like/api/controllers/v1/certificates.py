"""`/v1/certificates` (facts §4.5): a cluster's CA certificates, CSR
signing and CA rotation, each a synchronous conductor call (the
conductor alone decrypts CA private keys).

Besides the project's users (Magnum's policies), the cluster's own
trustee may fetch its CAs and get certificates signed: the nodes
authenticate as the trustee, scoped to the trust when [trust]
cluster_user_trust passes it (impersonation makes that token the
owner's), else with the trustee's unscoped token. A trustee reaches no
other cluster and cannot rotate the CA.
"""

import pecan
from pecan import rest
import wsme
from wsme import types as wtypes
import wsmeext.pecan as wsme_pecan

from magnum_like.api.controllers import base
from magnum_like.api.controllers import link
from magnum_like.api.controllers import types
from magnum_like.api.controllers import utils
from magnum_like.api.controllers.v1 import cluster_ops
from magnum_like.api.controllers.v1 import cluster_types as ctypes
from magnum_like.common import context as ml_context
from magnum_like.common import exceptions
from magnum_like.common import policy
from magnum_like.common import statuses
from magnum_like.db import cluster_templates as db_templates
from magnum_like.db import clusters as db_clusters

RESOURCE = "certificates"


class Certificate(base.APIBase):
    """A CA certificate (GET) or a signed certificate (POST)."""

    cluster_uuid = wsme.wsattr(wtypes.text, mandatory=True)
    csr = wsme.wsattr(wtypes.StringType(min_length=1), default=None)
    ca_cert_type = wsme.wsattr(wtypes.text, default=None)
    pem = wtypes.text
    links = [link.Link]


def _target(row):
    return dict(cluster_ops.target(row),
                trustee_user_id=row.trustee_user_id or "")


def _trustee_cluster(context, ident):
    """The cluster `ident` when the caller is its trustee, else None."""
    if not context.user_id:
        return None
    try:
        row = db_clusters.get_by_uuid(ident)
    except exceptions.ClusterNotFound:
        return None
    if row.trustee_user_id and row.trustee_user_id == context.user_id:
        return row
    return None


def find_cluster(context, ident, action, missing_is_bad_request=False):
    """The cluster `ident` authorized for `action`: 404 (400 for a
    POST, as Magnum) when the caller cannot see it."""
    try:
        try:
            row = db_clusters.get(context, ident)
        except exceptions.ClusterNotFound:
            row = _trustee_cluster(context, ident)
            if row is None:
                raise
    except exceptions.ClusterNotFound as e:
        if missing_is_bad_request:
            raise exceptions.InvalidParameterValue(err=str(e))
        raise
    policy.authorize(context, action, _target(row))
    return row


def _answer(row, pem, body=None):
    cert = Certificate(cluster_uuid=row.uuid, pem=pem)
    if body is not None:
        cert.csr = body.csr
        if body.ca_cert_type:
            cert.ca_cert_type = body.ca_cert_type
    cert.links = link.self_and_bookmark(RESOURCE, row.uuid)
    return cert


class CertificateController(rest.RestController):
    @wsme_pecan.wsexpose(Certificate, wtypes.text, wtypes.text)
    def get_one(self, cluster_ident, ca_cert_type=None):
        """The cluster's CA of `ca_cert_type` (kubernetes by default)."""
        context = pecan.request.context
        row = find_cluster(context, cluster_ident, "certificate:get")
        answer = cluster_ops.call("get_ca_certificate", row.uuid,
                                  ca_cert_type=ca_cert_type)
        return _answer(row, answer["pem"])

    @wsme_pecan.wsexpose(Certificate, body=types.jsontype,
                         status_code=201)
    def post(self, certificate=None):
        """Sign the CSR with the cluster's CA; 201 with the `pem`."""
        context = pecan.request.context
        body = utils.parse_body(Certificate, certificate, "certificate")
        if not body.csr:
            raise exceptions.InvalidCsr(reason="the CSR is empty")
        row = find_cluster(context, body.cluster_uuid, "certificate:create",
                           missing_is_bad_request=True)
        answer = cluster_ops.call("sign_certificate", row.uuid, body.csr,
                                  ca_cert_type=body.ca_cert_type)
        return _answer(row, answer["pem"], body)

    @wsme_pecan.wsexpose(ctypes.ClusterID, wtypes.text, status_code=202)
    def patch(self, cluster_ident):
        """Rotate the cluster's CAs (UPDATE_IN_PROGRESS until its stacks
        are done); 400 for TLS-disabled clusters and drivers that
        cannot."""
        context = pecan.request.context
        row = find_cluster(context, cluster_ident, "certificate:rotate_ca")
        template = db_templates.get_by_uuid(
            ml_context.get_admin_context(), row.cluster_template_id)
        if template.tls_disabled:
            raise exceptions.NotSupported(
                operation="Rotating the CA certificate on a non-TLS "
                          "cluster")
        # A failed rotation may be retried; a running one is 409 busy.
        cluster_ops.begin(row.uuid, "rotate_ca",
                          statuses.UPDATE_ALLOWED + (statuses.UPDATE_FAILED,),
                          statuses.UPDATE_IN_PROGRESS)
        cluster_ops.call("rotate_ca_certificate", row.uuid)
        return ctypes.ClusterID(row.uuid)
