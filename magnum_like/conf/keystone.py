"""[keystone_auth]: the service's own credentials for Keystone.

[keystone_authtoken] is declared by keystonemiddleware itself and listed
in the sample through its own generator namespace.
"""

from keystoneauth1 import loading as ks_loading
from oslo_config import cfg

keystone_auth_group = cfg.OptGroup(
    name="keystone_auth",
    title="Credentials the service uses for Keystone and other services",
    help="The service user's keystoneauth plugin and session options. "
         "Used for admin work such as the periodic status sync, trustee "
         "users and trusts.")


def register_opts(conf):
    conf.register_group(keystone_auth_group)
    ks_loading.register_auth_conf_options(conf, keystone_auth_group.name)
    ks_loading.register_session_conf_options(conf, keystone_auth_group.name)


def list_opts():
    opts = ks_loading.get_session_conf_options()
    opts += ks_loading.get_auth_common_conf_options()
    opts += ks_loading.get_auth_plugin_conf_options("password")
    seen = set()
    unique = []
    for opt in opts:
        if opt.dest not in seen:
            seen.add(opt.dest)
            unique.append(opt)
    return {keystone_auth_group: unique}
