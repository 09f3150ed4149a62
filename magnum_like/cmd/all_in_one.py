"""magnum-like-all-in-one: the embedded default.

One process runs the local cloud (emulated Keystone, Heat, Nova, Glance,
Neutron, Octavia), the API with Keystone authentication against it, and
the conductor, on SQLite under `state_path` and the in-process `fake://`
RPC transport: no broker, no database server.
"""

import os
import signal
import sys
import threading

from oslo_config import cfg
from oslo_log import log as logging

from magnum_like.api import app as api_app
from magnum_like.common import rpc
from magnum_like.common import service
from magnum_like.common import wsgi_server
from magnum_like.conductor import service as conductor_service
from magnum_like.db import migration

LOG = logging.getLogger(__name__)

_CLI_OPTS = [
    cfg.BoolOpt("noauth", default=False,
                help="Serve the API without authentication and start no "
                     "local cloud (requests act as an admin)."),
]


def _register(conf):
    conf.register_cli_opts(_CLI_OPTS)
    conf.set_default("state_path",
                     os.path.join(os.path.expanduser("~"), ".magnum-like"))


def _start_api(conf):
    app = api_app.load_app()
    server = wsgi_server.ThreadedWSGIServer(app, conf.api.host,
                                            conf.api.port)
    return server.start()


def _banner(conf, api_url, cloud):
    lines = ["", "magnum-like all-in-one is running.",
             "  API:        %s" % api_url,
             "  state:      %s" % conf.state_path,
             "  database:   %s" % conf.database.connection]
    if cloud is None:
        lines += ["  auth:       none (noauth)", "",
                  "Try: openstack --os-auth-type none --os-endpoint %s "
                  "coe service list" % api_url]
    else:
        lines += ["  local cloud: %s" % cloud.url,
                  "  clouds.yaml: %s" % cloud.clouds_yaml, "",
                  "Try:",
                  "  export OS_CLIENT_CONFIG_FILE=%s" % cloud.clouds_yaml,
                  "  openstack --os-cloud magnum-like-admin coe service "
                  "list",
                  "  openstack --os-cloud magnum-like-demo coe cluster "
                  "template list", "",
                  "clouds.yaml:", cloud.clouds_yaml_text]
    lines.append("Stop with Ctrl-C.")
    print("\n".join(lines), flush=True)


def main(argv=None):
    conf = service.prepare_service(argv, prog="magnum-like-all-in-one",
                                   extra_setup=_register)
    os.makedirs(conf.state_path, exist_ok=True)
    rpc.set_transport_url("fake://")
    migration.upgrade("head")

    cloud = None
    if conf.noauth:
        conf.set_override("auth_strategy", "noauth", group="api")
    else:
        # Imported here so that --noauth runs without the local cloud.
        from magnum_like.cmd import embedded_cloud
        cloud = embedded_cloud.start(conf)
    conductor = conductor_service.ConductorService()
    conductor.start()
    api = _start_api(conf)
    api_url = "http://%s:%d" % (conf.api.host, api.port)
    if cloud is not None:
        cloud.register_api(api_url)
    _banner(conf, api_url, cloud)

    stop = threading.Event()

    def _on_signal(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    stop.wait()
    LOG.info("Stopping the all-in-one")
    api.stop()
    conductor.stop(graceful=True)
    if cloud is not None:
        cloud.stop()
    rpc.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
