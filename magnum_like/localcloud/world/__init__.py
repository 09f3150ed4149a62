"""The local cloud's in-memory world and its Python API.

``World`` holds every service's state behind one re-entrant lock; each
public service method takes the lock and returns deep copies of plain
dicts in the OpenStack API shape. Failures raise the typed errors of
``world.errors`` (``NotFound``, ``Conflict``, ``BadRequest``, ``Forbidden``,
``Unauthorized``, ``QuotaExceeded``), which the HTTP layers translate.

Services (explicit ``project_id``/``user_id`` arguments everywhere):

``world.identity``
    validate_token(token_id) -> info dict | None; authenticate(auth);
    issue_token; find_user/find_project/find_domain/find_role;
    create_user/delete_user; grant_role; create_trust/get_trust/
    delete_trust; create_app_cred; register_service; catalog(project_id)
``world.image``
    find_image(project_id, name_or_id), get_image, list_images,
    create_image, update_image, delete_image
``world.compute``
    create_server(project_id, user_id, name, flavor, image, key_name=,
    networks=[{"uuid"|"network"|"port"|"fixed_ip"|"subnet"}], ports=,
    user_data=, metadata=, scheduler_hints={"group": id},
    block_device_mapping=, security_groups=), get_server, delete_server,
    set_server_status, list_servers; create_server_group/
    delete_server_group; find_flavor(name_or_id); find_keypair(user_id,
    name); create_keypair; limits
``world.network``
    create_network/find_network/delete_network; create_subnet/
    find_subnet/delete_subnet; create_router/update_router/delete_router;
    add_router_interface/remove_router_interface; create_port/get_port/
    update_port/delete_port; create_floating_ip/update_floating_ip/
    delete_floating_ip; create_security_group/find_security_group/
    delete_security_group; create_security_group_rule/
    delete_security_group_rule
``world.volume``
    create_volume, get_volume, attach, detach, delete_volume
``world.loadbalancer``
    create_loadbalancer/create_listener/create_pool/create_member/
    create_healthmonitor; get(kind, id); list(kind); delete(kind, id,
    cascade=False)
``world.key_manager``
    create_secret(project_id, creator_id, payload=bytes, content_type=),
    get_secret, set_payload, delete_secret, list_secrets;
    create_container(project_id, creator_id, name=, container_type=,
    secret_refs=[{"name", "secret_id"}]), get_container,
    delete_container, list_containers
``world.faults``
    resource_fault(stack_name, resource_name, resource_type, action) ->
    None | {"kind": "fail"|"hang"|"slow", "reason", "delay"};
    service_fault(service, method, path); add_service_fault;
    add_resource_fault; clear
``world.settings``
    plain dict: heat_profile, token_expiration, region_name,
    fip_requires_router, heat_allow_global_index...
``world.extensions``
    dict where other engines (Heat) keep their own state; register a
    reset hook with ``world.on_reset(fn)`` and a summary hook with
    ``world.add_summary(name, fn)``.
"""

import threading

from magnum_like.localcloud.world import errors
from magnum_like.localcloud.world import seed as seed_mod
from magnum_like.localcloud.world.compute import Compute
from magnum_like.localcloud.world.faults import Faults
from magnum_like.localcloud.world.identity import Identity
from magnum_like.localcloud.world.image import Image
from magnum_like.localcloud.world.key_manager import KeyManager
from magnum_like.localcloud.world.loadbalancer import LoadBalancer
from magnum_like.localcloud.world.network import Network
from magnum_like.localcloud.world.volume import Volume

DEFAULT_SETTINGS = {"heat_profile": "fast", "token_expiration": 3600,
                    "region_name": "RegionOne",
                    "fip_requires_router": True,
                    # Heat's default policy denies stacks:global_index
                    "heat_allow_global_index": False}

__all__ = ["World", "errors"]


class World:
    """All the local cloud's state, shared by every HTTP service."""

    errors = errors

    def __init__(self, seed=None, settings=None):
        """:param seed: a seed file path or a seed dict; None means the
            packaged default seed. A given seed replaces the default one
            unless it sets ``include_default: true``.
        :param settings: overrides of DEFAULT_SETTINGS
        """
        self.lock = threading.RLock()
        self.base_url = None
        self.settings = dict(DEFAULT_SETTINGS, **(settings or {}))
        self._settings_overrides = dict(settings or {})
        self.extensions = {}
        self._reset_hooks = []
        self._summaries = {}
        self.identity = Identity(self)
        self.image = Image(self)
        self.compute = Compute(self)
        self.network = Network(self)
        self.volume = Volume(self)
        self.loadbalancer = LoadBalancer(self)
        self.key_manager = KeyManager(self)
        self.faults = Faults(self)
        self._seed = seed
        self.reset()

    def _services(self):
        return (self.identity, self.image, self.compute, self.network,
                self.volume, self.loadbalancer, self.key_manager,
                self.faults)

    def reset(self):
        """Drop all state, reload the seed(s), run the reset hooks."""
        with self.lock:
            self.settings.clear()
            self.settings.update(DEFAULT_SETTINGS, **self._settings_overrides)
            for service in self._services():
                service.reset()
            for data in seed_mod.resolve(self._seed):
                seed_mod.load(self, data)
            for hook in list(self._reset_hooks):
                hook()

    def load_seed(self, data):
        """Add what a seed dict describes to the current state."""
        with self.lock:
            seed_mod.load(self, data)

    def set_base_url(self, url):
        """The URL the services are reachable at (used for the catalog)."""
        with self.lock:
            self.base_url = url.rstrip("/")

    def on_reset(self, hook):
        """Call ``hook()`` (under the lock) each time the world resets."""
        self._reset_hooks.append(hook)

    def add_summary(self, name, fn):
        """Include ``fn()``'s result under ``name`` in ``summary()``."""
        self._summaries[name] = fn

    def summary(self):
        """Counts for tests: totals and, per project name, servers, ports,
        floating IPs, networks, volumes, load balancers, secrets,
        containers, trusts, users."""
        with self.lock:
            ident = self.identity
            projects = {}
            for project in ident.projects.values():
                pid = project["id"]
                counts = {"id": pid}
                counts.update(self.compute.summary_for(pid))
                counts.update(self.network.summary_for(pid))
                counts.update(self.volume.summary_for(pid))
                counts.update(self.loadbalancer.summary_for(pid))
                counts.update(self.key_manager.summary_for(pid))
                counts["trusts"] = sum(1 for t in ident.trusts.values()
                                       if t["project_id"] == pid)
                counts["users"] = len({a["user_id"]
                                       for a in ident.assignments
                                       if a["target"] == pid})
                projects[project["name"]] = counts
            result = {"identity": ident.summary(),
                      "images": self.image.summary()["images"],
                      "projects": projects,
                      "users_by_domain": {
                          d["name"]: sorted(u["name"]
                                            for u in ident.users.values()
                                            if u["domain_id"] == d["id"])
                          for d in ident.domains.values()},
                      "faults": self.faults.list_faults()}
            for name, fn in self._summaries.items():
                result[name] = fn()
            return result
