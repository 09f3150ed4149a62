"""Test base classes shared by every tier."""

import os

import fixtures
from oslo_config import cfg
from oslo_config import fixture as config_fixture
import testtools

from magnum_like import conf as ml_conf
from magnum_like.common import policy
from magnum_like.common import rpc
from magnum_like.common import service

CONF = ml_conf.CONF

# A fixed Fernet key: the conductor refuses to start without one.
TEST_ENCRYPTION_KEY = "Vv3bmXU0ZUDoCzvhWtAe4ILFb7pIyE8tyEdDP0oPBF4="
# The local cloud's seeded trustee domain and its admin.
TRUST_OPTIONS = {"trustee_domain_name": "magnum_like",
                 "trustee_domain_admin_name": "magnum_like_domain_admin",
                 "trustee_domain_admin_domain_name": "magnum_like",
                 "trustee_domain_admin_password": "domain-admin-secret"}

# Logging options and library defaults are registered once per process.
service._register_logging()
service.set_cors_defaults()
rpc.set_defaults()


def parse_empty_command_line():
    """(Re)initialize CONF with no arguments and no config files.

    keystoneauth plugin options (`auth_url`, ...) are registered as
    required when a test loads a plugin, and stay registered in the
    process; oslo.config checks required options last, after the parse
    is complete, so that check is skipped here: tests set what they use.
    """
    try:
        CONF([], project="magnum_like", default_config_files=[])
    except cfg.RequiredOptError:
        pass


class TestCase(testtools.TestCase):
    """Isolated configuration and policy for every test."""

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.Timeout(
            int(os.environ.get("OS_TEST_TIMEOUT", "240")), gentle=True))
        self.useFixture(fixtures.NestedTempfile())
        self.useFixture(fixtures.FakeLogger(level=20, format="%(asctime)s "
                        "%(levelname)s %(name)s %(message)s"))
        self.config_fixture = self.useFixture(config_fixture.Config(CONF))
        parse_empty_command_line()
        self.state_path = self.useFixture(fixtures.TempDir()).path
        self.config(state_path=self.state_path)
        self.config(encryption_key=TEST_ENCRYPTION_KEY,
                    group="certificates")
        policy.reset()
        self.addCleanup(policy.reset)

    def useFixture(self, fixture):
        """As testtools', but a skip or a failure a fixture's setUp
        raises (a missing service, see tests/integration/services.py)
        stays a skip or a failure instead of fixtures' SetupError."""
        try:
            return super().useFixture(fixture)
        except testtools.MultipleExceptions as e:
            first = e.args[0][1]
            if isinstance(first, (self.skipException,
                                  self.failureException)):
                raise first from None
            raise

    def config(self, **kwargs):
        self.config_fixture.config(**kwargs)
