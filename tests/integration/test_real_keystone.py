"""Authentication against a REAL Keystone: keystonemiddleware in
magnum-like-api validates real Fernet tokens, refuses bad ones, and the
real `openstack coe` CLI finds the API through Keystone's catalog."""

import json
import urllib.error
import urllib.request

from tests import base
from tests.integration import deployment
from tests.integration import processes
from tests.integration import real_keystone


def _get(url, token=None):
    req = urllib.request.Request(url)
    if token is not None:
        req.add_header("X-Auth-Token", token)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read()


class TestRealKeystone(base.TestCase):
    def setUp(self):
        super().setUp()
        self.keystone = self.useFixture(real_keystone.RealKeystone(self))
        self.deploy = self.useFixture(deployment.Deployment(
            self, api_count=1, api_workers=1, auth_strategy="keystone",
            extra={"keystone_authtoken":
                   self.keystone.authtoken_options()}))
        self.admin = self.keystone.admin_env()
        api = self.deploy.api_urls[0]
        processes.openstack(["service", "create", "--name", "magnum",
                             "container-infra"], env=self.admin)
        processes.openstack(["endpoint", "create", "--region", "RegionOne",
                             "container-infra", "public", api],
                            env=self.admin)

    def _token(self, env):
        return processes.openstack(["token", "issue"], env=env)["id"]

    def test_cli_through_catalog_with_real_token(self):
        def conductor_up():
            rows = self.deploy.coe(0, "service", "list", env=self.admin)
            return any(r["host"] == self.deploy.conductor_host and
                       r["state"] == "up" for r in rows)
        processes.wait_for(conductor_up, 30, what="conductor up")

    def test_bad_and_missing_tokens_are_401(self):
        api = self.deploy.api_urls[0]
        self.assertEqual(401, _get(api + "/v1/mservices")[0])
        self.assertEqual(401, _get(api + "/v1/mservices", "bogus")[0])
        good = self._token(self.admin)
        self.assertEqual(200, _get(api + "/v1/mservices", good)[0])
        processes.openstack(["token", "revoke", good], env=self.admin,
                            json_output=False)
        self.assertEqual(401, _get(api + "/v1/mservices", good)[0])

    def test_public_routes_need_no_token(self):
        api = self.deploy.api_urls[0]
        status, doc = _get(api + "/")
        self.assertEqual(200, status)
        self.assertEqual("v1", doc["versions"][0]["id"])
        self.assertEqual(200, _get(api + "/v1")[0])

    def test_policy_applies_to_real_roles(self):
        processes.openstack(["project", "create", "tenant"],
                            env=self.admin)
        processes.openstack(["user", "create", "--password", "pw",
                             "--project", "tenant", "tenant-user"],
                            env=self.admin)
        processes.openstack(["role", "add", "--project", "tenant",
                             "--user", "tenant-user", "member"],
                            env=self.admin, json_output=False)
        user = dict(self.admin, OS_USERNAME="tenant-user",
                    OS_PASSWORD="pw", OS_PROJECT_NAME="tenant")
        token = self._token(user)
        status, body = _get(self.deploy.api_urls[0] + "/v1/mservices",
                            token)
        self.assertEqual(403, status)
        self.assertIn(b"magnum-service:get_all", body)
