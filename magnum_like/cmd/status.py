"""magnum-like-status: what an operator inspects (the certificates the
API signed).

    magnum-like-status issued-certificates [--cluster UUID] [--limit N]

lists the certificates the certificates API signed (serial, subject,
cluster, CA, requester, expiry, date); no key or PEM is ever stored.
"""

from oslo_config import cfg

from magnum_like.common import service
from magnum_like.db import certificates as db_certs

COLUMNS = ("created_at", "serial", "subject", "cluster_uuid",
           "ca_cert_type", "requester_user_id", "requester_project_id",
           "not_after")


def _table(rows):
    lines = [COLUMNS] + [tuple("" if getattr(r, c) is None
                               else str(getattr(r, c)) for c in COLUMNS)
                         for r in rows]
    widths = [max(len(line[i]) for line in lines)
              for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True))
        .rstrip() for line in lines)


def _issued_certificates():
    command = cfg.CONF.command
    rows = db_certs.list_issued(cluster_uuid=command.cluster_uuid,
                                limit=command.limit)
    print(_table(rows))


def _add_parsers(subparsers):
    parser = subparsers.add_parser(
        "issued-certificates",
        help="List the certificates signed through /v1/certificates.")
    parser.add_argument("--cluster", dest="cluster_uuid",
                        help="Only this cluster's (uuid).")
    parser.add_argument("--limit", type=int, default=None)
    parser.set_defaults(func=_issued_certificates)


@service.command("magnum-like-status")
def main(argv=None):
    return service.run_command(argv, "magnum-like-status", _add_parsers,
                               description=service.summary(__doc__))
