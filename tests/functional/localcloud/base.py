"""A local cloud on an ephemeral loopback port, shared by a test class."""

import json
import urllib.request

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
import testtools

from magnum_like.localcloud.service import LocalCloud

ADMIN_TOKEN = "functional-admin-token"


class LocalCloudTestCase(testtools.TestCase):
    """Starts one LocalCloud per test class over real HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cloud = LocalCloud(admin_token=ADMIN_TOKEN)
        cls.cloud.start()

    @classmethod
    def tearDownClass(cls):
        cls.cloud.stop()
        super().tearDownClass()

    def session(self, username="demo", project_name=None, **extra):
        creds = self.cloud.credentials(username, project_name)
        creds.update(extra)
        return ks_session.Session(auth=v3.Password(**creds))

    def admin_api(self, method, path, body=None):
        """Call the local cloud's admin API; returns (status, json)."""
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            self.cloud.url + "/localcloud/admin" + path, data=data,
            method=method, headers={"X-Admin-Token": ADMIN_TOKEN,
                                    "Content-Type": "application/json"})
        with urllib.request.urlopen(req) as resp:  # noqa: S310
            raw = resp.read()
            return resp.status, json.loads(raw) if raw else None

    def clear_faults(self):
        self.addCleanup(self.admin_api, "DELETE", "/faults")
