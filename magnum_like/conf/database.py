"""[database] options: our own, on top of oslo.db's."""

from oslo_config import cfg
from oslo_db import options as db_options

database_group = cfg.OptGroup(name="database", title="Database options")

database_opts = [
    cfg.StrOpt(
        "mysql_engine", default="InnoDB",
        help="MySQL/MariaDB storage engine of the tables."),
]

_DEFAULT_CONNECTION = "sqlite:///$state_path/magnum_like.sqlite"


def register_opts(conf):
    conf.register_group(database_group)
    conf.register_opts(database_opts, group=database_group)
    db_options.set_defaults(conf, connection=_DEFAULT_CONNECTION)


def list_opts():
    return {database_group: database_opts}
