"""Nova flavors, keypairs, quotas and availability zones."""

import base64
import hashlib

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked

DEFAULT_QUOTAS = {"instances": 10, "cores": 20, "ram": 51200,
                  "key_pairs": 100, "server_groups": 10,
                  "server_group_members": 10, "metadata_items": 128,
                  "injected_files": 5, "injected_file_content_bytes": 10240,
                  "injected_file_path_bytes": 255}


def fingerprint(public_key):
    """Nova's MD5 fingerprint of an OpenSSH public key."""
    try:
        blob = base64.b64decode(public_key.split()[1].encode())
    except (IndexError, ValueError):
        raise errors.BadRequest("Keypair data is invalid: failed to "
                                "generate fingerprint")
    digest = hashlib.md5(blob, usedforsecurity=False).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


def generate_keypair():
    """A new (private PEM, public OpenSSH) pair; needs ``cryptography``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH,
        serialization.PublicFormat.OpenSSH).decode()
    return private, public + " Generated-by-Nova"


class CatalogsMixin:
    """Flavors, keypairs (per user), quotas (per project), zones."""

    def _reset_catalogs(self):
        self.flavors = {}
        self.keypairs = {}       # (user id, name) -> record
        self.quotas = {}         # project id -> {resource: limit}
        self._keypair_seq = 0

    # -- flavors ---------------------------------------------------------
    @locked
    def create_flavor(self, name, ram, vcpus, disk, id=None, ephemeral=0,
                      swap=0, is_public=True, extra_specs=None,
                      description=None, rxtx_factor=1.0):
        flavor_id = str(id or base.new_id())
        if flavor_id in self.flavors or any(
                f["name"] == name for f in self.flavors.values()):
            raise errors.Conflict("Flavor with name %s already exists."
                                  % name)
        rec = {"id": flavor_id, "name": name, "ram": int(ram),
               "vcpus": int(vcpus), "disk": int(disk),
               "OS-FLV-EXT-DATA:ephemeral": int(ephemeral),
               "swap": int(swap) if swap else "",
               "rxtx_factor": rxtx_factor,
               "os-flavor-access:is_public": is_public,
               "OS-FLV-DISABLED:disabled": False,
               "description": description,
               "extra_specs": dict(extra_specs or {})}
        self.flavors[flavor_id] = rec
        return rec

    def _flavor(self, name_or_id):
        return base.find_by_name_or_id(self.flavors, str(name_or_id),
                                       "Flavor")

    @locked
    def find_flavor(self, name_or_id):
        """Flavor by id or name; raises NotFound."""
        return self._flavor(name_or_id)

    @locked
    def get_flavor(self, flavor_id):
        rec = self.flavors.get(str(flavor_id))
        if rec is None:
            raise errors.NotFound("Flavor %s could not be found."
                                  % flavor_id)
        return rec

    @locked
    def list_flavors(self, is_public=True):
        """Flavors sorted by id like Nova (``is_public=None``: all)."""
        return sorted((f for f in self.flavors.values()
                       if is_public is None
                       or f["os-flavor-access:is_public"] == is_public),
                      key=lambda f: f["id"])

    @locked
    def delete_flavor(self, flavor_id):
        if self.flavors.pop(str(flavor_id), None) is None:
            raise errors.NotFound("Flavor %s could not be found."
                                  % flavor_id)

    # -- keypairs --------------------------------------------------------
    @locked
    def create_keypair(self, user_id, name, public_key=None, key_type="ssh"):
        """Import ``public_key`` or generate one; a generated private key
        is returned once under ``private_key``."""
        if (user_id, name) in self.keypairs:
            raise errors.Conflict("Key pair '%s' already exists." % name)
        if not name or len(name) > 255:
            raise errors.BadRequest("Keypair data is invalid: name")
        self._check_quota_keypairs(user_id)
        private = None
        if public_key is None:
            private, public_key = generate_keypair()
        self._keypair_seq += 1
        rec = {"id": self._keypair_seq, "name": name, "user_id": user_id,
               "public_key": public_key, "type": key_type,
               "fingerprint": fingerprint(public_key),
               "created_at": base.isotime().replace("T", " ")[:-1],
               "deleted": False, "deleted_at": None, "updated_at": None}
        self.keypairs[(user_id, name)] = rec
        return dict(rec, private_key=private) if private else rec

    def _check_quota_keypairs(self, user_id):
        used = sum(1 for (uid, _n) in self.keypairs if uid == user_id)
        if used >= DEFAULT_QUOTAS["key_pairs"]:
            raise errors.QuotaExceeded("Quota exceeded, too many key pairs.")

    @locked
    def find_keypair(self, user_id, name):
        """The user's keypair; raises NotFound."""
        rec = self.keypairs.get((user_id, name))
        if rec is None:
            raise errors.NotFound("Keypair %s not found for user %s"
                                  % (name, user_id))
        return rec

    @locked
    def list_keypairs(self, user_id):
        return sorted((k for (uid, _n), k in self.keypairs.items()
                       if uid == user_id), key=lambda k: k["name"])

    @locked
    def delete_keypair(self, user_id, name):
        if self.keypairs.pop((user_id, name), None) is None:
            raise errors.NotFound("Keypair %s not found for user %s"
                                  % (name, user_id))

    # -- quotas ----------------------------------------------------------
    def quota_for(self, project_id):
        return dict(DEFAULT_QUOTAS, **self.quotas.get(project_id, {}))

    @locked
    def set_quota(self, project_id, **limits):
        unknown = set(limits) - set(DEFAULT_QUOTAS)
        if unknown:
            raise errors.BadRequest("Bad quota resources: %s"
                                    % ", ".join(sorted(unknown)))
        self.quotas.setdefault(project_id, {}).update(limits)
        return self.quota_for(project_id)

    @locked
    def update_quota(self, project_id, limits, force=False):
        """Nova's quota update: each limit -1 (unlimited) or more and,
        unless `force`, not below what the project already uses; all
        checked before any is written."""
        used = self.usage_for(project_id)
        for key, value in limits.items():
            if key not in DEFAULT_QUOTAS:
                raise errors.BadRequest("Bad quota resources: %s" % key)
            if value < -1:
                raise errors.BadRequest(
                    "Quota limit %s for %s must be -1 or greater."
                    % (value, key))
            if not force and value != -1 and value < used.get(key, 0):
                raise errors.BadRequest(
                    "Quota limit %s for %s must be greater than or equal "
                    "to already used and reserved %s." %
                    (value, key, used[key]))
        self.quotas.setdefault(project_id, {}).update(limits)
        return self.quota_for(project_id)

    def usage_for(self, project_id):
        servers = [s for s in self.servers.values()
                   if s["tenant_id"] == project_id]
        return {"instances": len(servers),
                "cores": sum(s["_flavor"]["vcpus"] for s in servers),
                "ram": sum(s["_flavor"]["ram"] for s in servers),
                "server_groups": sum(
                    1 for g in self.server_groups.values()
                    if g["project_id"] == project_id)}

    @locked
    def limits(self, project_id):
        """Nova ``GET /limits`` absolute limits (2.36+ shape)."""
        quota, used = self.quota_for(project_id), self.usage_for(project_id)
        return {"rate": [], "absolute": {
            "maxTotalInstances": quota["instances"],
            "maxTotalCores": quota["cores"],
            "maxTotalRAMSize": quota["ram"],
            "maxTotalKeypairs": quota["key_pairs"],
            "maxServerMeta": quota["metadata_items"],
            "maxImageMeta": quota["metadata_items"],
            "maxPersonality": quota["injected_files"],
            "maxPersonalitySize": quota["injected_file_content_bytes"],
            "maxServerGroups": quota["server_groups"],
            "maxServerGroupMembers": quota["server_group_members"],
            "totalInstancesUsed": used["instances"],
            "totalCoresUsed": used["cores"],
            "totalRAMUsed": used["ram"],
            "totalServerGroupsUsed": used["server_groups"]}}

    def _check_server_quota(self, project_id, flavor):
        quota, used = self.quota_for(project_id), self.usage_for(project_id)
        for key, extra in (("instances", 1), ("cores", flavor["vcpus"]),
                           ("ram", flavor["ram"])):
            if 0 <= quota[key] < used[key] + extra:
                raise errors.QuotaExceeded(
                    "Quota exceeded for %s: Requested %d, but already used "
                    "%d of %d %s" % (key, extra, used[key], quota[key], key))

    @locked
    def availability_zones(self):
        return [{"zoneName": "nova", "zoneState": {"available": True},
                 "hosts": None}]
