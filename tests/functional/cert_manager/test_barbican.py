"""The barbican cert manager against the local cloud's Barbican over
HTTP, as the [keystone_auth] service user, loaded by stevedore."""

import base64
import logging
import sys
from unittest import mock

import fixtures

from magnum_like.common import cert_manager
from magnum_like.common import clients
from magnum_like.common import exceptions
from magnum_like.common.cert_manager import barbican
from tests.functional import cloud

CERT = "-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n"
KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDkey"
KEY = ("-----BEGIN PRIVATE KEY-----\n%s\n-----END PRIVATE KEY-----\n"
       % KEY_BODY)
CA = "-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n"


class TestBarbicanCertManager(cloud.CloudTestCase):
    def configure(self):
        super().configure()
        self.config(cert_manager_type="barbican", group="certificates")
        cert_manager.reset()
        self.addCleanup(cert_manager.reset)
        self.manager = cert_manager.check()
        self.world = self.cloud.world
        self.service = self.project_id("service")

    def owned(self):
        return self.world.key_manager.summary_for(self.service)

    def test_loaded_by_stevedore(self):
        self.assertIsInstance(self.manager, barbican.BarbicanCertManager)

    def test_round_trip_in_the_service_project(self):
        before = self.owned()
        ref = self.manager.store(CERT, KEY, intermediates=CA,
                                 project_id=self.project_id("demo"))
        self.assertTrue(ref.startswith(
            self.cloud.url + "/key-manager/v1/containers/"), ref)
        self.assertEqual({"secrets": before["secrets"] + 3,
                          "containers": before["containers"] + 1},
                         self.owned())
        stored = self.manager.get(ref)
        # byte for byte, the PEMs' final newlines included
        self.assertEqual((CERT, KEY, CA), (
            stored.certificate, stored.private_key, stored.intermediates))
        container = self.world.key_manager.get_container(
            ref.rsplit("/", 1)[1])
        self.assertEqual("certificate", container["type"])
        self.assertEqual({"certificate", "private_key", "intermediates"},
                         {r["name"] for r in container["secret_refs"]})

        self.manager.delete(ref)
        self.manager.delete(ref)
        self.assertEqual(before, self.owned())
        self.assertRaises(exceptions.CertificateNotFound, self.manager.get,
                          ref)

    def test_without_intermediates(self):
        ref = self.manager.store(CERT, KEY)
        self.addCleanup(self.manager.delete, ref)
        stored = self.manager.get(ref)
        self.assertEqual((CERT, KEY, None), (
            stored.certificate, stored.private_key, stored.intermediates))

    def test_unknown_refs(self):
        for ref in ("../../etc/passwd",
                    "5e0c2b7a-0000-4000-8000-00000000dead",
                    self.cloud.url + "/key-manager/v1/containers/"
                    "5e0c2b7a-0000-4000-8000-00000000dead"):
            self.assertRaises(exceptions.CertificateNotFound,
                              self.manager.get, ref)
            self.manager.delete(ref)

    def test_a_container_missing_its_key_is_not_found(self):
        ref = self.manager.store(CERT, KEY)
        self.addCleanup(self.manager.delete, ref)
        container = self.world.key_manager.get_container(
            ref.rsplit("/", 1)[1])
        key_id = [r["secret_id"] for r in container["secret_refs"]
                  if r["name"] == "private_key"][0]
        self.world.key_manager.delete_secret(key_id)
        self.assertRaises(exceptions.CertificateNotFound, self.manager.get,
                          ref)

    def test_another_projects_container_is_an_error(self):
        demo = self.project_id("demo")
        secret = self.world.key_manager.create_secret(
            demo, payload=b"C", content_type="application/octet-stream")
        container = self.world.key_manager.create_container(
            demo, container_type="certificate", secret_refs=[
                {"name": "certificate", "secret_id": secret["id"]}])
        ref = self.cloud.url + "/key-manager/v1/containers/" + container[
            "id"]
        error = self.assertRaises(exceptions.CertificateError,
                                  self.manager.get, ref)
        self.assertIn("HTTP 403", str(error))
        self.assertRaises(exceptions.CertificateError, self.manager.delete,
                          ref)
        self.world.key_manager.get_container(container["id"])

    def test_barbican_failures_are_certificate_errors(self):
        self.addCleanup(self.world.faults.clear)
        before = self.owned()
        # the container cannot be created: the secrets stored first go
        self.world.faults.add_service_fault(
            "key-manager", status=503, method="POST",
            path_prefix="/v1/containers")
        error = self.assertRaises(exceptions.CertificateError,
                                  self.manager.store, CERT, KEY)
        self.assertIn("HTTP 503", str(error))
        self.assertNotIn(KEY_BODY, str(error))
        self.assertEqual(before, self.owned())
        self.world.faults.clear()

        ref = self.manager.store(CERT, KEY)
        self.addCleanup(self.manager.delete, ref)
        self.world.faults.add_service_fault("key-manager", status=500)
        error = self.assertRaises(exceptions.CertificateError,
                                  self.manager.get, ref)
        self.assertIn("HTTP 500", str(error))
        self.assertRaises(exceptions.CertificateError, self.manager.delete,
                          ref)
        self.world.faults.clear()

    def test_the_private_key_is_never_logged(self):
        log = self.useFixture(fixtures.FakeLogger(level=logging.DEBUG))
        ref = self.manager.store(CERT, KEY, intermediates=CA)
        self.assertEqual(KEY, self.manager.get(ref).private_key)
        self.manager.delete(ref)
        self.world.faults.add_service_fault("key-manager", status=503,
                                            method="POST")
        self.addCleanup(self.world.faults.clear)
        self.assertRaises(exceptions.CertificateError, self.manager.store,
                          CERT, KEY)
        # the capture works: requests, the ref and the failure are there
        self.assertIn("/key-manager/v1", log.output)
        self.assertIn(ref, log.output)
        self.assertIn("503", log.output)
        for form in (KEY_BODY, base64.b64encode(KEY.encode()).decode(),
                     base64.b64encode(KEY_BODY.encode()).decode()[:40]):
            self.assertNotIn(form, log.output)

    def test_check_needs_keystone_auth(self):
        clients.reset()
        self.config(auth_type=None, group="keystone_auth")
        error = self.assertRaises(exceptions.CertificateError,
                                  self.manager.check)
        self.assertIn("[keystone_auth]", str(error))

    def test_check_needs_barbicanclient(self):
        # as if python-barbicanclient were not installed
        hidden = mock.patch.dict(sys.modules, {
            "barbicanclient": None, "barbicanclient.client": None,
            "barbicanclient.exceptions": None})
        hidden.start()
        self.addCleanup(hidden.stop)
        error = self.assertRaises(exceptions.CertificateError,
                                  self.manager.check)
        self.assertIn("python-barbicanclient", str(error))
        self.assertRaises(exceptions.CertificateError, self.manager.store,
                          CERT, KEY)
