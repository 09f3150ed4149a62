"""The request context carried from the API to the conductor."""

from oslo_context import context


class RequestContext(context.RequestContext):
    """oslo.context's context plus the all-tenants flag of admin lists.

    `user_auth` is the keystoneauth plugin of the caller's validated token
    (set by the API from keystonemiddleware's `keystone.token_auth`); it
    lets common/clients.py act as the caller. It never crosses RPC.
    """

    def __init__(self, all_tenants=False, user_auth=None, **kwargs):
        super().__init__(**kwargs)
        self.all_tenants = all_tenants
        self.user_auth = user_auth

    def to_dict(self):
        value = super().to_dict()
        value["all_tenants"] = self.all_tenants
        return value

    @classmethod
    def from_dict(cls, values, **kwargs):
        kwargs.setdefault("all_tenants", values.get("all_tenants", False))
        return super().from_dict(values, **kwargs)


def make_context(**kwargs):
    return RequestContext(**kwargs)


def get_admin_context(read_deleted="no"):
    """A context for the service's own work (periodic tasks)."""
    return RequestContext(is_admin=True, all_tenants=True,
                          roles=["admin"], overwrite=False)
