"""Per-service client options: [heat_client], [nova_client], ..."""

from oslo_config import cfg

_SERVICES = ("heat", "nova", "glance", "neutron", "octavia", "cinder",
             "magnum", "barbican")


def _client_opts(service):
    return [
        cfg.StrOpt("region_name",
                   help="Region of the %s endpoint in the catalog." %
                        service),
        cfg.StrOpt("endpoint_type", default="publicURL",
                   help="Catalog interface of the %s endpoint "
                        "(publicURL, internalURL, adminURL)." % service),
        cfg.StrOpt("ca_file",
                   help="CA bundle to verify the %s endpoint." % service),
        cfg.BoolOpt("insecure", default=False,
                    help="Do not verify the %s endpoint's certificate." %
                         service),
    ]


_GROUPS = {
    cfg.OptGroup(name="%s_client" % name,
                 title="Options for the %s client" % name): _client_opts(name)
    for name in _SERVICES
}


def register_opts(conf):
    for group, opts in _GROUPS.items():
        conf.register_group(group)
        conf.register_opts(opts, group=group)


def list_opts():
    return dict(_GROUPS)
