"""Migrations on the production databases: MariaDB and PostgreSQL."""

import sqlalchemy as sa

from magnum_like.db import migration
from tests import base
from tests import migrations_sync
from tests.integration import services


class _ServerDatabase(migrations_sync.ModelsMigrationsSyncMixin):
    database = None

    def setUp(self):
        super().setUp()
        url = getattr(services, self.database)(self)
        self.engine = sa.create_engine(url)
        self.addCleanup(self.engine.dispose)

    def test_upgrade_and_version(self):
        migration.upgrade("head", engine=self.engine)
        self.assertEqual("0003", migration.version(engine=self.engine))
        # Running it again is a no-op.
        migration.upgrade("head", engine=self.engine)
        self.assertEqual("0003", migration.version(engine=self.engine))


class TestMigrationsMariaDB(_ServerDatabase, base.TestCase):
    database = "mysql_database"

    def test_tables_are_innodb_utf8mb4(self):
        migration.upgrade("head", engine=self.engine)
        with self.engine.connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT table_name, engine, table_collation FROM "
                "information_schema.tables WHERE table_schema = DATABASE() "
                "AND table_name != 'alembic_version'")).fetchall()
        self.assertEqual(9, len(rows))   # 0003: 2 certificate tables
        for name, engine, collation in rows:
            self.assertEqual("InnoDB", engine, name)
            self.assertTrue(collation.startswith("utf8mb4"), name)


class TestMigrationsPostgreSQL(_ServerDatabase, base.TestCase):
    database = "postgresql_database"
