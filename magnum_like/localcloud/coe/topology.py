"""Which cluster answers at an address, and its nodes, read from the
local Heat's live stacks and Nova's servers.

A cluster is a top-level stack with an `api_address` output; its nodes
are the OS::Nova::Server resources of the stack and of its nested
stacks, masters being those under a resource whose name says
"master". The address -> stack map is cached and checked on each use;
a miss rebuilds it in one pass over the stacks.
"""

import dataclasses
import threading

from magnum_like.localcloud.heat import resolver
from magnum_like.localcloud.world import errors

MASTER_HINT = "master"


@dataclasses.dataclass(frozen=True)
class Node:
    server_id: str
    name: str
    role: str
    ready: bool
    since: str
    address: str


@dataclasses.dataclass(frozen=True)
class Cluster:
    stack_id: str
    name: str
    address: str
    nodes: tuple

    @property
    def api_up(self):
        return any(n.ready for n in self.nodes if n.role == "master")


class Topology:
    def __init__(self, world):
        self.world = world
        self._cache = {}
        self._lock = threading.Lock()

    def _engine(self):
        return self.world.extensions.get("heat")

    @staticmethod
    def _address(engine, stack):
        ctx = resolver.RuntimeContext(engine, stack)
        if "api_address" not in ctx.definition.outputs:
            return None
        return resolver.output_value(ctx, "api_address").get("output_value")

    def _stack_at(self, engine, host):
        with self._lock:
            cached = self._cache.get(host)
        if cached is not None and not cached.deleted and \
                engine.by_name.get((cached.project_id, cached.name)) \
                is cached and self._address(engine, cached) == host:
            return cached
        # A miss re-reads every top-level stack's address once.
        index = {}
        for stack in list(engine.live_stacks()):
            if stack.parent is None and not stack.deleted:
                address = self._address(engine, stack)
                if address:
                    index[address] = stack
        with self._lock:
            self._cache = index
        return index.get(host)

    def cluster_at(self, host):
        """The Cluster answering at `host` (an IP), or None."""
        engine = self._engine()
        if engine is None:
            return None
        with engine.lock:
            stack = self._stack_at(engine, host)
            if stack is None:
                return None
            servers = list(_servers(stack, None))
        return Cluster(stack.id, stack.name, host,
                       tuple(self._nodes(servers)))

    def _nodes(self, servers):
        compute = self.world.compute
        out = []
        for server_id, role in servers:
            try:
                server = compute.get_server(server_id)
            except errors.NotFound:  # deleted meanwhile: no node
                continue
            out.append(Node(server_id, server["name"], role,
                            server["status"] == "ACTIVE",
                            server.get("updated") or server["created"],
                            _first_ip(server)))
        return out


def _servers(stack, role):
    for name, res in stack.resources.items():
        res_role = role or (MASTER_HINT if MASTER_HINT in name else None)
        if res.type == "OS::Nova::Server" and res.physical_id:
            yield res.physical_id, res_role or "worker"
        if res.nested is not None:
            yield from _servers(res.nested, res_role)


def _first_ip(server):
    for entries in (server.get("addresses") or {}).values():
        for entry in entries:
            return entry.get("addr")
    return None
