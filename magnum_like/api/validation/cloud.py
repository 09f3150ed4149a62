"""The OpenStack resources a cluster template names, checked through the
real Glance, Nova and Neutron clients (facts §4.1 steps 7 and 9).

Lookups act as the caller when the request carried a Keystone token, so
the cloud itself decides what the caller's project may see. Under the
`noauth` strategy they act as the service user, an admin that sees
everything; the same visibility rules are then applied here to the
project the request names.

Names or ids: a value that looks like a UUID is an id, anything else a
name; a name several resources share is a 409.
"""

from glanceclient import exc as glance_exc
from neutronclient.common import exceptions as neutron_exc
from novaclient import exceptions as nova_exc
from oslo_config import cfg
from oslo_utils import uuidutils

from magnum_like.common import clients
from magnum_like.common import exceptions
from magnum_like.common import network_rules

CONF = cfg.CONF


_only = network_rules.only


class Cloud:
    """The caller's view of the cloud, one client per service."""

    def __init__(self, context):
        self.context = context
        self.as_caller = getattr(context, "user_auth", None) is not None
        self._clients = {}

    def _client(self, service):
        if service not in self._clients:
            self._clients[service] = getattr(clients, service)(self.context)
        return self._clients[service]

    def _own(self, resource):
        owner = resource.get("project_id") or resource.get("tenant_id") \
            or resource.get("owner")
        return owner == self.context.project_id

    # -- Glance ----------------------------------------------------------
    def image(self, ident):
        """The image (a dict) with its `os_distro`."""
        not_found = exceptions.ImageNotFound(image_id=ident)
        with clients.unavailable_on_failure("glance"):
            glance = self._client("glance")
            try:
                if uuidutils.is_uuid_like(ident):
                    matches = [glance.images.get(ident)]
                else:
                    matches = list(glance.images.list(
                        filters={"name": ident}))
            except glance_exc.HTTPNotFound:
                raise not_found
            except glance_exc.HTTPForbidden:
                raise exceptions.ImageNotAuthorized(image_id=ident)
            matches = [dict(m) for m in matches if self._image_visible(m)]
        image = _only(matches, not_found, "images", ident)
        if not image.get("os_distro"):
            raise exceptions.OSDistroFieldNotFound(image_id=ident)
        return image

    def _image_visible(self, image):
        if self.as_caller or self._own(image):
            return True
        visibility = image.get("visibility")
        if visibility in ("public", "community"):
            return True
        if visibility == "shared":
            members = self._client("glance").image_members.list(image["id"])
            return any(m["member_id"] == self.context.project_id and
                       m["status"] == "accepted" for m in members)
        return False

    # -- Nova ------------------------------------------------------------
    def flavor(self, ident):
        """The flavor whose name or id is `ident`."""
        with clients.unavailable_on_failure("nova"):
            flavors = self._client("nova").flavors.list()
        by_id = [f for f in flavors if f.id == ident]
        matches = by_id or [f for f in flavors if f.name == ident]
        return _only(matches, exceptions.FlavorNotFound(flavor=ident),
                     "flavors", ident)

    def keypair(self, name):
        """The caller's keypair `name` (404 KeyPairNotFound)."""
        with clients.unavailable_on_failure("nova"):
            keypairs = self._client("nova").keypairs
            try:
                if self.as_caller:
                    return keypairs.get(name)
                return keypairs.get(name, user_id=self.context.user_id)
            except nova_exc.NotFound:
                raise exceptions.KeyPairNotFound(keypair=name)

    # -- Neutron ---------------------------------------------------------
    def _networks(self, ident, **filters):
        key = "id" if uuidutils.is_uuid_like(ident) else "name"
        filters[key] = ident
        with clients.unavailable_on_failure("neutron"):
            try:
                found = self._client("neutron").list_networks(**filters)
            except neutron_exc.NotFound:
                return []
        return found.get("networks", [])

    def external_network(self, ident):
        matches = self._networks(ident, **{"router:external": True})
        return _only(matches,
                     exceptions.ExternalNetworkNotFound(network=ident),
                     "external networks", ident)

    def fixed_network(self, ident):
        matches = [n for n in network_rules.fixed_network_candidates(
                       self._networks(ident))
                   if self.as_caller or n.get("shared") or self._own(n)]
        return _only(matches,
                     exceptions.FixedNetworkNotFound(network=ident),
                     "networks", ident)

    def fixed_subnet(self, ident):
        key = "id" if uuidutils.is_uuid_like(ident) else "name"
        with clients.unavailable_on_failure("neutron"):
            try:
                found = self._client("neutron").list_subnets(
                    **{key: ident})
            except neutron_exc.NotFound:
                found = {}
        matches = [s for s in found.get("subnets", [])
                   if self.as_caller or s.get("shared") or self._own(s)]
        return _only(matches, exceptions.FixedSubnetNotFound(subnet=ident),
                     "subnets", ident)


def boot_volume_size(labels):
    """The boot volume size in GB that nodes get (0: none)."""
    value = (labels or {}).get("boot_volume_size")
    if value in (None, ""):
        return CONF.cinder.default_boot_volume_size
    try:
        size = int(value)
    except (TypeError, ValueError):
        size = -1
    if size < 0:
        raise exceptions.InvalidParameterValue(
            err="The boot_volume_size label must be a whole number of GB, "
                "not %s." % value)
    return size


def check_root_disk(flavor, labels):
    """400 for a flavor without a root disk when nodes boot from the
    image (no boot volume)."""
    if not getattr(flavor, "disk", None) and not boot_volume_size(labels):
        raise exceptions.FlavorZeroRootVolumeNotSupported(
            flavor=flavor.name)


# field -> (Cloud method); the order is the order of the checks.
RESOURCE_CHECKS = (
    ("flavor_id", "flavor"),
    ("master_flavor_id", "flavor"),
    ("keypair_id", "keypair"),
    ("external_network_id", "external_network"),
    ("fixed_network", "fixed_network"),
    ("fixed_subnet", "fixed_subnet"),
)


def check_resources(cloud, template, fields=None):
    """Check the resources `template` names (those in `fields` only, when
    given) and the root disks of its flavors; the image is checked by
    the caller, which needs its os_distro. Returns {field: what the
    cloud answered} for the fields checked."""
    found = {}
    for field, method in RESOURCE_CHECKS:
        value = template.get(field)
        if value is None or (fields is not None and field not in fields):
            continue
        found[field] = getattr(cloud, method)(value)
        if method == "flavor":
            check_root_disk(found[field], template.get("labels"))
    return found
