"""What a certificate backend stores and returns."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class StoredCert:
    certificate: str
    private_key: str
    intermediates: str = None


class CertManager:
    """Backends implement store/get/delete; `delete` of an unknown ref
    is not an error (a cleanup may run twice)."""

    def check(self):
        """Raise CertificateError when the backend is misconfigured."""

    def store(self, certificate, private_key, intermediates=None,
              project_id=None, user_id=None):
        raise NotImplementedError

    def get(self, ref):
        raise NotImplementedError

    def delete(self, ref):
        raise NotImplementedError
