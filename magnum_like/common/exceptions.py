"""Every expected failure of magnum_like, each with its HTTP code.

The message of an exception is shown to API users: it must never carry a
secret or a Python traceback. The API turns these into Magnum's `errors`
body; anything else becomes a 500 whose details stay in the log.
"""

import http.client


class MagnumLikeException(Exception):
    """Base class; subclasses set `code` and a `message` template."""

    message = "An unknown exception occurred."
    code = http.client.INTERNAL_SERVER_ERROR

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        if "code" in kwargs:
            self.code = kwargs["code"]
        if message is None:
            try:
                message = self.message % kwargs
            except (KeyError, TypeError, ValueError):
                message = self.message
        super().__init__(message)

    def __str__(self):
        return self.args[0] if self.args else self.message

    def format_message(self):
        return str(self)


# 400 -----------------------------------------------------------------
class Invalid(MagnumLikeException):
    message = "Unacceptable parameters."
    code = http.client.BAD_REQUEST


class InvalidParameterValue(Invalid):
    message = "%(err)s"


class InvalidUUID(Invalid):
    message = "Expected a uuid but received %(uuid)s."


class InvalidName(Invalid):
    message = "Expected a name but received %(name)s."


class InvalidIdentity(Invalid):
    message = "Expected a uuid or int but received %(identity)s."


class PatchError(Invalid):
    message = "Couldn't apply patch '%(patch)s'. Reason: %(reason)s"


class InvalidSortKey(Invalid):
    message = "The sort_key value %(key)s is an invalid field for sorting"


class NotSupported(Invalid):
    message = "%(operation)s is not supported."


class OperationInProgress(Invalid):
    message = ("Cluster %(cluster_name)s already has an operation in "
               "progress.")


class InvalidDNS(Invalid):
    message = ("Provided DNS nameserver %(dns)s is not a valid IP "
               "address.")


class ClusterTemplateReferenced(Invalid):
    message = ("ClusterTemplate %(clustertemplate)s is referenced by one "
               "or multiple clusters.")


class ImageNotFound(Invalid):
    message = "Image %(image_id)s could not be found."


class OSDistroFieldNotFound(Invalid):
    message = "Image %(image_id)s doesn't contain os_distro field."


class FlavorNotFound(Invalid):
    message = "Unable to find flavor %(flavor)s."


class ExternalNetworkNotFound(Invalid):
    message = "Unable to find external network %(network)s."


class FixedNetworkNotFound(Invalid):
    message = "Unable to find fixed network %(network)s."


class FixedSubnetNotFound(Invalid):
    message = "Unable to find fixed subnet %(subnet)s."


class InvalidSubnet(Invalid):
    message = "Received invalid subnet %(subnet)s: %(reason)s"


class ClusterTypeNotSupported(NotSupported):
    message = ("Cluster type (%(server_type)s, %(os)s, %(coe)s) not "
               "supported. Supported (server_type, os, coe) types: "
               "%(supported)s.")


class ClusterTypeBetaNotEnabled(NotSupported):
    message = ("Cluster type (%(server_type)s, %(os)s, %(coe)s) is "
               "served by the beta driver %(driver)s, which is not "
               "enabled; an operator may list it in [drivers] "
               "enabled_beta_drivers.")


class ClusterDriverNotSupported(NotSupported):
    message = ("Cluster driver (%(driver_name)s) not supported. Installed "
               "drivers: %(available)s.")


class FlavorZeroRootVolumeNotSupported(NotSupported):
    message = ("Flavor %(flavor)s has a root disk of 0 GB, which needs a "
               "boot volume; set the boot_volume_size label or [cinder] "
               "default_boot_volume_size.")


class RequiredParameterNotProvided(Invalid):
    message = "Required parameter %(heat_param)s not provided."


class MasterLBNotAvailable(Invalid):
    message = ("master_lb_enabled needs the Octavia load balancer "
               "service, which this cloud does not offer.")


class StackRequestRejected(Invalid):
    message = "Heat refused the stack request: %(reason)s"


class ClusterStatusNotAllowed(NotSupported):
    """The operation is not allowed from the cluster's current status."""

    message = ("%(operation)s a cluster when status is \"%(status)s\" is "
               "not supported.")


class InvalidClusterChange(Invalid):
    message = "Cannot change %(field)s of an existing cluster."


class DriverOperationNotSupported(NotSupported):
    message = ("%(operation)s is not supported by the cluster driver "
               "%(driver)s.")


class NodesToRemoveNotFound(Invalid):
    message = ("Nodes %(nodes)s to remove are not members of nodegroup "
               "%(nodegroup)s.")


# 403 -----------------------------------------------------------------
class NotAuthorized(MagnumLikeException):
    message = "Not authorized."
    code = http.client.FORBIDDEN


class StackListForbidden(NotAuthorized):
    message = "Heat refused the stack list: %(reason)s"


class PolicyNotAuthorized(NotAuthorized):
    message = "Policy doesn't allow %(action)s to be performed."


class ResourceLimitExceeded(NotAuthorized):
    message = "Resource limit exceeded: %(msg)s"


class ClusterTemplatePublishDenied(NotAuthorized):
    message = ("Not authorized to set public or hidden flag for cluster "
               "template.")


class ImageNotAuthorized(NotAuthorized):
    message = "Not authorized for image %(image_id)s."


# 404 -----------------------------------------------------------------
class ResourceNotFound(MagnumLikeException):
    message = "Resource could not be found."
    code = http.client.NOT_FOUND


class MagnumServiceNotFound(ResourceNotFound):
    message = "A magnum service %(magnum_service_id)s could not be found."


class ClusterNotFound(ResourceNotFound):
    message = "Cluster %(cluster)s could not be found."


class ClusterTemplateNotFound(ResourceNotFound):
    message = "ClusterTemplate %(clustertemplate)s could not be found."


class NodeGroupNotFound(ResourceNotFound):
    message = "Nodegroup %(nodegroup)s could not be found."


class KeyPairNotFound(ResourceNotFound):
    message = "Unable to find keypair %(keypair)s."


class StackNotFound(ResourceNotFound):
    message = "Stack with id %(stack_id)s not found in Heat."


class CertificateNotFound(ResourceNotFound):
    message = "Certificate %(ref)s could not be found."


# 406 -----------------------------------------------------------------
class NotAcceptable(MagnumLikeException):
    message = "Request not acceptable."
    code = http.client.NOT_ACCEPTABLE


# 409 -----------------------------------------------------------------
class Conflict(MagnumLikeException):
    message = "Conflict."
    code = http.client.CONFLICT


class ClusterLocked(Conflict):
    message = ("Cluster %(cluster)s is locked by conductor %(host)s "
               "while it runs %(operation)s; try again later.")


class ClusterLockLost(ClusterLocked):
    """The lock went stale and another conductor took it over."""


class ClusterBusy(Conflict):
    """Refused by the API: another operation was requested and has not
    reached Heat yet, or a conductor holds the cluster."""

    message = ("Cluster %(cluster)s already has an operation in progress "
               "(%(operation)s); try again when it has finished.")


class ClusterAlreadyExists(Conflict):
    message = "A cluster with UUID %(uuid)s already exists."


class NodeGroupAlreadyExists(Conflict):
    message = ("A node group with name %(name)s already exists in the "
               "cluster %(cluster_id)s.")


class MagnumServiceAlreadyExists(Conflict):
    message = "A magnum service with ID %(id)s already exists."


class ClusterTemplateAlreadyExists(Conflict):
    message = "A ClusterTemplate with UUID %(uuid)s already exists."


class AmbiguousName(Conflict):
    message = ("Multiple %(resource)s exist with same name %(name)s. "
               "Please use the resource id instead.")


# 5xx -----------------------------------------------------------------
class TemplateError(MagnumLikeException):
    """A driver's templates or mappings are broken (a product bug)."""

    message = "The cluster templates of this driver are broken: %(reason)s"


class TrustCreateFailed(MagnumLikeException):
    message = ("Failed to create the trust or trustee user of cluster "
               "%(cluster)s: %(reason)s")


class CertificateError(MagnumLikeException):
    message = "Certificate storage failed: %(reason)s"


class InvalidCsr(Invalid):
    message = "Received invalid csr: %(reason)s"


class CertificateValidationError(Invalid):
    message = "Extension '%(extension)s' not allowed"


class CaRotationNotSupported(NotSupported):
    message = ("Rotating the CA of cluster %(cluster)s is not supported: "
               "%(reason)s")


class ServiceUnavailable(MagnumLikeException):
    message = "The service is unavailable: %(reason)s"
    code = http.client.SERVICE_UNAVAILABLE


# -- The clusters, nodegroups, quotas and stats API --------------------
class ZeroNodeCountNotSupported(NotSupported):
    message = ("A node count of 0 is not supported by the requested API "
               "microversion; use 1.10 or later.")


class MasterNGSizeInvalid(Invalid):
    message = ("master nodegroup size of %(requested_size)s is invalid, "
               "size cannot be an even number.")


class MasterNGResizeNotSupported(NotSupported):
    message = "Resizing a master nodegroup is not supported by this driver."


class NGResizeOutBounds(Invalid):
    message = ("Resizing %(nodegroup)s outside the allowed range: "
               "min_node_count = %(min_nc)s, max_node_count = %(max_nc)s")


class ClusterUpgradeNotSupportedByDriver(NotSupported):
    message = "Upgrading this cluster is not supported: %(reason)s"


class ClusterUpgradeNotSupported(NotSupported):
    message = ("Upgrading a cluster needs API microversion 1.8 or "
               "later.")


class DeletingDefaultNGNotSupported(NotSupported):
    message = "Deleting a default nodegroup is not supported."


class CreateMasterNodeGroup(NotSupported):
    message = "Creating master nodegroups is currently not supported."


class ClusterTemplateHidden(NotAuthorized):
    message = ("Cluster template %(clustertemplate)s is hidden; only "
               "administrators may create clusters from it.")


class QuotaNotFound(ResourceNotFound):
    message = "Quota %(msg)s could not be found."


class ProjectNotFound(ResourceNotFound):
    message = "Project %(name)s could not be found."


class NodeGroupInvalidInput(Conflict):
    message = "%(attr)s for %(nodegroup)s is invalid (%(expl)s)."


class ClusterAPIAddressUnavailable(Conflict):
    message = ("The cluster has no API address yet; wait until its "
               "creation is complete.")


class InvalidClusterTemplateForUpgrade(Conflict):
    message = "Cluster Template is not valid for upgrade: %(reason)s"


class QuotaAlreadyExists(Conflict):
    message = ("Quota for project %(project_id)s already exists for "
               "resource %(resource)s.")
