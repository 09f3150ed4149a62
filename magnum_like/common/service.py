"""Process start-up shared by every command: config, logging, RPC."""

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


def prepare_service(argv=None, prog=None, extra_setup=None):
    """Parse the command line and config files, set up logging and RPC.

    `extra_setup(conf)` may register command-specific options before the
    command line is parsed.
    """
    argv = sys.argv if argv is None else argv
    _register_logging()
    rpc.set_defaults()
    set_cors_defaults()
    if extra_setup is not None:
        extra_setup(CONF)
    config_files = [f for f in DEFAULT_CONFIG_FILES if os.path.exists(f)]
    CONF(argv[1:], project=PROJECT, prog=prog,
         default_config_files=config_files)
    logging.setup(CONF, PROJECT)
    return CONF


def run_command(argv, prog, add_parsers):
    """Run the sub-command of a management command line: `add_parsers`
    adds the argparse sub-parsers, each setting `func`."""
    def register(conf):
        conf.register_cli_opt(cfg.SubCommandOpt(
            "command", title="Commands", help="Available commands",
            handler=add_parsers))
    prepare_service(argv, prog=prog, extra_setup=register)
    CONF.command.func()
    return 0


def log_options():
    CONF.log_opt_values(LOG, logging.DEBUG)


__all__ = ["prepare_service", "run_command", "cfg"]
