"""Keystone v3 emulation: the ``world.identity`` service.

Resources (domains, projects, users, roles, grants) are in
``resources``, tokens in ``tokens``, trusts and application credentials
in ``delegation``, the catalog and token bodies in ``catalog``.

Most used by other parts of the local cloud:

* ``validate_token(token_id, allow_expired=False)`` -> info dict or None
* ``check_token(token_id)``: the same, also accepting an external
  Keystone's tokens (``external``)
* ``authenticate(auth)`` -> ``{"id", "token"}`` (Keystone auth body)
* ``issue_token(user_id, project_id=None, ...)`` for in-process callers
* ``find_user``, ``find_project``, ``find_domain``, ``find_role``
* ``create_trust``/``get_trust``/``delete_trust``, ``create_app_cred``
* ``register_service(type, name, url)`` adds a catalog entry
"""

from magnum_like.localcloud.world import base
from magnum_like.localcloud.world.identity.catalog import CatalogMixin
from magnum_like.localcloud.world.identity.delegation import DelegationMixin
from magnum_like.localcloud.world.identity.external import ExternalTokensMixin
from magnum_like.localcloud.world.identity.resources import ResourcesMixin
from magnum_like.localcloud.world.identity.tokens import TokensMixin


class Identity(ResourcesMixin, TokensMixin, ExternalTokensMixin,
               DelegationMixin, CatalogMixin, base.Service):
    """Domains, projects, users, roles, tokens, trusts, app credentials."""

    def reset(self):
        self._reset_resources()
        self._reset_tokens()
        self._reset_delegation()
        self._reset_catalog()

    def summary(self):
        return {"domains": len(self.domains), "projects": len(self.projects),
                "users": len(self.users), "trusts": len(self.trusts),
                "application_credentials": len(self.app_creds),
                "tokens": len(self.tokens)}
