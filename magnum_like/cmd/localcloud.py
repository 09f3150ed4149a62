"""magnum-like-localcloud: serve the emulated OpenStack cloud.

Reads the ``[localcloud]`` options (``--config-file``), prints the
endpoint, the admin credentials and an ``export OS_*`` snippet, then
serves until SIGTERM or SIGINT.
"""

import shlex
import signal
import sys
import threading

from magnum_like.common import service
from magnum_like.localcloud.service import LocalCloud


def _snippet(cloud, username):
    env = cloud.env(username)
    return "\n".join("export %s=%s" % (k, shlex.quote(str(v)))
                     for k, v in sorted(env.items()))


def describe(cloud):
    """The text printed at start-up."""
    admin = cloud.credentials("admin")
    lines = [
        "Local cloud serving at %s" % cloud.url,
        "  identity (auth_url): %s" % cloud.auth_url,
        "  admin API:           %s/localcloud/admin "
        "(X-Admin-Token: %s)" % (cloud.url, cloud.admin_token),
        "  cluster APIs proxy:  %s" % cloud.coe_proxy_url,
        "  admin credentials:   %s / %s (project %s)" % (
            admin["username"], admin["password"], admin["project_name"]),
        "",
        "# openstack CLI as admin:",
        _snippet(cloud, "admin"),
        "",
    ]
    return "\n".join(lines)


@service.command("magnum-like-localcloud")
def main(argv=None):
    conf = service.prepare_service(argv, prog="magnum-like-localcloud",
                                   description=service.summary(__doc__))
    opts = conf.localcloud
    cloud = LocalCloud(host=opts.host, port=opts.port,
                       seed_file=opts.seed_file,
                       heat_profile=opts.heat_profile,
                       token_expiration=opts.token_expiration,
                       admin_token=opts.admin_token,
                       region_name=opts.region_name,
                       settings={
                           "orchestration_url": opts.orchestration_url,
                           "external_identity_url":
                               opts.external_identity_url,
                           "external_token_cache_servers":
                               opts.external_token_cache_servers},
                       coe_proxy_port=opts.coe_proxy_port)
    cloud.start()
    print(describe(cloud), flush=True)
    stopping = threading.Event()

    def _stop(signum, frame):
        stopping.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    while not stopping.wait(1.0):
        pass
    cloud.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
