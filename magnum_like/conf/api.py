"""[api] options: the REST API service."""

from oslo_config import cfg

api_group = cfg.OptGroup(name="api", title="Options for the API service")

api_opts = [
    cfg.HostAddressOpt(
        "host", default="127.0.0.1",
        help="Address the API service listens on."),
    cfg.PortOpt(
        "port", default=9511,
        help="Port the API service listens on."),
    cfg.IntOpt(
        "workers", min=1,
        help="Number of API worker processes. Defaults to the number of "
             "CPUs, at least 2."),
    cfg.IntOpt(
        "threads_per_worker", default=8, min=1,
        help="Threads per API worker process; each serves one request at "
             "a time."),
    cfg.IntOpt(
        "max_limit", default=1000, min=1,
        help="The largest number of items a collection returns in one "
             "page."),
    cfg.StrOpt(
        "api_paste_config", default="api-paste.ini",
        help="The paste deployment file of the API pipeline, looked up "
             "beside the config files when relative."),
    cfg.StrOpt(
        "auth_strategy", default="keystone",
        choices=[("keystone", "Validate tokens with keystonemiddleware."),
                 ("noauth", "No authentication: requests act as the "
                            "project and roles their X-Project-Id and "
                            "X-Roles headers name (default: an admin). "
                            "For development only.")],
        help="How API requests are authenticated."),
    cfg.BoolOpt(
        "enabled_ssl", default=False,
        help="Serve the API over HTTPS."),
    cfg.StrOpt("ssl_cert_file", help="Certificate file for HTTPS."),
    cfg.StrOpt("ssl_key_file", help="Private key file for HTTPS."),
    cfg.IntOpt(
        "worker_timeout", default=120, min=1,
        help="Seconds a worker may spend on one request before the "
             "server restarts it."),
]


def register_opts(conf):
    conf.register_group(api_group)
    conf.register_opts(api_opts, group=api_group)


def list_opts():
    return {api_group: api_opts}
