"""Cluster CAs and the client certificate, with `cryptography`."""

from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.oid import NameOID

from magnum_like.common.x509 import cluster_certs
from magnum_like.common.x509 import operations
from tests import base


class TestClusterCertificates(base.TestCase):
    def test_three_cas_and_a_client_cert(self):
        certs = cluster_certs.generate("my-cluster")
        self.assertEqual(set(cluster_certs.REF_COLUMNS), set(certs.pairs))
        for col, _ in cluster_certs.CA_REFS:
            cert = certs.pairs[col].load_certificate()
            self.assertEqual(cert.subject, cert.issuer)
            self.assertEqual("my-cluster", cert.subject.get_attributes_for_oid(
                NameOID.COMMON_NAME)[0].value)
            constraints = cert.extensions.get_extension_for_class(
                x509.BasicConstraints).value
            self.assertTrue(constraints.ca)
            self.assertEqual(0, constraints.path_length)
            usage = cert.extensions.get_extension_for_class(
                x509.KeyUsage).value
            self.assertTrue(usage.key_cert_sign)
        # three distinct CAs
        self.assertEqual(3, len({certs.pairs[c].certificate
                                 for c, _ in cluster_certs.CA_REFS}))

        client = certs.client.load_certificate()
        subject = client.subject
        self.assertEqual("admin", subject.get_attributes_for_oid(
            NameOID.COMMON_NAME)[0].value)
        self.assertEqual("system:masters", subject.get_attributes_for_oid(
            NameOID.ORGANIZATION_NAME)[0].value)
        self.assertEqual(certs.ca.load_certificate().subject, client.issuer)
        client.verify_directly_issued_by(certs.ca.load_certificate())
        eku = client.extensions.get_extension_for_class(
            x509.ExtendedKeyUsage).value
        self.assertIn(ExtendedKeyUsageOID.CLIENT_AUTH, list(eku))
        self.assertIn("BEGIN PUBLIC KEY", certs.client.public_key_pem())

    def test_sign_a_server_certificate(self):
        ca = operations.generate_ca("ca")
        key = operations.generate_private_key()
        pem = operations.sign(ca, key.public_key(), operations._name("node"),
                              client=False, server=True, days=3)
        cert = x509.load_pem_x509_certificate(pem.encode())
        eku = cert.extensions.get_extension_for_class(
            x509.ExtendedKeyUsage).value
        self.assertEqual([ExtendedKeyUsageOID.SERVER_AUTH], list(eku))
