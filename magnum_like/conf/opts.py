"""Entry points for oslo-config-generator."""

from magnum_like import conf


def list_opts():
    """Every option of magnum_like, as (group, [opts]) pairs."""
    merged = {}
    for module in conf.MODULES:
        for group, opts in module.list_opts().items():
            key = getattr(group, "name", group)
            entry = merged.setdefault(key, [group, []])
            entry[1].extend(opts)
    return [(group, sorted(opts, key=lambda opt: opt.name))
            for group, opts in
            (merged[key] for key in sorted(merged))]


def update_opt_defaults():
    """Library defaults that magnum_like changes."""
    from oslo_log import log
    log.set_defaults(default_log_levels=log.get_default_log_levels() + [
        "stevedore=INFO", "kazoo.client=WARN", "keystonemiddleware=INFO",
        "routes.middleware=INFO", "pecan=WARN",
        # It warns on every client that it is deprecated.
        "neutronclient.v2_0.client=ERROR",
        # It logs every 4xx as an error, the 404s the barbican cert
        # manager expects included; that manager reports failures itself.
        "barbicanclient=WARN", "barbicanclient.client=CRITICAL",
    ])
