"""magnum-like-db-manage: create and upgrade the service's database
schema (alembic migrations): upgrade, version, stamp, revision."""

import sys

from oslo_config import cfg

from magnum_like.common import service
from magnum_like.db import migration


def _upgrade():
    migration.upgrade(cfg.CONF.command.revision)
    print("Database upgraded to %s" % migration.version())


def _version():
    print(migration.version() or "None")


def _stamp():
    migration.stamp(cfg.CONF.command.revision)


def _revision():
    migration.revision(message=cfg.CONF.command.message,
                       autogenerate=cfg.CONF.command.autogenerate)


def _add_parsers(subparsers):
    parser = subparsers.add_parser("upgrade",
                                   help="Upgrade the schema.")
    parser.add_argument("revision", nargs="?", default="head")
    parser.set_defaults(func=_upgrade)

    parser = subparsers.add_parser("version",
                                   help="Print the schema revision.")
    parser.set_defaults(func=_version)

    parser = subparsers.add_parser(
        "stamp", help="Mark the schema as being at a revision.")
    parser.add_argument("revision")
    parser.set_defaults(func=_stamp)

    parser = subparsers.add_parser("revision",
                                   help="Create a new migration.")
    parser.add_argument("-m", "--message")
    parser.add_argument("--autogenerate", action="store_true")
    parser.set_defaults(func=_revision)


def _register(conf):
    conf.register_cli_opt(cfg.SubCommandOpt(
        "command", title="Commands", help="Available commands",
        handler=_add_parsers))


@service.command("magnum-like-db-manage")
def main(argv=None):
    service.prepare_service(argv, prog="magnum-like-db-manage",
                            extra_setup=_register,
                            description=service.summary(__doc__))
    cfg.CONF.command.func()
    return 0


if __name__ == "__main__":
    sys.exit(main())
