"""A secret given as a label (grafana_admin_passwd) through the real
conductor and local cloud: the cluster is built with it, Heat shows it
masked, and no log line of any library, at any level, carries it."""

import logging

import fixtures

from magnum_like.db import clusters as db_clusters
from tests.functional.conductor import base

SECRET = "grafana-Pa55-never-logged"


class TestSecretLabels(base.ConductorCloudTestCase):
    def test_grafana_password_is_never_logged(self):
        logs = self.useFixture(fixtures.FakeLogger(level=logging.DEBUG))
        ctx = self.caller()
        template = self.make_template(ctx, labels={
            "kube_tag": "v1.30.4", "monitoring_enabled": "true",
            "grafana_admin_passwd": SECRET})
        row = self.create_cluster(ctx, template=template)
        stack = self.cloud.app._heat.engine.stacks[row.stack_id]
        self.assertEqual(SECRET, stack.resources[
            "kube_cluster_deploy"].props["input_values"][
                "GRAFANA_ADMIN_PASSWD"])
        self.assertEqual("******", stack.definition.params.shown()[
            "grafana_admin_passwd"])
        self.assertEqual(SECRET, db_clusters.get_by_uuid(row.uuid).labels[
            "grafana_admin_passwd"])
        self.assertIn("magnum_like", logs.output)
        self.assertNotIn(SECRET, logs.output)
        # nor the trustee's password, sent to Keystone and to Heat
        trustee_password = db_clusters.get_by_uuid(
            row.uuid).trustee_password
        self.assertTrue(trustee_password)
        self.assertNotIn(trustee_password, logs.output)
