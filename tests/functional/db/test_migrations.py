"""Migrations on SQLite: upgrade to head, models == migrations, the
db-manage command."""

import os
import subprocess
import sys

import sqlalchemy as sa

from magnum_like.db import migration
from tests import base
from tests import migrations_sync


class TestModelsMigrationsSyncSQLite(
        migrations_sync.ModelsMigrationsSyncMixin, base.TestCase):
    def setUp(self):
        super().setUp()
        path = os.path.join(self.state_path, "sync.sqlite")
        self.engine = sa.create_engine("sqlite:///%s" % path)
        self.addCleanup(self.engine.dispose)


class TestMigrationCommands(base.TestCase):
    def setUp(self):
        super().setUp()
        self.url = "sqlite:///%s" % os.path.join(self.state_path,
                                                 "cmd.sqlite")
        self.engine = sa.create_engine(self.url)
        self.addCleanup(self.engine.dispose)

    def test_version_of_an_empty_database_is_none(self):
        self.assertIsNone(migration.version(engine=self.engine))

    def test_upgrade_then_version_is_head(self):
        migration.upgrade("head", engine=self.engine)
        self.assertEqual("0003", migration.version(engine=self.engine))
        tables = set(sa.inspect(self.engine).get_table_names())
        self.assertTrue({"cluster", "cluster_template", "nodegroup",
                         "x509keypair", "magnum_service", "quotas",
                         "federation"}.issubset(tables))

    def test_stamp(self):
        migration.stamp("0003", engine=self.engine)
        self.assertEqual("0003", migration.version(engine=self.engine))

    def test_db_manage_command(self):
        conf = os.path.join(self.state_path, "db.conf")
        with open(conf, "w") as f:
            f.write("[database]\nconnection = %s\n" % self.url)
        script = os.path.join(os.path.dirname(sys.executable),
                              "magnum-like-db-manage")
        run = subprocess.run([script, "--config-file", conf, "upgrade"],
                             capture_output=True, text=True, check=True)
        self.assertIn("Database upgraded to 0003", run.stdout)
        run = subprocess.run([script, "--config-file", conf, "version"],
                             capture_output=True, text=True, check=True)
        self.assertEqual("0003", run.stdout.strip())
