"""x509keypair rows: certificates stored by the x509keypair cert
manager (the private key arrives already encrypted)."""

from oslo_utils import uuidutils

from magnum_like.common import exceptions
from magnum_like.db import api as db_api
from magnum_like.db import models
from magnum_like.db import session

_MODEL = models.X509KeyPair


def create(values):
    values = dict(values)
    values.setdefault("uuid", uuidutils.generate_uuid())
    with session.writer() as s:
        s.add(_MODEL(**values))
    return get(values["uuid"])


def get(uuid):
    return db_api.get_by_uuid(
        _MODEL, uuid, lambda: exceptions.CertificateNotFound(ref=uuid))


def destroy(uuid):
    """Delete the row; False when it did not exist."""
    with session.writer() as s:
        return bool(s.query(_MODEL).filter(_MODEL.uuid == uuid).delete(
            synchronize_session=False))
