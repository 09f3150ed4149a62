"""Models == migrations, checked with oslo.db's ModelsMigrationsSync."""

from oslo_db.sqlalchemy import test_migrations

from magnum_like.db import migration
from magnum_like.db import models


class ModelsMigrationsSyncMixin(test_migrations.ModelsMigrationsSync):
    """Needs `self.engine` bound to an empty database."""

    def get_engine(self):
        return self.engine

    def get_metadata(self):
        return models.Base.metadata

    def db_sync(self, engine):
        migration.upgrade("head", engine=engine)

    def include_object(self, object_, name, type_, reflected, compare_to):
        # alembic's own bookkeeping table is not a model.
        return not (type_ == "table" and name == "alembic_version")
