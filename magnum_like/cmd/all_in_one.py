"""magnum-like-all-in-one: the embedded default, to try the service on
one machine: the API, the conductor and a local emulated OpenStack cloud
in one process, on SQLite, with no broker and no database server.

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


def _set_encryption_key(conf):
    """A Fernet key kept under state_path, generated on first start
    (with or without the local cloud: the conductor needs one)."""
    if conf.certificates.encryption_key:
        return
    from magnum_like.common import crypto
    path = os.path.join(conf.state_path, "encryption.key")
    if not os.path.exists(path):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(crypto.generate_key())
    with open(path) as f:
        conf.set_override("encryption_key", f.read().strip(),
                          group="certificates")


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
                  "  local cloud admin API: %s/localcloud/admin "
                  "(X-Admin-Token: %s)" % (
                      cloud.url, "as [localcloud] admin_token"
                      if conf.localcloud.admin_token else cloud.admin_token),
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


@service.command("magnum-like-all-in-one")
def main(argv=None):
    conf = service.prepare_service(argv, prog="magnum-like-all-in-one",
                                   extra_setup=_register,
                                   description=service.summary(__doc__))
    os.makedirs(conf.state_path, exist_ok=True)
    _set_encryption_key(conf)
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
