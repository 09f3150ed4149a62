"""Signing certificate requests (facts §4.5), with a stricter policy
than Magnum's:

* the PEM is at most MAX_CSR_BYTES, holds one CSR whose self-signature
  verifies, and its key is RSA of at least [x509] rsa_key_size bits or
  an EC key on P-256/P-384/P-521 (anything else is InvalidCsr);
* a CA:true request is refused unless [x509] allow_ca;
* a critical extension outside [x509] allowed_extensions is refused
  (CertificateValidationError); a non-critical one is dropped;
* key usages are filtered to [x509] allowed_key_usage; the subject and
  the SubjectAltNames are taken from the CSR;
* validity is [x509] term_of_validity days at most (not_before is now
  minus 5 minutes for clock skew), never beyond the CA's own expiry.
"""

import dataclasses
import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtensionOID
from oslo_config import cfg

from magnum_like.common import exceptions

CONF = cfg.CONF
MAX_CSR_BYTES = 64 * 1024
EC_CURVES = (ec.SECP256R1, ec.SECP384R1, ec.SECP521R1)

# [x509] allowed_extensions names (OpenSSL's short names) -> OIDs.
EXTENSION_NAMES = {
    "keyUsage": ExtensionOID.KEY_USAGE,
    "extendedKeyUsage": ExtensionOID.EXTENDED_KEY_USAGE,
    "subjectAltName": ExtensionOID.SUBJECT_ALTERNATIVE_NAME,
    "basicConstraints": ExtensionOID.BASIC_CONSTRAINTS,
    "subjectKeyIdentifier": ExtensionOID.SUBJECT_KEY_IDENTIFIER,
    "authorityKeyIdentifier": ExtensionOID.AUTHORITY_KEY_IDENTIFIER,
}
# [x509] allowed_key_usage names (OpenSSL's long names) -> KeyUsage args.
KEY_USAGE_NAMES = {
    "Digital Signature": "digital_signature",
    "Non Repudiation": "content_commitment",
    "Key Encipherment": "key_encipherment",
    "Data Encipherment": "data_encipherment",
    "Key Agreement": "key_agreement",
    "Certificate Sign": "key_cert_sign",
    "CRL Sign": "crl_sign",
    "Encipher Only": "encipher_only",
    "Decipher Only": "decipher_only",
}


@dataclasses.dataclass(frozen=True)
class Issued:
    """A signed certificate and what the issuance record keeps."""

    pem: str
    serial: str
    subject: str
    not_after: datetime.datetime


def _invalid(reason):
    return exceptions.InvalidCsr(reason=reason)


def load(pem):
    """The verified CSR of `pem` (str), or InvalidCsr."""
    if not isinstance(pem, str) or not pem.strip():
        raise _invalid("the CSR is empty")
    data = pem.encode("utf-8", "replace")
    if len(data) > MAX_CSR_BYTES:
        raise _invalid("the CSR is larger than %d bytes" % MAX_CSR_BYTES)
    if data.count(b"-----BEGIN") != 1:
        raise _invalid("expected exactly one PEM block")
    try:
        csr = x509.load_pem_x509_csr(data)
        valid = csr.is_signature_valid
    except (ValueError, TypeError) as e:
        raise _invalid("not a PEM certificate request (%s)"
                       % type(e).__name__)
    if not valid:
        raise _invalid("the CSR signature does not verify")
    _check_key(csr.public_key())
    return csr


def _check_key(key):
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < CONF.x509.rsa_key_size:
            raise _invalid("RSA keys must have at least %d bits"
                           % CONF.x509.rsa_key_size)
        if key.public_numbers().e < 65537:
            raise _invalid("weak RSA public exponent")
        return
    if isinstance(key, ec.EllipticCurvePublicKey) and \
            isinstance(key.curve, EC_CURVES):
        return
    raise _invalid("unsupported key type %s"
                   % type(key).__name__.lstrip("_"))


def _key_usage(ext):
    allowed = {KEY_USAGE_NAMES[n] for n in CONF.x509.allowed_key_usage
               if n in KEY_USAGE_NAMES}
    usage = ext.value
    values = {}
    for arg in KEY_USAGE_NAMES.values():
        try:
            values[arg] = bool(getattr(usage, arg)) and arg in allowed
        except ValueError:   # encipher/decipher_only without agreement
            values[arg] = False
    if not values["key_agreement"]:
        values["encipher_only"] = values["decipher_only"] = False
    if not any(values.values()):
        return None
    return x509.KeyUsage(**values)


def _extensions(csr):
    """(extension value, critical) pairs to copy into the certificate."""
    allowed = {EXTENSION_NAMES[n] for n in CONF.x509.allowed_extensions
               if n in EXTENSION_NAMES}
    out = []
    for ext in csr.extensions:
        oid = ext.oid
        if oid == ExtensionOID.BASIC_CONSTRAINTS:
            if ext.value.ca and not CONF.x509.allow_ca:
                raise exceptions.CertificateValidationError(
                    extension="basicConstraints CA:true")
            continue   # always set by the signer
        if oid not in allowed or oid in (
                ExtensionOID.SUBJECT_KEY_IDENTIFIER,
                ExtensionOID.AUTHORITY_KEY_IDENTIFIER):
            if ext.critical:
                raise exceptions.CertificateValidationError(
                    extension=getattr(oid, "_name", oid.dotted_string))
            continue
        value = _key_usage(ext) if oid == ExtensionOID.KEY_USAGE \
            else ext.value
        if value is not None:
            out.append((value, ext.critical))
    return out


def _basic_constraints(csr):
    try:
        requested = csr.extensions.get_extension_for_class(
            x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        requested = None
    if requested is not None and requested.ca and CONF.x509.allow_ca:
        return x509.BasicConstraints(ca=True, path_length=0)
    return x509.BasicConstraints(ca=False, path_length=None)


def sign(csr_pem, ca_cert_pem, ca_key_pem, now=None):
    """Issued for the CSR `csr_pem`, signed by the CA (PEM texts)."""
    csr = load(csr_pem)
    extensions = _extensions(csr)
    ca_cert = x509.load_pem_x509_certificate(ca_cert_pem.encode())
    ca_key = serialization.load_pem_private_key(ca_key_pem.encode(),
                                                password=None)
    now = now or datetime.datetime.now(datetime.UTC)
    not_after = min(now + datetime.timedelta(
        days=CONF.x509.term_of_validity), ca_cert.not_valid_after_utc)
    builder = (x509.CertificateBuilder()
               .subject_name(csr.subject).issuer_name(ca_cert.subject)
               .public_key(csr.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5))
               .not_valid_after(not_after)
               .add_extension(_basic_constraints(csr), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(
                   csr.public_key()), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier
                              .from_issuer_public_key(ca_key.public_key()),
                              critical=False))
    for value, critical in extensions:
        builder = builder.add_extension(value, critical=critical)
    cert = builder.sign(ca_key, hashes.SHA256())
    return Issued(
        pem=cert.public_bytes(serialization.Encoding.PEM).decode(),
        serial="%x" % cert.serial_number, subject=csr.subject.rfc4514_string(),
        not_after=not_after)
