"""[localcloud] options: the local OpenStack cloud emulator."""

from oslo_config import cfg

localcloud_group = cfg.OptGroup(
    name="localcloud", title="Options for the local cloud emulator")

localcloud_opts = [
    cfg.HostAddressOpt(
        "host", default="127.0.0.1",
        help="Address the local cloud listens on. It is a development "
             "double with known passwords: keep it on loopback."),
    cfg.PortOpt(
        "port", default=5050,
        help="Port the local cloud listens on (0 picks a free port). All "
             "emulated services share it under path prefixes: /identity, "
             "/image, /compute, /network, /heat-api, /load-balancer."),
    cfg.PortOpt(
        "coe_proxy_port", default=0,
        help="Port of the local cloud's gateway to the clusters' own APIs "
             "(an HTTP proxy answering Kubernetes, Docker and Mesos at "
             "each cluster's api_address); 0 picks a free port. Point "
             "[cluster_health] api_proxy at it."),
    cfg.StrOpt(
        "seed_file",
        help="YAML seed of the local cloud (domains, projects, users, "
             "images, flavors, networks, keypairs, faults); the packaged "
             "default when unset. A seed replaces the default one unless "
             "it sets 'include_default: true'."),
    cfg.IntOpt(
        "token_expiration", default=3600, min=1,
        help="Lifetime in seconds of the tokens the emulated Keystone "
             "issues."),
    cfg.StrOpt(
        "heat_profile", default="fast", choices=[
            ("fast", "Stacks complete almost at once."),
            ("realistic", "Resources take time to create and delete, "
                          "as on a real cloud.")],
        help="Timing profile of the emulated Heat engine."),
    cfg.StrOpt(
        "admin_token", secret=True,
        help="Token required by the /localcloud/admin API (fault "
             "injection, reset, summary). A random one is generated and "
             "printed when unset."),
    cfg.URIOpt(
        "orchestration_url",
        help="Name this Heat API in the catalog as 'orchestration' instead "
             "of the local cloud's own Heat engine, e.g. a real heat-api "
             "using the local cloud as its Keystone, Nova, Neutron, Glance, "
             "Octavia and Cinder: http://127.0.0.1:8004/v1/$(project_id)s "
             "(the project's id is filled in)."),
    cfg.StrOpt(
        "region_name", default="RegionOne",
        help="Region name of every endpoint in the emulated catalog."),
    cfg.URIOpt(
        "external_identity_url", schemes=["http", "https"],
        help="The /v3 URL of a real Keystone whose tokens the emulated "
             "services also accept (validated with that Keystone, their "
             "user, project and roles mirrored under the same ids), so "
             "that a real Keystone's catalog can point compute, image, "
             "network and orchestration at the local cloud. Unset: only "
             "the local cloud's own tokens are accepted."),
    cfg.ListOpt(
        "external_token_cache_servers", default=[],
        help="memcached servers (host:port) holding the token cache "
             "that keystonemiddleware keeps for the other services "
             "(without memcache_security_strategy). With "
             "external_identity_url, a token found there is accepted as "
             "validated, as devstack's services all share one memcached. "
             "Needs python-memcached."),
]


def register_opts(conf):
    conf.register_group(localcloud_group)
    conf.register_opts(localcloud_opts, group=localcloud_group)


def list_opts():
    return {localcloud_group: localcloud_opts}
