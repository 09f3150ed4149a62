"""Process start-up shared by every command: config, logging, RPC."""

import errno
import functools
import os
import sys

from oslo_config import cfg
from oslo_log import log as logging
from oslo_middleware import cors

from magnum_like import conf as ml_conf
from magnum_like.common import rpc
from magnum_like.conf import opts as ml_opts

CONF = ml_conf.CONF
LOG = logging.getLogger(__name__)

PROJECT = "magnum_like"
DEFAULT_CONFIG_FILES = ("/etc/magnum-like/magnum-like.conf",)

_LOG_REGISTERED = []


def _register_logging():
    if not _LOG_REGISTERED:
        logging.register_options(CONF)
        # Logs go to stderr; stdout is for what a command prints.
        CONF.set_default("use_stderr", True)
        ml_opts.update_opt_defaults()
        _LOG_REGISTERED.append(True)


def set_cors_defaults():
    cors.set_defaults(
        allow_headers=["X-Auth-Token", "X-Identity-Status", "X-Roles",
                       "X-Service-Catalog", "X-User-Id", "X-Tenant-Id",
                       "X-OpenStack-Request-ID",
                       "X-Server-Management-Url",
                       "OpenStack-API-Version"],
        expose_headers=["X-Auth-Token", "X-Subject-Token",
                        "X-Service-Token", "X-OpenStack-Request-ID",
                        "X-Server-Management-Url",
                        "OpenStack-API-Version",
                        "OpenStack-API-Minimum-Version",
                        "OpenStack-API-Maximum-Version"],
        allow_methods=["GET", "PUT", "POST", "DELETE", "PATCH"])


def summary(doc):
    """What `--help` says a command does: the first paragraph of its
    module docstring, without the leading "program-name: "."""
    first = " ".join((doc or "").strip().split("\n\n")[0].split())
    text = first.partition(": ")[2] or first
    return text[:1].upper() + text[1:]


def prepare_service(argv=None, prog=None, extra_setup=None,
                    description=None):
    """Parse the command line and config files, set up logging and RPC.

    `extra_setup(conf)` may register command-specific options before the
    command line is parsed; `description` is shown by `--help`.
    """
    argv = sys.argv if argv is None else argv
    _register_logging()
    rpc.set_defaults()
    set_cors_defaults()
    if extra_setup is not None:
        extra_setup(CONF)
    config_files = [f for f in DEFAULT_CONFIG_FILES if os.path.exists(f)]
    CONF(argv[1:], project=PROJECT, prog=prog,
         default_config_files=config_files, description=description)
    logging.setup(CONF, PROJECT)
    return CONF


def run_command(argv, prog, add_parsers, description=None):
    """Run the sub-command of a management command line: `add_parsers`
    adds the argparse sub-parsers, each setting `func`."""
    def register(conf):
        conf.register_cli_opt(cfg.SubCommandOpt(
            "command", title="Commands", help="Available commands",
            handler=add_parsers))
    prepare_service(argv, prog=prog, extra_setup=register,
                    description=description)
    CONF.command.func()
    return 0


def _explain(error):
    """One line for an error an operator can fix, None for a bug."""
    from oslo_db import exception as db_exc
    from sqlalchemy import exc as sa_exc
    if isinstance(error, cfg.ConfigFilesNotFoundError):
        return "configuration file not found: %s" % ", ".join(
            error.config_files)
    if isinstance(error, cfg.Error):
        return "configuration error: %s" % error
    if isinstance(error, OSError) and error.errno == errno.EADDRINUSE:
        return ("cannot listen: the address is already in use (%s); "
                "choose another port in the configuration" % error)
    if isinstance(error, (sa_exc.OperationalError, db_exc.DBError)):
        cause = getattr(error, "orig", None) or getattr(
            error, "inner_exception", None) or error
        return ("database error: %s (is [database] connection right, "
                "and was `magnum-like-db-manage upgrade` run?)" %
                (str(cause).splitlines() or ["?"])[0])
    if isinstance(error, OSError):
        return str(error)
    return None


def command(prog):
    """Decorate a command's main(): errors an operator can fix (a
    missing config file, a port in use, an unreachable database) end it
    with one line on stderr and exit status 1, without a traceback."""
    def decorate(main):
        @functools.wraps(main)
        def wrapper(argv=None):
            try:
                return main(argv)
            except Exception as e:
                line = _explain(e)
                if line is None:
                    raise
                print("%s: error: %s" % (prog, line), file=sys.stderr,
                      flush=True)
                return 1
        return wrapper
    return decorate


def log_options():
    CONF.log_opt_values(LOG, logging.DEBUG)


__all__ = ["prepare_service", "run_command", "cfg"]
