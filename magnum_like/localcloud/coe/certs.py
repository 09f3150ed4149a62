"""The TLS identity of each cluster's API: a key the local cloud keeps,
a CSR for it (what a master's boot script sends to Magnum's
certificates API) and the certificate the cluster's CA issued, with the
CA certificate the client certificates are checked against.

    csr_pem = store.csr(address)          # key made on first use (P-256)
    store.install(address, cert_pem, ca_pem)
    ctx = store.server_context(address)   # None until installed
"""

import os
import ssl
import tempfile
import threading

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


class CertStore:
    def __init__(self):
        self._lock = threading.Lock()
        self._keys = {}
        self._contexts = {}

    def reset(self):
        with self._lock:
            self._keys.clear()
            self._contexts.clear()

    def _key(self, address):
        key = self._keys.get(address)
        if key is None:
            key = self._keys[address] = ec.generate_private_key(
                ec.SECP256R1())
        return key

    def csr(self, address):
        """A PEM CSR for the API server at `address` (IP SAN)."""
        import ipaddress
        with self._lock:
            key = self._key(address)
        try:
            san = x509.IPAddress(ipaddress.ip_address(address))
        except ValueError:
            san = x509.DNSName(address)
        req = (x509.CertificateSigningRequestBuilder()
               .subject_name(x509.Name([x509.NameAttribute(
                   NameOID.COMMON_NAME, "kube-apiserver")]))
               .add_extension(x509.SubjectAlternativeName([san]),
                              critical=False)
               .sign(key, hashes.SHA256()))
        return req.public_bytes(serialization.Encoding.PEM).decode()

    def install(self, address, cert_pem, ca_pem):
        """Serve `address` with `cert_pem` (issued for the key of
        csr(address)) and accept clients certified by `ca_pem`."""
        with self._lock:
            key = self._keys.get(address)
            if key is None:
                raise KeyError(address)
            cert = x509.load_pem_x509_certificate(cert_pem.encode())
            if cert.public_key().public_numbers() != \
                    key.public_key().public_numbers():
                raise ValueError("the certificate is not for this key")
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.verify_mode = ssl.CERT_REQUIRED
            ctx.load_verify_locations(cadata=ca_pem)
            self._load_chain(ctx, key, cert_pem)
            self._contexts[address] = ctx

    @staticmethod
    def _load_chain(ctx, key, cert_pem):
        # ssl reads key and chain from a file only: a private one,
        # removed at once.
        fd, path = tempfile.mkstemp(prefix="localcloud-coe-", suffix=".pem")
        try:
            with os.fdopen(fd, "w") as f:
                f.write(key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption()).decode())
                f.write(cert_pem)
            ctx.load_cert_chain(path)
        finally:
            os.unlink(path)

    def server_context(self, address):
        with self._lock:
            return self._contexts.get(address)
