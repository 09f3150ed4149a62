"""Schema migrations (alembic): upgrade, version, stamp, revision."""

import os

from alembic import command
from alembic import config as alembic_config
from alembic import migration as alembic_migration

from magnum_like.db import session as db_session

_INI = os.path.join(os.path.dirname(__file__), "alembic.ini")


def _config(engine=None):
    config = alembic_config.Config(_INI)
    config.set_main_option("script_location", os.path.dirname(__file__))
    engine = engine or db_session.get_engine()
    config.set_main_option(
        "sqlalchemy.url",
        engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config, engine


def upgrade(revision="head", engine=None):
    config, engine = _config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def stamp(revision, engine=None):
    config, engine = _config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.stamp(config, revision)


def version(engine=None):
    """The current revision of the database, or None if unversioned."""
    engine = engine or db_session.get_engine()
    with engine.connect() as connection:
        context = alembic_migration.MigrationContext.configure(connection)
        return context.get_current_revision()


def revision(message=None, autogenerate=False, engine=None):
    config, engine = _config(engine)
    if autogenerate:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            return command.revision(config, message=message,
                                    autogenerate=True)
    return command.revision(config, message=message)
