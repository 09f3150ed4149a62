"""Certificate storage backends, loaded by stevedore from the
`magnum_like.cert_manager.backend` entry points named by
[certificates] cert_manager_type.

A backend stores a certificate with its private key (and optional
intermediates) and returns a reference string the cluster row keeps.
"""

import threading

from oslo_config import cfg
from stevedore import driver as stevedore_driver

from magnum_like.common import exceptions

CONF = cfg.CONF
NAMESPACE = "magnum_like.cert_manager.backend"

_LOCK = threading.Lock()
_CACHE = {}


def get_backend(name=None):
    """The configured backend instance (one per name per process)."""
    name = name or CONF.certificates.cert_manager_type
    with _LOCK:
        if name not in _CACHE:
            try:
                manager = stevedore_driver.DriverManager(
                    NAMESPACE, name, invoke_on_load=True)
            except RuntimeError as e:
                raise exceptions.CertificateError(
                    reason="cert manager %s could not be loaded: %s" %
                    (name, e))
            _CACHE[name] = manager.driver
        return _CACHE[name]


def reset():
    with _LOCK:
        _CACHE.clear()


def check():
    """Refuse to start when the configured backend cannot work (e.g. the
    x509keypair backend without [certificates] encryption_key)."""
    backend = get_backend()
    backend.check()
    return backend
