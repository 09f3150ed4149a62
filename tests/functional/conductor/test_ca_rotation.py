"""CA rotation refused by a driver whose templates cannot roll CAs out
(Docker Swarm mode): a 400 naming the reason, and nothing changed --
no new certificates, the status as it was (Magnum saves new refs and
UPDATE_FAILED first)."""

from magnum_like.common import exceptions
from magnum_like.common import statuses
from magnum_like.db import certificates as db_certs
from magnum_like.db import clusters as db_clusters
from tests.functional.conductor import base

SWARM_MODE = dict(name="swarm", image_id="fedora-atomic-29",
                  cluster_distro="fedora-atomic", coe="swarm-mode",
                  network_driver="docker", labels={})


class TestCaRotationRefused(base.ConductorCloudTestCase):
    def test_swarm_refuses_and_keeps_everything(self):
        ctx = self.caller()
        template = self.make_template(ctx, **SWARM_MODE)
        row = self.create_cluster(ctx, template=template, workers=1)
        db_clusters.begin_operation(row.uuid, "rotate_ca",
                                    statuses.UPDATE_ALLOWED,
                                    statuses.UPDATE_IN_PROGRESS)
        error = self.assertRaises(exceptions.CaRotationNotSupported,
                                  self.rpc.rotate_ca_certificate, ctx,
                                  row.uuid)
        self.assertEqual(400, error.code)
        self.assertIn("cannot roll new CAs out", str(error))
        after = db_clusters.get_by_uuid(row.uuid)
        self.assertEqual(statuses.CREATE_COMPLETE, after.status)
        self.assertFalse(db_clusters.is_pending(after))
        self.assertEqual(row.ca_cert_ref, after.ca_cert_ref)
        self.assertEqual(row.magnum_cert_ref, after.magnum_cert_ref)
        self.assertEqual([], db_certs.rotations_in_progress(row.uuid))
        self.assertIn("BEGIN CERTIFICATE", self.rpc.get_ca_certificate(
            ctx, row.uuid)["pem"])
