"""Generate keys, self-signed CAs and certificates signed by them.

Facts §8.5: a CA has KeyUsage keyCertSign (+ cRLSign), BasicConstraints
CA:true with path_length 0, and its issuer CN is the cluster's name or
uuid. Keys are RSA of [x509] rsa_key_size bits. Everything is PEM text.
"""

import dataclasses
import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.oid import NameOID
from oslo_config import cfg

CONF = cfg.CONF
_CA_YEARS = 10


@dataclasses.dataclass(frozen=True)
class KeyPair:
    """A certificate and its (unencrypted) private key, PEM text."""

    certificate: str
    private_key: str

    def load_certificate(self):
        return x509.load_pem_x509_certificate(self.certificate.encode())

    def load_private_key(self):
        return serialization.load_pem_private_key(
            self.private_key.encode(), password=None)

    def public_key_pem(self):
        return self.load_private_key().public_key().public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def _now():
    return datetime.datetime.now(datetime.UTC)


def generate_private_key(key_size=None):
    return rsa.generate_private_key(
        public_exponent=65537, key_size=key_size or CONF.x509.rsa_key_size)


def _key_pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()


def _cert_pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def _name(common_name, organization=None):
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                        organization))
    return x509.Name(attrs)


def generate_ca(common_name, key_size=None):
    """A self-signed CA KeyPair named `common_name`."""
    key = generate_private_key(key_size)
    name = _name(common_name)
    now = _now()
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + datetime.timedelta(days=365 * _CA_YEARS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0),
                           critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=False, content_commitment=False,
                key_encipherment=False, data_encipherment=False,
                key_agreement=False, key_cert_sign=True, crl_sign=True,
                encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(
                key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return KeyPair(_cert_pem(cert), _key_pem(key))


def sign(ca, public_key, subject, client=True, server=False, days=None):
    """A certificate for `public_key` with `subject` (an x509.Name),
    signed by the CA KeyPair `ca`, valid [x509] term_of_validity days."""
    ca_cert, ca_key = ca.load_certificate(), ca.load_private_key()
    now = _now()
    usages = []
    if client:
        usages.append(ExtendedKeyUsageOID.CLIENT_AUTH)
    if server:
        usages.append(ExtendedKeyUsageOID.SERVER_AUTH)
    builder = (x509.CertificateBuilder()
               .subject_name(subject).issuer_name(ca_cert.subject)
               .public_key(public_key)
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5))
               .not_valid_after(now + datetime.timedelta(
                   days=days or CONF.x509.term_of_validity))
               .add_extension(x509.BasicConstraints(ca=False,
                                                    path_length=None),
                              critical=True)
               .add_extension(x509.KeyUsage(
                   digital_signature=True, content_commitment=False,
                   key_encipherment=True, data_encipherment=False,
                   key_agreement=False, key_cert_sign=False,
                   crl_sign=False, encipher_only=False,
                   decipher_only=False), critical=True)
               .add_extension(x509.AuthorityKeyIdentifier
                              .from_issuer_public_key(ca_key.public_key()),
                              critical=False))
    if usages:
        builder = builder.add_extension(x509.ExtendedKeyUsage(usages),
                                        critical=False)
    return _cert_pem(builder.sign(ca_key, hashes.SHA256()))


def generate_client_cert(ca, common_name, organization=None,
                         key_size=None, private_key=None):
    """A client certificate signed by `ca` for a new key, or for
    `private_key` (PEM) when given."""
    key = serialization.load_pem_private_key(
        private_key.encode(), password=None) if private_key \
        else generate_private_key(key_size)
    cert = sign(ca, key.public_key(), _name(common_name, organization))
    return KeyPair(cert, _key_pem(key))
