"""The `x509keypair` backend: the database table of that name, private
keys encrypted with Fernet ([certificates] encryption_key)."""

from magnum_like.common import crypto
from magnum_like.common.cert_manager import base
from magnum_like.db import x509keypairs


class X509KeyPairManager(base.CertManager):
    def check(self):
        crypto.check()

    def store(self, certificate, private_key, intermediates=None,
              project_id=None, user_id=None):
        row = x509keypairs.create(dict(
            certificate=certificate,
            private_key=crypto.encrypt(private_key),
            intermediates=intermediates, project_id=project_id,
            user_id=user_id))
        return row.uuid

    def get(self, ref):
        row = x509keypairs.get(ref)
        return base.StoredCert(row.certificate,
                               crypto.decrypt(row.private_key),
                               row.intermediates)

    def delete(self, ref):
        x509keypairs.destroy(ref)
