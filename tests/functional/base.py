"""Functional tier: the API and the conductor in one process, over the
oslo.messaging `fake://` transport and an alembic-migrated SQLite file.
"""

import json

from oslo_messaging import conffixture
from webob import Request

from magnum_like.api import app as api_app
from magnum_like.api import hooks
from magnum_like.common import rpc
from magnum_like.conductor import service as conductor_service
from tests import base
from tests import fixtures_db

LATEST = {"OpenStack-API-Version": "container-infra latest"}


class FunctionalTestCase(base.TestCase):
    auth_strategy = "noauth"
    start_conductor = True

    def setUp(self):
        super().setUp()
        messaging = self.useFixture(conffixture.ConfFixture(base.CONF))
        messaging.transport_url = "fake://"
        self.config(auth_strategy=self.auth_strategy, group="api")
        self.db = self.useFixture(fixtures_db.MigratedSQLite(
            self.config_fixture))
        self.addCleanup(self._reset_rpc)
        self.conductor = None
        if self.start_conductor:
            self.conductor = conductor_service.ConductorService(
                host="test-conductor")
            self.conductor.start()
            self.addCleanup(self.conductor.stop)
        self.configure()
        self.app = api_app.load_app()

    def configure(self):
        """Set options the API pipeline reads when it is built."""

    @staticmethod
    def _reset_rpc():
        hooks.RPCHook._client = None
        rpc.cleanup()

    def request(self, path, method="GET", body=None, headers=None,
                expect=None):
        """Send a request through the whole WSGI pipeline."""
        req = Request.blank(path, method=method)
        for key, value in (headers or {}).items():
            req.headers[key] = value
        if body is not None:
            req.body = json.dumps(body).encode("utf-8")
            req.content_type = "application/json"
        resp = req.get_response(self.app)
        if expect is not None:
            self.assertEqual(expect, resp.status_int, resp.text)
        return resp

    def send_raw(self, path, method="GET", raw=None, headers=None):
        """Send `raw` bytes as a JSON body (fuzzing sends broken ones)."""
        req = Request.blank(path, method=method)
        for key, value in (headers or {}).items():
            req.headers[key] = value
        if raw is not None:
            req.body = raw
            req.content_type = "application/json"
        return req.get_response(self.app)

    def assert_documented(self, resp, allowed):
        """The status is one the API documents; errors in Magnum's body."""
        self.assertIn(resp.status_int, allowed, resp.text)
        if resp.status_int >= 400:
            self.assert_error(resp, resp.status_int)

    def get_json(self, path, **kwargs):
        return self.request(path, **kwargs).json

    def assert_error(self, resp, status, detail_part=None):
        """Check Magnum's `errors` body."""
        self.assertEqual(status, resp.status_int, resp.text)
        self.assertEqual("application/json", resp.content_type)
        error = resp.json["errors"][0]
        self.assertEqual(status, error["status"])
        self.assertEqual("", error["request_id"])
        self.assertTrue(error["detail"].startswith(error["title"]))
        if detail_part is not None:
            self.assertIn(detail_part, error["detail"])
        return error
