"""The `local` backend: files <storage_path>/<uuid>.crt/.key/.int
(mode 0600). For development and tests: keys are not encrypted."""

import os

from oslo_utils import uuidutils

from magnum_like.common import exceptions
from magnum_like.common.cert_manager import base
from magnum_like.conf import CONF

_PARTS = (("certificate", ".crt"), ("private_key", ".key"),
          ("intermediates", ".int"))


def _path(ref, suffix):
    if not uuidutils.is_uuid_like(ref):
        raise exceptions.CertificateNotFound(ref=ref)
    return os.path.join(CONF.certificates.storage_path, ref + suffix)


class LocalCertManager(base.CertManager):
    def check(self):
        os.makedirs(CONF.certificates.storage_path, mode=0o700,
                    exist_ok=True)

    def store(self, certificate, private_key, intermediates=None,
              project_id=None, user_id=None):
        self.check()
        ref = uuidutils.generate_uuid()
        values = {"certificate": certificate, "private_key": private_key,
                  "intermediates": intermediates}
        for name, suffix in _PARTS:
            if values[name] is None:
                continue
            fd = os.open(_path(ref, suffix),
                         os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(values[name])
        return ref

    def get(self, ref):
        values = {}
        for name, suffix in _PARTS:
            try:
                with open(_path(ref, suffix)) as f:
                    values[name] = f.read()
            except FileNotFoundError:
                if name != "intermediates":
                    raise exceptions.CertificateNotFound(ref=ref)
                values[name] = None
        return base.StoredCert(**values)

    def delete(self, ref):
        for _, suffix in _PARTS:
            try:
                os.unlink(_path(ref, suffix))
            except (FileNotFoundError, exceptions.CertificateNotFound):
                pass
