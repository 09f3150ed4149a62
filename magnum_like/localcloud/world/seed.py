"""Load a seed (YAML file or dict) into the world.

See ``magnum_like/localcloud/seed/default.yaml`` for the format. A seed
replaces the default one unless it holds ``include_default: true``.
"""

import os

import yaml

from magnum_like.localcloud.world import errors

DEFAULT_SEED = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                            "seed", "default.yaml")


def resolve(seed):
    """The seed documents to load, in order, for a World's ``seed``.

    None: the default seed. A path or a dict: that seed alone, preceded
    by the default seed when it sets ``include_default: true``.
    """
    if seed is None:
        return [read_seed()]
    data = dict(seed) if isinstance(seed, dict) else read_seed(seed)
    if data.pop("include_default", False):
        return [read_seed(), data]
    return [data]


def read_seed(path=None):
    """Parse a seed file (the default seed when ``path`` is None)."""
    with open(path or DEFAULT_SEED, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    if not isinstance(data, dict):
        raise errors.BadRequest("Seed %s is not a mapping." % path)
    return data


def load(world, data):
    """Create everything a seed dict describes, in dependency order."""
    world.settings.update(data.get("settings") or {})
    _identity(world.identity, data)
    for spec in data.get("services") or []:
        world.identity.register_service(spec["type"], spec.get("name"),
                                        spec["url"], spec.get("region"))
    for spec in data.get("images") or []:
        _image(world, dict(spec))
    for spec in data.get("flavors") or []:
        world.compute.create_flavor(**spec)
    for spec in data.get("networks") or []:
        _network(world, dict(spec))
    for spec in data.get("keypairs") or []:
        user = world.identity.find_user(spec["user"],
                                        spec.get("domain", "default"))
        world.compute.create_keypair(user["id"], spec["name"],
                                     spec.get("public_key"))
    for spec in data.get("faults") or []:
        world.faults.add(spec)


def _identity(identity, data):
    for spec in data.get("domains") or []:
        identity.create_domain(spec["name"], spec.get("description", ""),
                               spec.get("enabled", True), spec.get("id"))
    for name in data.get("roles") or []:
        identity.create_role(name)
    for prior, implied in (data.get("implied_roles") or {}).items():
        for role in implied:
            identity.add_implied_role(prior, role)
    for spec in data.get("projects") or []:
        identity.create_project(spec["name"], spec.get("domain", "default"),
                                spec.get("description", ""),
                                spec.get("enabled", True), spec.get("id"))
    for spec in data.get("users") or []:
        _user(identity, spec)


def _user(identity, spec):
    domain = identity.find_domain(spec.get("domain", "default"))
    project = None
    if spec.get("default_project"):
        project = identity.find_project(spec["default_project"],
                                        spec.get("project_domain",
                                                 domain["id"]))["id"]
    user = identity.create_user(spec["name"], spec.get("password"),
                                domain["id"], project,
                                spec.get("enabled", True),
                                spec.get("email"), spec.get("description"),
                                spec.get("id"))
    for grant in spec.get("roles") or []:
        if "project" in grant:
            target = {"project_id": identity.find_project(
                grant["project"], grant.get("project_domain",
                                            "default"))["id"]}
        elif "domain" in grant:
            target = {"domain_id": identity.find_domain(
                grant["domain"])["id"]}
        else:
            target = {"system": grant.get("system", "all")}
        identity.grant_role(grant["role"], user["id"], **target)


def _project_id(world, name):
    if name is None:
        return None
    return world.identity.find_project(name)["id"]


def _image(world, spec):
    owner = _project_id(world, spec.pop("owner", None))
    world.image.create_image(owner, **spec)


def _network(world, spec):
    project_id = _project_id(world, spec.pop("project", None))
    subnets = spec.pop("subnets", None) or []
    router = spec.pop("router", None)
    net = world.network.create_network(project_id, **spec)
    for subnet in subnets:
        subnet = dict(subnet)
        created = world.network.create_subnet(
            project_id, net["id"], subnet.pop("cidr"), **subnet)
        if router:
            router = dict(router)
            rec = world.network.create_router(
                project_id, router.get("name", ""),
                router.get("external_network"))
            world.network.add_router_interface(rec["id"], created["id"])
            router = None
