"""Database fixtures: a migrated SQLite file per test, or a server DB."""

import os

import fixtures

from magnum_like.db import migration
from magnum_like.db import session


class MigratedSQLite(fixtures.Fixture):
    """A SQLite file in a temp dir, migrated to head with alembic."""

    def __init__(self, conf_fixture):
        super().__init__()
        self._conf = conf_fixture

    def _setUp(self):
        path = self.useFixture(fixtures.TempDir()).path
        self.url = "sqlite:///%s" % os.path.join(path, "magnum_like.sqlite")
        self._conf.config(connection=self.url, group="database")
        session.reset()
        self.addCleanup(session.reset)
        migration.upgrade("head")
