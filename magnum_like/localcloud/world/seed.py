"""Load a seed (YAML file or dict) into the world.

See ``magnum_like/localcloud/seed/default.yaml`` for the format. A seed
replaces the default one unless it holds ``include_default: true``.

What a seed creates without an ``id`` gets one derived from its kind and
name (``stable_id``): the same seed gives the same ids in every run, so
what a service stored about the cloud (project ids of clusters, image and
network ids of templates) still holds after the local cloud restarts.
"""

import os
import uuid

import yaml

from magnum_like.localcloud.world import errors

DEFAULT_SEED = os.path.join(os.path.dirname(os.path.dirname(__file__)),
                            "seed", "default.yaml")


# Namespace of the ids the local cloud derives from seeded names.
_NAMESPACE = uuid.UUID("5d1b6f0e-6c1f-4f55-9a53-0c7a3f3b2f10")


def stable_id(kind, *names, hex_id=False):
    """A fixed id for the seeded `kind` named `names` (dashed UUID, or
    32 hex characters as Keystone's ids are)."""
    value = uuid.uuid5(_NAMESPACE, "/".join((kind,) + tuple(
        str(n) for n in names)))
    return value.hex if hex_id else str(value)


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
                               spec.get("enabled", True), spec.get("id") or
                               stable_id("domain", spec["name"],
                                         hex_id=True))
    for name in data.get("roles") or []:
        identity.create_role(name, stable_id("role", name, hex_id=True))
    for prior, implied in (data.get("implied_roles") or {}).items():
        for role in implied:
            identity.add_implied_role(prior, role)
    for spec in data.get("projects") or []:
        domain = spec.get("domain", "default")
        identity.create_project(
            spec["name"], domain, spec.get("description", ""),
            spec.get("enabled", True), spec.get("id") or stable_id(
                "project", domain.lower(), spec["name"], hex_id=True))
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
                                spec.get("id") or stable_id(
                                    "user", domain["id"], spec["name"],
                                    hex_id=True))
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


def _unused(records, ident):
    """`ident`, or None (a random id) when a record already has it: a
    seed may repeat a name where the service allows it."""
    return None if ident in records else ident


def _project_id(world, name):
    if name is None:
        return None
    return world.identity.find_project(name)["id"]


def _image(world, spec):
    owner = _project_id(world, spec.pop("owner", None))
    spec.setdefault("id", _unused(world.image.images,
                                  stable_id("image", spec.get("name"))))
    world.image.create_image(owner, **spec)


def _network(world, spec):
    project_id = _project_id(world, spec.pop("project", None))
    subnets = spec.pop("subnets", None) or []
    router = spec.pop("router", None)
    spec.setdefault("id", _unused(world.network.networks, stable_id(
        "network", project_id, spec.get("name"))))
    net = world.network.create_network(project_id, **spec)
    for subnet in subnets:
        subnet = dict(subnet)
        subnet.setdefault("id", _unused(world.network.subnets, stable_id(
            "subnet", net["id"], subnet.get("name"))))
        created = world.network.create_subnet(
            project_id, net["id"], subnet.pop("cidr"), **subnet)
        if router:
            router = dict(router)
            rec = world.network.create_router(
                project_id, router.get("name", ""),
                router.get("external_network"),
                id=router.get("id") or _unused(
                    world.network.routers,
                    stable_id("router", project_id, router.get("name"))))
            world.network.add_router_interface(rec["id"], created["id"])
            router = None
