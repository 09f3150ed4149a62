"""Barbican emulation: ``world.key_manager``.

Secrets hold a payload (bytes) with the content type it was stored as;
containers name secrets of the same project. As in Barbican, an unknown
(or expired) id is NotFound, while a secret or container of another
project is Forbidden: ids are global, access is per project. Deleting a
secret takes it out of the containers that named it; deleting a
container leaves its secrets alone.

The messages are Barbican's; ``operation`` ("Secret retrieval",
"Container deletion", ...) names the refused action as Barbican's
policy errors do.
"""

import datetime

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world.base import locked

SECRET_TYPES = ("symmetric", "passphrase", "private", "public",
                "certificate", "opaque")
CONTAINER_TYPES = ("generic", "rsa", "certificate")
# Barbican's 404 description, of a "secret" or a "container".
NOT_FOUND = "Not Found. Sorry but your %s is in another castle."
NOT_ALLOWED = ("%s attempt not allowed - please review your user/project "
               "privileges")


def _now():
    return base.utcnow().replace(tzinfo=None)


def _page(rows, offset, limit):
    return rows[offset:offset + limit], len(rows)


class KeyManager(base.Service):
    """Secrets and containers, per project."""

    def reset(self):
        self.secrets = {}
        self.containers = {}

    # -- secrets ---------------------------------------------------------
    @locked
    def create_secret(self, project_id, creator_id=None, payload=None,
                      content_type=None, name=None, secret_type=None,
                      algorithm=None, bit_length=None, mode=None,
                      expiration=None):
        """Store a secret; ``payload`` is bytes (None: metadata only) and
        ``content_type`` its normalized type (``text/plain``,
        ``application/octet-stream``...). ``expiration`` is a naive UTC
        datetime; ``secret_type`` defaults to ``opaque``."""
        secret_type = secret_type or "opaque"
        if secret_type not in SECRET_TYPES:
            raise errors.BadRequest("Unknown secret type %s" % secret_type)
        now = _now()
        rec = {"id": base.new_id(), "project_id": project_id,
               "creator_id": creator_id, "name": name,
               "secret_type": secret_type, "algorithm": algorithm,
               "bit_length": bit_length, "mode": mode,
               "expiration": expiration, "payload": payload,
               "content_type": content_type if payload is not None
               else None,
               "status": "ACTIVE", "created": now, "updated": now}
        self.secrets[rec["id"]] = rec
        return rec

    def _live_secret(self, secret_id):
        rec = self.secrets.get(secret_id)
        if rec is None or (rec["expiration"] is not None
                           and rec["expiration"] <= _now()):
            return None
        return rec

    def _secret(self, secret_id, project_id, operation):
        rec = self._live_secret(secret_id)
        if rec is None:
            raise errors.NotFound(NOT_FOUND % "secret")
        if project_id is not None and rec["project_id"] != project_id:
            raise errors.Forbidden(NOT_ALLOWED % operation)
        return rec

    @locked
    def get_secret(self, secret_id, project_id=None,
                   operation="Secret retrieval"):
        """The secret record (payload included); NotFound when unknown
        or expired, Forbidden when it belongs to another project."""
        return self._secret(secret_id, project_id, operation)

    @locked
    def set_payload(self, secret_id, project_id, payload, content_type):
        """Give a metadata-only secret its payload (Conflict otherwise)."""
        rec = self._secret(secret_id, project_id, "Secret update")
        if rec["payload"] is not None:
            raise errors.Conflict("Secret already has data, cannot modify "
                                  "it.")
        rec.update(payload=payload, content_type=content_type,
                   updated=_now())
        return rec

    @locked
    def delete_secret(self, secret_id, project_id=None):
        self._secret(secret_id, project_id, "Secret deletion")
        del self.secrets[secret_id]
        for container in self.containers.values():
            container["secret_refs"] = [
                ref for ref in container["secret_refs"]
                if ref["secret_id"] != secret_id]

    @locked
    def list_secrets(self, project_id, offset=0, limit=10, name=None,
                     algorithm=None, mode=None, bits=0, secret_type=None):
        """(secrets of the page, total), oldest first, as Barbican."""
        rows = [r for r in self.secrets.values()
                if r["project_id"] == project_id
                and self._live_secret(r["id"]) is not None
                and (not name or r["name"] == name)
                and (not algorithm or r["algorithm"] == algorithm)
                and (not mode or r["mode"] == mode)
                and (not bits or r["bit_length"] == bits)
                and (not secret_type or r["secret_type"] == secret_type)]
        rows.sort(key=lambda r: (r["created"], r["id"]))
        return _page(rows, offset, limit)

    # -- containers --------------------------------------------------------
    @locked
    def create_container(self, project_id, creator_id=None, name=None,
                         container_type="generic", secret_refs=()):
        """A container naming secrets of the same project:
        ``secret_refs`` is a list of ``{"name", "secret_id"}``."""
        if container_type not in CONTAINER_TYPES:
            raise errors.BadRequest("Unknown container type %s"
                                    % container_type)
        refs = []
        for ref in secret_refs:
            rec = self._live_secret(ref["secret_id"])
            if rec is None or rec["project_id"] != project_id:
                raise errors.NotFound("Secret provided for '%s' doesn't "
                                      "exist." % ref.get("name"))
            refs.append({"name": ref.get("name"),
                         "secret_id": ref["secret_id"]})
        now = _now()
        rec = {"id": base.new_id(), "project_id": project_id,
               "creator_id": creator_id, "name": name,
               "type": container_type, "secret_refs": refs,
               "consumers": [], "status": "ACTIVE", "created": now,
               "updated": now}
        self.containers[rec["id"]] = rec
        return rec

    def _container(self, container_id, project_id, operation):
        rec = self.containers.get(container_id)
        if rec is None:
            raise errors.NotFound(NOT_FOUND % "container")
        if project_id is not None and rec["project_id"] != project_id:
            raise errors.Forbidden(NOT_ALLOWED % operation)
        return rec

    @locked
    def get_container(self, container_id, project_id=None,
                      operation="Container retrieval"):
        return self._container(container_id, project_id, operation)

    @locked
    def delete_container(self, container_id, project_id=None):
        """Delete the container only: its secrets stay."""
        self._container(container_id, project_id, "Container deletion")
        del self.containers[container_id]

    @locked
    def list_containers(self, project_id, offset=0, limit=10, name=None,
                        container_type=None):
        rows = [r for r in self.containers.values()
                if r["project_id"] == project_id
                and (not name or r["name"] == name)
                and (not container_type or r["type"] == container_type)]
        rows.sort(key=lambda r: (r["created"], r["id"]))
        return _page(rows, offset, limit)

    def summary_for(self, project_id):
        return {"secrets": sum(1 for r in self.secrets.values()
                               if r["project_id"] == project_id),
                "containers": sum(1 for r in self.containers.values()
                                  if r["project_id"] == project_id)}


def parse_expiration(value):
    """A naive UTC datetime from an ISO 8601 string (ValueError)."""
    when = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if when.tzinfo is not None:
        when = when.astimezone(datetime.UTC).replace(tzinfo=None)
    return when
