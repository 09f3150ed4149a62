"""`PATCH /v1/credentials/{cluster_ident}` (≥1.12): rotate a cluster's
credentials through a synchronous conductor call (facts §4.6)."""

import pecan
from pecan import rest
from wsme import types as wtypes
import wsmeext.pecan as wsme_pecan

from magnum_like.api.controllers import utils
from magnum_like.api.controllers.v1 import cluster_ops
from magnum_like.api.controllers.v1 import cluster_types as ctypes
from magnum_like.common import statuses

CREDENTIALS_VERSION = (1, 12)


class CredentialsController(rest.RestController):
    @wsme_pecan.wsexpose(ctypes.ClusterID, wtypes.text, status_code=202)
    def patch(self, cluster_ident):
        """Record the rotation, then call the conductor, whose refusals
        (driver, cloud) reach the client."""
        utils.require_version(CREDENTIALS_VERSION)
        context = pecan.request.context
        row = cluster_ops.get_cluster(context, cluster_ident,
                                      "credential:rotate")
        cluster_ops.begin(row.uuid, "credential_rotate",
                          statuses.CREDENTIAL_ROTATE_ALLOWED,
                          statuses.UPDATE_IN_PROGRESS)
        cluster_ops.call("credential_rotate", row.uuid)
        return ctypes.ClusterID(row.uuid)
