"""The cert manager backends: x509keypair keeps private keys encrypted
at rest; local keeps 0600 files; both delete idempotently."""

import os
import stat

from magnum_like.common import cert_manager
from magnum_like.common import crypto
from magnum_like.common import exceptions
from magnum_like.db import x509keypairs
from tests import base
from tests import fixtures_db

KEY = "-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----\n"


class _Backend:
    backend = None

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures_db.MigratedSQLite(self.config_fixture))
        self.config(cert_manager_type=self.backend, group="certificates")
        cert_manager.reset()
        self.addCleanup(cert_manager.reset)
        self.manager = cert_manager.check()

    def test_round_trip_and_delete(self):
        ref = self.manager.store("CERT", KEY, intermediates="CA")
        stored = self.manager.get(ref)
        self.assertEqual(("CERT", KEY, "CA"), (
            stored.certificate, stored.private_key, stored.intermediates))
        self.manager.delete(ref)
        self.manager.delete(ref)
        self.assertRaises(exceptions.CertificateNotFound, self.manager.get,
                          ref)


class TestX509KeyPair(_Backend, base.TestCase):
    backend = "x509keypair"

    def test_private_key_is_encrypted_at_rest(self):
        ref = self.manager.store("CERT", KEY)
        row = x509keypairs.get(ref)
        self.assertNotIn("secret", row.private_key)
        self.assertTrue(row.private_key.startswith(crypto.PREFIX))
        self.assertEqual("CERT", row.certificate)

    def test_refuses_without_a_key(self):
        self.config(encryption_key=None, group="certificates")
        self.assertRaises(exceptions.CertificateError, cert_manager.check)
        self.assertRaises(exceptions.CertificateError, self.manager.store,
                          "CERT", KEY)

    def test_wrong_key_cannot_decrypt(self):
        ref = self.manager.store("CERT", KEY)
        self.config(encryption_key=crypto.generate_key(),
                    group="certificates")
        self.assertRaises(exceptions.CertificateError, self.manager.get,
                          ref)


class TestLocal(_Backend, base.TestCase):
    backend = "local"

    def test_files_are_private(self):
        ref = self.manager.store("CERT", KEY)
        path = os.path.join(self.state_path, "certificates", ref + ".key")
        self.assertEqual(0o600, stat.S_IMODE(os.stat(path).st_mode))
        self.assertRaises(exceptions.CertificateNotFound, self.manager.get,
                          "../../etc/passwd")
