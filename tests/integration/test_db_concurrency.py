"""The DB layer's guarantees under concurrency on the production
databases: simultaneous creates in one project never pass the quota
together (MariaDB and PostgreSQL lock no range that does not exist yet,
so a count-then-insert alone would let them)."""

from magnum_like.db import migration
from magnum_like.db import session
from tests import base
from tests.functional.db import test_clusters as db_tests
from tests.integration import services


class _Concurrency:
    database = None

    def setUp(self):
        super().setUp()
        url = getattr(services, self.database)(self)
        self.config_fixture.config(connection=url, group="database")
        session.reset()
        self.addCleanup(session.reset)
        migration.upgrade("head")

    def test_quota_holds_against_simultaneous_creates(self):
        for _ in range(3):
            project = "race-%d" % _
            db_tests.race_creates(self, threads=8, limit=2,
                                  project=project)


class TestConcurrencyMariaDB(_Concurrency, base.TestCase):
    database = "mysql_database"


class TestConcurrencyPostgreSQL(_Concurrency, base.TestCase):
    database = "postgresql_database"
