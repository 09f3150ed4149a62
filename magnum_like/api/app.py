"""The WSGI application: pecan app, paste pipeline and factories."""

import os

from oslo_config import cfg
from oslo_log import log as logging
from paste import deploy
import pecan

from magnum_like.api import hooks
from magnum_like.api import pecan_argspec
from magnum_like.api.middleware import parsable_error

CONF = cfg.CONF
LOG = logging.getLogger(__name__)


def _pecan_config():
    return {
        "app": {
            "root": "magnum_like.api.controllers.root.RootController",
            "modules": ["magnum_like.api"],
            "debug": False,
            "force_canonical": False,
        },
        "wsme": {"debug": False},
    }


def setup_app(config=None):
    pecan_argspec.install()
    config = config or _pecan_config()
    app_conf = dict(config["app"])
    app = pecan.make_app(
        app_conf.pop("root"),
        logging=False,
        hooks=[hooks.ContextHook(), hooks.RPCHook(),
               hooks.MicroversionHeadersHook()],
        wrap_app=parsable_error.ParsableErrorMiddleware,
        guess_content_type_from_ext=False,
        **app_conf)
    return app


def app_factory(global_config, **local_conf):
    """Paste factory of the pecan app."""
    return setup_app()


def find_paste_config():
    path = CONF.api.api_paste_config
    if not os.path.isabs(path):
        candidates = [os.path.join(os.path.dirname(f), path)
                      for f in CONF.config_file or []]
        candidates.append(os.path.join(
            os.path.dirname(__file__), "..", "..", "etc", "magnum-like",
            path))
        candidates.append(os.path.join("/etc/magnum-like", path))
        candidates.append(os.path.join(os.path.dirname(__file__),
                                       "api-paste.ini"))
        for candidate in candidates:
            if os.path.exists(candidate):
                return os.path.abspath(candidate)
        raise cfg.ConfigFilesNotFoundError([path])
    return path


def load_app():
    """The whole WSGI pipeline for `[api] auth_strategy`."""
    path = find_paste_config()
    LOG.info("Loading the API pipeline %s from %s",
             CONF.api.auth_strategy, path)
    return deploy.loadapp("config:%s" % path,
                          name=CONF.api.auth_strategy)
