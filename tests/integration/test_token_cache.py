"""Keystone tokens validate the same in every API worker: with more than
one worker, keystonemiddleware's token cache lives in memcached
([keystone_authtoken] memcached_servers), shared by all of them."""

import urllib.error
import urllib.request

from tests import base
from tests.integration import deployment
from tests.integration import memcached
from tests.integration import processes
from tests.integration import real_keystone


def _status(url, token):
    req = urllib.request.Request(url, headers={"X-Auth-Token": token,
                                               "Connection": "close"})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code


class TestSharedTokenCache(base.TestCase):
    def test_two_workers_share_validated_tokens(self):
        cache = self.useFixture(memcached.Memcached(self))
        keystone = self.useFixture(real_keystone.RealKeystone(self))
        authtoken = dict(keystone.authtoken_options(),
                         token_cache_time=300,
                         memcached_servers=cache.server)
        deploy = self.useFixture(deployment.Deployment(
            self, api_count=1, api_workers=2, auth_strategy="keystone",
            extra={"keystone_authtoken": authtoken}))
        url = deploy.api_urls[0] + "/v1/mservices"
        admin = keystone.admin_env()
        token = processes.openstack(["token", "issue"], env=admin)["id"]
        self.assertEqual(200, _status(url, token))
        self.assertGreater(cache.stats()["curr_items"], 0)
        # Revoked in Keystone: every worker still answers from the one
        # shared cache entry (a worker with a cache of its own would ask
        # Keystone and refuse it), until token_cache_time ends.
        processes.openstack(["token", "revoke", token], env=admin,
                            json_output=False)
        hits = cache.stats()["get_hits"]
        statuses = {_status(url, token) for _ in range(20)}
        self.assertEqual({200}, statuses)
        self.assertGreaterEqual(cache.stats()["get_hits"] - hits, 20)
