"""The driver contract.

A driver is a class found through a `magnum_like.drivers` entry point.
What the registry and the API need is data on the class:

* `provides`: the (server_type, os, coe) triples it serves, as a list of
  {"server_type": ..., "os": ..., "coe": ...} dicts; `os` is the Glance
  image's `os_distro` property.
* `beta`: a beta driver serves templates only when an operator lists it
  in `[drivers] enabled_beta_drivers`.
* `template_rules(coe)`: the cluster template rules of a COE it serves
  (coe_rules.py); a driver narrows them by overriding it.

* `operations`: the object implementing the cluster operations
  (drivers/operations.py), composed rather than inherited: Heat drivers
  use drivers/heat/driver.HeatOperations(<their TemplateDefinition>).
  None (the default) refuses every operation with a 400.
* `check_plan(plan)`: the driver's own 400s for a cluster or nodegroup
  about to be recorded (bad labels, what it cannot build), from its
  operations' `check_plan` when they have one.
* `check_nodegroup_create(coe)`: what the API asks before it records a
  new nodegroup; a 400 when the operations say the driver's clusters
  take no nodegroups beyond the default two (their
  `supports_nodegroups`, for Heat drivers the definition's
  `nodegroup_stacks`).
"""

from magnum_like.common import exceptions
from magnum_like.drivers import coe_rules


class Driver:
    """Base class of every COE driver."""

    provides = []
    beta = False
    operations = None

    @classmethod
    def triples(cls):
        """The (server_type, os, coe) tuples this driver serves."""
        return [(p["server_type"], p["os"], p["coe"]) for p in cls.provides]

    @classmethod
    def serves(cls, server_type, os, coe):
        return (server_type, os, coe) in cls.triples()

    @classmethod
    def template_rules(cls, coe):
        """The template rules for `coe`, None if it serves no such COE."""
        if coe not in {p["coe"] for p in cls.provides}:
            return None
        return coe_rules.for_coe(coe)

    # -- What the API asks before it records an operation ----------------
    @classmethod
    def validate_master_size(cls, master_count):
        """400 unless `master_count` masters may be created: an odd
        number, at least one (etcd needs a quorum)."""
        if master_count < 1 or master_count % 2 == 0:
            raise exceptions.MasterNGSizeInvalid(
                requested_size=master_count)

    @classmethod
    def validate_master_resize(cls, node_count):
        """400 unless the master nodegroup may be resized to
        `node_count`; by default it may not."""
        raise exceptions.MasterNGResizeNotSupported()

    @classmethod
    def supports_nodegroups(cls):
        """Whether clusters of this driver take nodegroups beyond their
        default master and worker nodegroups."""
        return bool(getattr(cls.operations, "supports_nodegroups", True))

    @classmethod
    def check_plan(cls, plan):
        """400 for what the driver would refuse to build from `plan`
        (operations.PlannedCluster): the checks its operations make when
        they build, made before the API answers 202."""
        check = getattr(cls.operations, "check_plan", None)
        if check is not None:
            check(plan)

    @classmethod
    def check_nodegroup_create(cls, coe):
        """400 unless a nodegroup may be added to a `coe` cluster of
        this driver."""
        if not cls.supports_nodegroups():
            raise exceptions.NotSupported(
                operation="Adding nodegroups to a %s cluster" % coe)
