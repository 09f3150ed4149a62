"""The `barbican` backend: a certificate is a Barbican certificate
container whose secrets hold the certificate, the private key and the
intermediates; its ref is the container's URL.

Barbican is reached as the service user of [keystone_auth], so the
secrets live in the service project whatever the cluster's project;
[barbican_client] chooses the catalog endpoint. Payloads are stored as
bytes (application/octet-stream, base64 on the wire): Barbican strips
the whitespace around text payloads, which would cut a PEM's final
newline.

python-barbicanclient is optional (the `barbican` extra): it is imported
when first used, and check() says when it is missing. No payload ever
reaches a log line or an exception message.
"""

import contextlib
import logging

from keystoneauth1 import exceptions as ks_exc
from oslo_config import cfg
from oslo_log import log as oslo_logging

from magnum_like.common import clients
from magnum_like.common import exceptions
from magnum_like.common.cert_manager import base

CONF = cfg.CONF
LOG = oslo_logging.getLogger(__name__)

# keystoneauth logs request and response bodies at DEBUG on the logger a
# request names: Barbican's requests name this one, which stays at INFO
# so that a payload is not logged even with `debug = True`.
HTTP_LOG = logging.getLogger(__name__ + ".http")
HTTP_LOG.setLevel(logging.INFO)

MISSING_CLIENT = ("cert_manager_type = barbican needs python-barbicanclient "
                  "(pip install 'magnum_like[barbican]')")
# (container reference name, StoredCert field, Barbican secret type)
PARTS = (("certificate", "certificate", "certificate"),
         ("private_key", "private_key", "private"),
         ("intermediates", "intermediates", "certificate"))


def _barbicanclient():
    """(client module, exceptions module) of python-barbicanclient."""
    try:
        from barbicanclient import client
        from barbicanclient import exceptions as barbican_exc
    except ImportError:
        raise exceptions.CertificateError(reason=MISSING_CLIENT)
    return client, barbican_exc


def _status(error):
    """The HTTP status of a barbicanclient or keystoneauth error."""
    for attr in ("status_code", "http_status"):
        value = getattr(error, attr, None)
        if isinstance(value, int) and value:
            return value
    return None


class BarbicanCertManager(base.CertManager):
    def check(self):
        _barbicanclient()
        try:
            clients.service_auth()
        except (exceptions.ServiceUnavailable, ks_exc.ClientException) as e:
            raise exceptions.CertificateError(
                reason="the barbican cert manager authenticates with "
                       "[keystone_auth], which is unusable: %s" % e)

    # -- the client --------------------------------------------------------
    def _client(self):
        client, _exc = _barbicanclient()
        opts = CONF.barbican_client
        return client.Client(session=clients.session(None, "barbican"),
                             region_name=opts.region_name,
                             interface=opts.endpoint_type, logger=HTTP_LOG)

    @contextlib.contextmanager
    def _errors(self, action, ref=None):
        """Barbican's failures as CertificateNotFound (a 404 while
        reading `ref`) or CertificateError."""
        _client, barbican_exc = _barbicanclient()
        try:
            yield
        except (exceptions.CertificateError, exceptions.CertificateNotFound):
            raise
        except (barbican_exc.HTTPError, barbican_exc.BarbicanException,
                ks_exc.ClientException, exceptions.MagnumLikeException,
                ValueError) as e:
            status = _status(e)
            if ref is not None and status == 404:
                raise exceptions.CertificateNotFound(ref=ref)
            if status:
                reason = "Barbican answered HTTP %s while %s: %s" % (
                    status, action, e)
            else:
                reason = "Barbican failed while %s: %s" % (action, e)
            raise exceptions.CertificateError(reason=reason)

    @staticmethod
    def _container(barbican, ref):
        """The container `ref` names; None when `ref` is no container
        reference (say a ref of another backend)."""
        try:
            return barbican.containers.get(ref)
        except (ValueError, TypeError):
            # TypeError: a container of a type the client does not know
            return None

    # -- the backend -------------------------------------------------------
    def store(self, certificate, private_key, intermediates=None,
              project_id=None, user_id=None):
        values = {"certificate": certificate, "private_key": private_key,
                  "intermediates": intermediates or None}
        stored = {}
        with self._errors("storing a certificate"):
            barbican = self._client()
            try:
                for name, field, secret_type in PARTS:
                    if values[field] is None:
                        continue
                    secret = barbican.secrets.create(
                        name=_name(name, project_id),
                        payload=values[field].encode("utf-8"),
                        secret_type=secret_type)
                    secret.store()
                    stored[name] = secret
                container = barbican.containers.create_certificate(
                    name=_name("certificate container", project_id),
                    **stored)
                ref = container.store()
            except Exception:
                self._forget(barbican, stored.values())
                raise
        LOG.debug("Stored certificate container %s", ref)
        return ref

    @staticmethod
    def _forget(barbican, secrets):
        """Delete the secrets of a store that failed half-way."""
        for secret in secrets:
            try:
                barbican.secrets.delete(secret.secret_ref)
            except Exception as e:
                LOG.warning("Could not delete Barbican secret %s of a "
                            "failed store: %s", secret.secret_ref, e)

    def get(self, ref):
        with self._errors("reading certificate %s" % ref, ref=ref):
            container = self._container(self._client(), ref)
            if container is None:
                raise exceptions.CertificateNotFound(ref=ref)
            values = {}
            for name, field, _type in PARTS:
                secret = container.secrets.get(name)
                values[field] = None if secret is None else _text(
                    secret.payload)
        if values["certificate"] is None or values["private_key"] is None:
            raise exceptions.CertificateNotFound(ref=ref)
        return base.StoredCert(**values)

    def delete(self, ref):
        """Delete the container's secrets, then the container; what is
        already gone (or was never a container) is skipped."""
        with self._errors("deleting certificate %s" % ref):
            barbican = self._client()
            try:
                container = self._container(barbican, ref)
            except Exception as e:
                if _status(e) != 404:
                    raise
                container = None
            if container is None:
                return
            for secret_ref in container.secret_refs.values():
                _ignore_404(barbican.secrets.delete, secret_ref)
            _ignore_404(barbican.containers.delete, ref)
        LOG.debug("Deleted certificate container %s", ref)


def _name(part, project_id):
    if project_id:
        return "magnum_like %s of project %s" % (part, project_id)
    return "magnum_like %s" % part


def _text(payload):
    if payload is None or isinstance(payload, str):
        return payload
    return payload.decode("utf-8")


def _ignore_404(func, ref):
    try:
        func(ref)
    except Exception as e:
        if _status(e) != 404:
            raise
