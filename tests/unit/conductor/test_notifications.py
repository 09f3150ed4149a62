"""The CADF payload of cluster notifications: secret labels masked."""

import types

from magnum_like.conductor import notifications
from tests import base


class TestClusterData(base.TestCase):
    def test_secret_labels_are_masked(self):
        cluster = types.SimpleNamespace(
            uuid="c-1", created_at=None, updated_at=None,
            labels={"grafana_admin_passwd": "s3cret", "kube_tag": "v1.30.4"})
        event = notifications.event(None, "create", notifications.PENDING,
                                    cluster)
        data = event["target"]["attachments"][0]["content"]
        self.assertEqual({"grafana_admin_passwd": "***",
                          "kube_tag": "v1.30.4"}, data["labels"])
        self.assertNotIn("s3cret", repr(event))
        self.assertEqual("s3cret", cluster.labels["grafana_admin_passwd"])
