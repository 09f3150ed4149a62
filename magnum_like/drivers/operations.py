"""The operation contract of a driver: what the conductor asks of it.

A driver class names an `operations` object (composition, not
inheritance): Heat drivers use drivers/heat/driver.HeatOperations built
from their TemplateDefinition; a driver without one refuses every
operation with a 400 (NotSupportedOperations).

The conductor gives an operation a `ClusterJob`: the rows (read-only),
the cluster's secrets in clear and `clients`, the cloud acting for the
cluster. An operation returns `Changes`: what the conductor writes to
the rows under the cluster's lock. Drivers never touch the database.
"""

import dataclasses
from typing import Any

from magnum_like.common import exceptions

# The methods of the contract, each (job, ...) -> Changes.
METHODS = ("create_cluster", "update_cluster", "resize_cluster",
           "upgrade_cluster", "delete_cluster", "create_nodegroup",
           "update_nodegroup", "delete_nodegroup", "rotate_credentials",
           "rotate_ca_certificate")


@dataclasses.dataclass
class ClusterJob:
    """What one operation works on.

    clients: conductor/cloud.ClusterClients (heat(), nova(), neutron(),
    octavia(), magnum_url(), auth_url, octavia_enabled(), ...).
    secrets: {"trustee_password", "service_account_public_key",
    "service_account_private_key"} in clear.
    """

    cluster: Any
    cluster_template: Any
    nodegroups: list
    clients: Any = None
    secrets: dict = dataclasses.field(default_factory=dict)

    def nodegroup(self, uuid):
        for ng in self.nodegroups:
            if ng.uuid == uuid:
                return ng
        raise exceptions.NodeGroupNotFound(nodegroup=uuid)

    def default(self, role):
        """The default nodegroup of `role` ("master" or "worker")."""
        for ng in self.nodegroups:
            if ng.is_default and (ng.role == "master") == (role == "master"):
                return ng
        return None


@dataclasses.dataclass
class Changes:
    """Column values to write: the cluster's and {nodegroup uuid: ...}.
    `gone` is True when nothing is left in the cloud (a delete found the
    stacks already deleted)."""

    cluster: dict = dataclasses.field(default_factory=dict)
    nodegroups: dict = dataclasses.field(default_factory=dict)
    gone: bool = False

    def nodegroup(self, uuid, **values):
        self.nodegroups.setdefault(uuid, {}).update(values)
        return self


class NotSupportedOperations:
    """The operations of a driver that implements none (yet)."""

    def __init__(self, driver_name):
        self.driver_name = driver_name

    def __getattr__(self, name):
        if name not in METHODS:
            raise AttributeError(name)

        def refuse(*args, **kwargs):
            raise exceptions.DriverOperationNotSupported(
                operation=name.replace("_", " ").capitalize(),
                driver=self.driver_name)
        return refuse

    def sync_fields(self, *args, **kwargs):
        return {}, {}


def operations_of(driver_cls, name=None):
    """The operations object of a driver class."""
    ops = getattr(driver_cls, "operations", None)
    return ops if ops is not None else NotSupportedOperations(
        name or driver_cls.__module__.split(".")[-2])


@dataclasses.dataclass
class PlannedCluster:
    """A cluster (or a nodegroup of one) as the API is about to record
    it, for the driver's checks before the 202 (base.Driver.check_plan):
    plain dicts or rows, nothing in the cloud yet.

    nodegroup: the new nodegroup when one is added to an existing
    cluster, else None (a cluster create).
    external_network / fixed_network / fixed_subnet: the Neutron networks
    and subnet the API found for the names of the cluster and its
    template (dicts as Neutron lists them), if any.
    """

    cluster_template: Any
    cluster: Any
    master: Any
    worker: Any
    nodegroup: Any = None
    external_network: dict = None
    fixed_network: dict = None
    fixed_subnet: dict = None
