"""Secrets at rest: Fernet encryption with [certificates]
encryption_key (private keys of the x509keypair cert manager, trustee
passwords on the cluster row)."""

import secrets
import string

from cryptography import fernet

from magnum_like.common import exceptions
from magnum_like.conf import CONF

PREFIX = "fernet:"
_PASSWORD_CHARS = string.ascii_letters + string.digits


def _fernet():
    key = CONF.certificates.encryption_key
    if not key:
        raise exceptions.CertificateError(
            reason="[certificates] encryption_key is not set; secrets "
                   "are never stored unencrypted")
    try:
        return fernet.Fernet(key)
    except ValueError:
        raise exceptions.CertificateError(
            reason="[certificates] encryption_key is not a Fernet key "
                   "(32 url-safe base64-encoded bytes)")


def check():
    _fernet()


def generate_key():
    return fernet.Fernet.generate_key().decode()


def encrypt(text):
    if text is None:
        return None
    return PREFIX + _fernet().encrypt(text.encode()).decode()


def decrypt(text):
    """The clear text of `encrypt`'s output (other text is returned
    unchanged: rows written before encryption)."""
    if not text or not text.startswith(PREFIX):
        return text
    try:
        return _fernet().decrypt(text[len(PREFIX):].encode()).decode()
    except fernet.InvalidToken:
        raise exceptions.CertificateError(
            reason="a stored secret cannot be decrypted with "
                   "[certificates] encryption_key")


def random_password(length=18):
    return "".join(secrets.choice(_PASSWORD_CHARS) for _ in range(length))
