"""magnum-like-driver-manage: what cluster drivers this installation has.

`list-drivers` prints one row per (driver, server_type, os, coe) served:
the entry-point name and the triple; `--details` adds the driver's
template directory and main template (under the templates root),
`--paths` shows them as filesystem paths, and a driver without Heat
templates shows "-".
"""

import importlib
import os
import sys

from oslo_config import cfg

from magnum_like.common import service
from magnum_like.drivers import registry
from magnum_like.drivers.heat import template_files

NONE = "-"


def definition_of(driver_cls):
    """The TemplateDefinition of a Heat driver, or None: the one its
    operations use, else its package's template_def module."""
    found = getattr(getattr(driver_cls, "operations", None), "definition",
                    None)
    if found is not None:
        return found
    package = driver_cls.__module__.rsplit(".", 1)[0]
    try:
        module = importlib.import_module(package + ".template_def")
    except ImportError:
        return None
    return getattr(module, "DEFINITION", None)


def _template_columns(driver_cls, paths):
    definition = definition_of(driver_cls)
    if definition is None:
        return [NONE, NONE]
    env_dirs = [e.rsplit("/", 1)[0] for e in definition.environments]
    template_dir = env_dirs[0] if env_dirs else definition.template_dir
    main = definition.main_template
    if paths:
        root = definition.root or template_files.templates_root()
        template_dir = os.path.join(root, *template_dir.split("/"))
        main = os.path.join(root, *main.split("/"))
    return [template_dir, main]


def rows(drivers, details=False, paths=False):
    """[name, server_type, os, coe(, template_dir, main_template)] rows
    of {entry-point name: driver class}, sorted."""
    out = []
    for name, driver_cls in sorted(drivers.items()):
        extra = _template_columns(driver_cls, paths) \
            if details or paths else []
        for server_type, os_distro, coe in driver_cls.triples():
            out.append([name, server_type, os_distro, coe] + extra)
    return out


def table(header, body):
    """Columns aligned with two spaces, a dashed rule under the header."""
    widths = [max(len(str(r[i])) for r in [header] + body)
              for i in range(len(header))]
    lines = [header, ["-" * w for w in widths]] + body
    return "\n".join("  ".join(str(v).ljust(w) for v, w in
                               zip(line, widths, strict=True)).rstrip()
                     for line in lines)


def _list_drivers():
    command = cfg.CONF.command
    found = registry.Registry.from_entry_points()
    drivers = {name: found.get(name) for name in found.names()}
    details = command.details or command.paths
    header = ["driver", "server_type", "os", "coe"] + (
        ["template_dir", "main_template"] if details else [])
    print(table(header, rows(drivers, details, command.paths)))


def _add_parsers(subparsers):
    parser = subparsers.add_parser(
        "list-drivers", help="List the installed cluster drivers.")
    parser.add_argument("--details", action="store_true",
                        help="Add each driver's template directory and "
                             "main template.")
    parser.add_argument("--paths", action="store_true",
                        help="Show the templates as filesystem paths "
                             "(implies --details).")
    parser.set_defaults(func=_list_drivers)


@service.command("magnum-like-driver-manage")
def main(argv=None):
    return service.run_command(argv, "magnum-like-driver-manage",
                               _add_parsers,
                               description=service.summary(__doc__))


if __name__ == "__main__":
    sys.exit(main())
