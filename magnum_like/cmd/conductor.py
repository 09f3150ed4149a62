"""magnum-like-conductor: the RPC server that drives clusters."""

import signal
import sys

from oslo_log import log as logging

from magnum_like.common import rpc
from magnum_like.common import service
from magnum_like.conductor import service as conductor_service

LOG = logging.getLogger(__name__)


@service.command("magnum-like-conductor")
def main(argv=None):
    conf = service.prepare_service(argv, prog="magnum-like-conductor",
                                   description=service.summary(__doc__))
    service.log_options()
    conductor = conductor_service.ConductorService()
    conductor.start()

    def _stop(signum, frame):
        LOG.info("Signal %s received, stopping gracefully", signum)
        signal.signal(signum, signal.SIG_DFL)
        conductor.stop(graceful=True)

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    print("magnum-like-conductor %s serving topic %s" %
          (conductor.host, conf.conductor.topic), flush=True)
    while not conductor.wait(1):
        pass
    rpc.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
