"""Which installed driver serves a cluster template (facts §4.1 step 5).

The driver is, in order: the template's `driver`, the image's
`magnum_driver` property, `[drivers] default_driver` when it serves the
template's (server_type, os_distro, coe) triple, else the driver that
serves the triple. A named driver must be installed and serve the
triple; a beta driver must be enabled.
"""

from oslo_config import cfg

from magnum_like.drivers import registry

CONF = cfg.CONF


def resolve(template, image, previous=None):
    """The entry-point name of the driver for `template`, whose image is
    `image` (a dict with `os_distro`).

    `previous` is the driver a patched template had: it stays when it
    still serves the template and nothing names another one.
    """
    drivers = registry.get_registry()
    triple = (template.get("server_type"), image.get("os_distro"),
              template.get("coe"))
    named = template.get("driver") or image.get("magnum_driver")
    if named:
        drivers.check_serves(named, *triple)
        return named
    if previous and previous in drivers.names() and \
            drivers.get(previous).serves(*triple):
        drivers.check_enabled(previous, triple)
        return previous
    default = CONF.drivers.default_driver
    if default and drivers.get(default).serves(*triple):
        drivers.check_enabled(default, triple)
        return default
    return drivers.name_for(*triple)
