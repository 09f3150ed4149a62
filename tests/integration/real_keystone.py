"""A real Keystone (PyPI `keystone`) on SQLite under gunicorn on
loopback, bootstrapped with an admin, for the tests that prove
authentication."""

import os
import subprocess

import fixtures

from tests.integration import processes

ADMIN_PASSWORD = "real-keystone-admin"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


class RealKeystone(fixtures.Fixture):
    def __init__(self, test):
        super().__init__()
        self.test = test

    def _manage(self, *args):
        subprocess.run(
            [os.path.join(processes.BIN, "keystone-manage"),
             "--config-file", self.conf] + list(args),
            check=True, capture_output=True, env=self.env)

    def _setUp(self):
        self.dir = self.useFixture(fixtures.TempDir()).path
        for name in ("fernet", "credential"):
            os.makedirs(os.path.join(self.dir, name), mode=0o700)
        self.port = processes.free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.auth_url = self.url + "/v3"
        self.conf = processes.write_config(
            os.path.join(self.dir, "keystone.conf"), {
                "DEFAULT": {"use_stderr": "true"},
                "database": {"connection": "sqlite:///%s" % os.path.join(
                    self.dir, "keystone.sqlite")},
                "fernet_tokens": {"key_repository": os.path.join(
                    self.dir, "fernet")},
                "fernet_receipts": {"key_repository": os.path.join(
                    self.dir, "fernet")},
                "credential": {"key_repository": os.path.join(
                    self.dir, "credential")},
                "token": {"provider": "fernet"},
                # bcrypt's cheapest cost: the conformance suite creates
                # a user per test, and every password check is hashed.
                "identity": {"password_hash_rounds": "4"},
            })
        self.env = dict(os.environ, OS_KEYSTONE_CONFIG_FILES=self.conf)
        user = ("--keystone-user", str(os.getuid()), "--keystone-group",
                str(os.getgid()))
        self._manage("db_sync")
        self._manage("fernet_setup", *user)
        self._manage("credential_setup", *user)
        self._manage("bootstrap", "--bootstrap-password", ADMIN_PASSWORD,
                     "--bootstrap-public-url", self.auth_url,
                     "--bootstrap-region-id", "RegionOne")
        self.useFixture(processes.ServiceProcess(
            self.test, "keystone",
            ["gunicorn", "--bind", "127.0.0.1:%d" % self.port,
             "--workers", "1", "--threads", "8", "--worker-class",
             "gthread", "--no-control-socket", "--chdir", ROOT,
             "tests.integration.keystone_wsgi:application"],
            self.dir, env={"OS_KEYSTONE_CONFIG_FILES": self.conf}))
        processes.wait_for(lambda: processes.http_ok(self.auth_url), 60,
                           what="keystone at %s" % self.auth_url)

    def admin_env(self):
        return {"OS_AUTH_URL": self.auth_url, "OS_USERNAME": "admin",
                "OS_PASSWORD": ADMIN_PASSWORD, "OS_PROJECT_NAME": "admin",
                "OS_USER_DOMAIN_NAME": "Default",
                "OS_PROJECT_DOMAIN_NAME": "Default",
                "OS_IDENTITY_API_VERSION": "3",
                "OS_REGION_NAME": "RegionOne"}

    def authtoken_options(self):
        """[keystone_authtoken] for an API validating against it."""
        return {"auth_type": "password", "auth_url": self.auth_url,
                "www_authenticate_uri": self.auth_url,
                "username": "admin", "password": ADMIN_PASSWORD,
                "project_name": "admin", "user_domain_name": "Default",
                "project_domain_name": "Default",
                # bootstrap made only a public identity endpoint.
                "interface": "public",
                # Validate every request with Keystone (no 5-minute
                # cache), so a revoked token is refused at once.
                "token_cache_time": -1}
