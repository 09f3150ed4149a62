"""[drivers] options: which COE drivers are loaded and how."""

from oslo_config import cfg

drivers_group = cfg.OptGroup(name="drivers", title="COE driver options")

drivers_opts = [
    cfg.ListOpt(
        "disabled_drivers", default=[],
        help="Entry-point names of drivers not to load."),
    cfg.ListOpt(
        "enabled_beta_drivers", default=[],
        help="Entry-point names of beta drivers that may be used."),
    cfg.StrOpt(
        "default_driver",
        help="Driver of cluster templates that name none and whose image "
             "has no magnum_driver property."),
    cfg.BoolOpt(
        "verify_ca", default=True,
        help="Whether cluster nodes verify the OpenStack endpoints' "
             "certificates."),
    cfg.StrOpt(
        "template_path",
        help="Directory holding the drivers' Heat templates (a copy of "
             "the project's templates/). Default: templates/ of the source "
             "tree, else <prefix>/share/magnum-like/templates."),
    cfg.StrOpt(
        "openstack_ca_file", default="",
        help="CA bundle of the OpenStack endpoints, passed to nodes."),
]


def register_opts(conf):
    conf.register_group(drivers_group)
    conf.register_opts(drivers_opts, group=drivers_group)


def list_opts():
    return {drivers_group: drivers_opts}
