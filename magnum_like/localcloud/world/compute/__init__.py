"""Nova v2.1 emulation: the ``world.compute`` service.

Flavors, keypairs, quotas and zones are in ``catalogs``; servers and
server groups in ``servers``; usage reports in ``usage``.
"""

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world.compute.catalogs import CatalogsMixin
from magnum_like.localcloud.world.compute.servers import ServersMixin
from magnum_like.localcloud.world.compute.usage import UsageMixin


class Compute(CatalogsMixin, ServersMixin, UsageMixin, base.Service):
    """Flavors, keypairs, servers, server groups, quotas."""

    def reset(self):
        self._reset_catalogs()
        self._reset_servers()
        self._reset_usage()

    def summary_for(self, project_id):
        return {"servers": sum(1 for s in self.servers.values()
                               if s["tenant_id"] == project_id),
                "server_groups": sum(1 for g in self.server_groups.values()
                                     if g["project_id"] == project_id)}
