"""GET /v1/mservices against a real in-process conductor."""

import datetime

from oslo_utils import timeutils

from magnum_like.db import models
from magnum_like.db import services as db_services
from magnum_like.db import session
from tests.functional import base


class TestMagnumServices(base.FunctionalTestCase):
    def test_running_conductor_is_up(self):
        [service] = self.get_json("/v1/mservices",
                                  headers=base.LATEST)["mservices"]
        self.assertEqual("test-conductor", service["host"])
        self.assertEqual("magnum-conductor", service["binary"])
        self.assertEqual("up", service["state"])
        self.assertGreaterEqual(service["report_count"], 1)
        self.assertFalse(service["disabled"])
        self.assertIsNone(service["disabled_reason"])
        self.assertEqual(
            {"id", "host", "binary", "state", "report_count", "disabled",
             "disabled_reason", "created_at", "updated_at"},
            set(service))
        self.assertTrue(service["created_at"].endswith("+00:00"))
        self.assertLessEqual(service["created_at"], service["updated_at"])

    def test_silent_conductor_is_down_after_service_down_time(self):
        self.config(service_down_time=30)
        self.conductor.stop()
        old = timeutils.utcnow() - datetime.timedelta(seconds=31)
        with session.writer() as s:
            row = s.query(models.MagnumService).one()
            row.last_seen_up = old
            row.updated_at = old
        [service] = self.get_json("/v1/mservices")["mservices"]
        self.assertEqual("down", service["state"])

    def test_forced_down_is_down(self):
        with session.writer() as s:
            s.query(models.MagnumService).update({"forced_down": True})
        [service] = self.get_json("/v1/mservices")["mservices"]
        self.assertEqual("down", service["state"])

    def test_heartbeat_counts_up(self):
        first = db_services.heartbeat("other-host", "magnum-conductor")
        second = db_services.heartbeat("other-host", "magnum-conductor")
        self.assertEqual(first.report_count + 1, second.report_count)
        hosts = {s["host"] for s in
                 self.get_json("/v1/mservices")["mservices"]}
        self.assertEqual({"test-conductor", "other-host"}, hosts)

    def test_non_admin_is_forbidden(self):
        resp = self.request("/v1/mservices", headers={
            "X-Roles": "member,reader", "X-Project-Id": "p1",
            "X-User-Id": "u1"})
        self.assert_error(resp, 403, "magnum-service:get_all")
