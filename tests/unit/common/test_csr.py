"""The CSR signing policy (common/x509/csr.py)."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from magnum_like.common import exceptions
from magnum_like.common.x509 import cluster_certs
from magnum_like.common.x509 import csr as csr_mod
from magnum_like.common.x509 import operations
from tests import base


def _csr(key=None, ca=False, critical_ext=None, cn="node"):
    key = key or operations.generate_private_key(2048)
    builder = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
    builder = builder.add_extension(x509.SubjectAlternativeName(
        [x509.DNSName("node.example")]), critical=False)
    if ca:
        builder = builder.add_extension(
            x509.BasicConstraints(ca=True, path_length=None), critical=True)
    if critical_ext is not None:
        builder = builder.add_extension(critical_ext, critical=True)
    return builder.sign(key, hashes.SHA256()).public_bytes(
        serialization.Encoding.PEM).decode()


class TestSign(base.TestCase):
    def setUp(self):
        super().setUp()
        self.ca = cluster_certs.generate("c1", key_size=2048).ca

    def sign(self, pem, **kwargs):
        return csr_mod.sign(pem, self.ca.certificate, self.ca.private_key,
                            **kwargs)

    def test_signed_certificate(self):
        now = datetime.datetime.now(datetime.UTC)
        issued = self.sign(_csr(), now=now)
        cert = x509.load_pem_x509_certificate(issued.pem.encode())
        cert.verify_directly_issued_by(self.ca.load_certificate())
        self.assertEqual("CN=node", issued.subject)
        self.assertEqual("%x" % cert.serial_number, issued.serial)
        self.assertEqual(now + datetime.timedelta(days=365),
                         cert.not_valid_after_utc.replace(
                             microsecond=now.microsecond))
        self.assertEqual(["node.example"], cert.extensions
                         .get_extension_for_class(
                             x509.SubjectAlternativeName)
                         .value.get_values_for_type(x509.DNSName))
        self.assertNotIn("PRIVATE", issued.pem)

    def test_validity_follows_the_option_and_the_ca(self):
        self.config(term_of_validity=10, group="x509")
        cert = x509.load_pem_x509_certificate(self.sign(_csr()).pem.encode())
        self.assertLessEqual(
            cert.not_valid_after_utc - cert.not_valid_before_utc,
            datetime.timedelta(days=10, minutes=5))
        self.config(term_of_validity=100000, group="x509")
        cert = x509.load_pem_x509_certificate(self.sign(_csr()).pem.encode())
        self.assertLessEqual(cert.not_valid_after_utc,
                             self.ca.load_certificate().not_valid_after_utc)

    def test_ca_requests(self):
        self.assertRaises(exceptions.CertificateValidationError,
                          self.sign, _csr(ca=True))
        self.config(allow_ca=True, group="x509")
        cert = x509.load_pem_x509_certificate(
            self.sign(_csr(ca=True)).pem.encode())
        self.assertTrue(cert.extensions.get_extension_for_class(
            x509.BasicConstraints).value.ca)

    def test_refusals(self):
        self.assertRaises(exceptions.CertificateValidationError, self.sign,
                          _csr(critical_ext=x509.OCSPNoCheck()))
        for bad in ("", "junk", _csr() * 2, _csr() + "x" * 70000,
                    _csr(key=ec.generate_private_key(ec.SECP256K1()))):
            self.assertRaises(exceptions.InvalidCsr, self.sign, bad)
        self.config(rsa_key_size=4096, group="x509")
        self.assertRaises(exceptions.InvalidCsr, self.sign, _csr())
