"""[trust] options: trustee users and trusts for in-cluster agents."""

from oslo_config import cfg

trust_group = cfg.OptGroup(
    name="trust", title="Trustee and trust options",
    help="Each cluster gets a trustee user in a dedicated domain and a "
         "trust from the cluster's owner, which the nodes' agents use.")

trust_opts = [
    cfg.StrOpt("trustee_domain_id",
               help="Id of the domain that holds trustee users."),
    cfg.StrOpt("trustee_domain_name",
               help="Name of the domain that holds trustee users."),
    cfg.StrOpt("trustee_domain_admin_id",
               help="Id of the admin user of the trustee domain."),
    cfg.StrOpt("trustee_domain_admin_name",
               help="Name of the admin user of the trustee domain."),
    cfg.StrOpt("trustee_domain_admin_domain_id",
               help="Domain id of the trustee domain admin user."),
    cfg.StrOpt("trustee_domain_admin_domain_name",
               help="Domain name of the trustee domain admin user."),
    cfg.StrOpt("trustee_domain_admin_password", secret=True,
               help="Password of the trustee domain admin user."),
    cfg.ListOpt("roles", default=[],
                help="Roles the trust delegates; empty means the roles "
                     "of the user creating the cluster."),
    cfg.BoolOpt("cluster_user_trust", default=False,
                help="Pass the trust id to the nodes so in-cluster "
                     "components (cloud provider) act as the owner."),
    cfg.StrOpt("trustee_keystone_interface", default="public",
               help="Keystone interface the nodes use."),
    cfg.StrOpt("trustee_keystone_region_name",
               help="Keystone region the nodes use."),
]


def register_opts(conf):
    conf.register_group(trust_group)
    conf.register_opts(trust_opts, group=trust_group)


def list_opts():
    return {trust_group: trust_opts}
