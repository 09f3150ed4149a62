"""A cluster whose certificates live in Barbican ([certificates]
cert_manager_type = barbican): created, read back for the stack and
the certificates API, and gone from Barbican with the cluster."""

from magnum_like.common import cert_manager
from magnum_like.common import exceptions
from magnum_like.common import statuses
from magnum_like.common.cert_manager import barbican
from magnum_like.common.x509 import cluster_certs
from magnum_like.conductor import certificates
from magnum_like.db import clusters as db_clusters
from tests.functional.conductor import base


class TestBarbicanCertificates(base.ConductorCloudTestCase):
    def configure(self):
        self.config(cert_manager_type="barbican", group="certificates")
        super().configure()

    def test_cluster_create_and_delete(self):
        backend = cert_manager.get_backend()
        self.assertIsInstance(backend, barbican.BarbicanCertManager)
        service = self.project_id("service")
        owned = self.cloud.world.key_manager.summary_for
        before = owned(service)
        ctx = self.caller()
        row = self.create_cluster(ctx)

        refs = [getattr(row, col) for col in cluster_certs.REF_COLUMNS]
        for ref in refs:
            self.assertTrue(ref.startswith(
                self.cloud.url + "/key-manager/v1/containers/"), ref)
        # 3 CAs and the client certificate, which carries its CA
        self.assertEqual({"containers": before["containers"] + 4,
                          "secrets": before["secrets"] + 9},
                         owned(service))
        self.assertEqual({"containers": 0, "secrets": 0},
                         owned(ctx.project_id))
        ca = backend.get(row.ca_cert_ref)
        self.assertIn("BEGIN CERTIFICATE", ca.certificate)
        self.assertIn("PRIVATE KEY", ca.private_key)
        pem = certificates.get_ca_certificate(row.uuid)["pem"]
        self.assertEqual(ca.certificate.strip(), pem.strip())

        db_clusters.begin_operation(row.uuid, "delete",
                                    statuses.DELETE_ALLOWED,
                                    statuses.DELETE_IN_PROGRESS)
        self.rpc.cluster_delete(ctx, row.uuid)
        self.wait_for(row.uuid, None)
        self.assertEqual(before, owned(service))
        for ref in refs:
            self.assertRaises(exceptions.CertificateNotFound, backend.get,
                              ref)
