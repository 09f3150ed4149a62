"""The API with its message bus unreachable (issue 14): casts answer at
once and leave the recorded operation flagged for the conductor's
recovery; calls answer 503 in Magnum's error body, and the recovery
gives the cluster its status back. (The broker outage with real
processes: tests/integration/test_bus_outage.py.)"""

import socket
import time

from magnum_like.common import rpc
from magnum_like.conductor import reconcile
from magnum_like.db import clusters as db_clusters
from tests.functional.api import clusters as helpers


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TestBusUnavailable(helpers.ClusterTestCase):
    start_conductor = False

    def configure(self):
        super().configure()
        rpc.cleanup()
        self.config(transport_url="rabbit://guest:guest@127.0.0.1:%d/" %
                    closed_port())

    def timed(self, *args, **kwargs):
        began = time.monotonic()
        resp = self.request(*args, **kwargs)
        return resp, time.monotonic() - began

    def test_casts_answer_at_once_and_are_flagged_for_recovery(self):
        created, seconds = self.timed(helpers.URL, method="POST", body={
            "cluster_template_id": self.template["uuid"], "name": "new"},
            headers=self.demo)
        self.assertEqual(202, created.status_int, created.text)
        self.assertLess(seconds, 5)
        self.assertTrue(self.pending(created.json["uuid"])["undelivered"])
        self.assertEqual(
            "Create requested; waiting for a conductor",
            self.get_cluster(created.json["uuid"])["status_reason"])
        uuid = self.ready_cluster(name="k1", node_count=2)["uuid"]
        resp, seconds = self.timed(
            "%s/%s/actions/resize" % (helpers.URL, uuid), method="POST",
            body={"node_count": 1}, headers=self.demo)
        self.assertEqual(202, resp.status_int, resp.text)
        self.assertLess(seconds, 5)
        self.assertEqual({"resize": True}, {
            self.pending(uuid)["op"]: self.pending(uuid)["undelivered"]})
        self.assertEqual("Resize requested; waiting for a conductor",
                         self.get_cluster(uuid)["status_reason"])

    def test_a_call_answers_503_and_its_status_comes_back(self):
        uuid = self.ready_cluster(name="k1")["uuid"]
        self.make_template(name="k8s-next", labels={"kube_tag": "v1.31"})
        resp, seconds = self.timed(
            "%s/%s/actions/upgrade" % (helpers.URL, uuid), method="POST",
            body={"cluster_template": "k8s-next"}, headers=self.demo)
        self.assert_error(resp, 503, "message bus")
        self.assertLess(seconds, 5)
        self.assertTrue(self.pending(uuid)["undelivered"])
        # the conductor's next pass, without waiting for the grace period
        self.assertEqual([(uuid, reconcile.RESTORE)],
                         reconcile.undelivered("test-conductor"))
        row = db_clusters.get_by_uuid(uuid)
        self.assertEqual("CREATE_COMPLETE", row.status)
        self.assertIn("message bus", row.status_reason)
        self.assertFalse(db_clusters.is_pending(row))
