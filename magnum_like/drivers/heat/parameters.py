"""Declarative mappings from a cluster to the parameters of its stack.

A mapping is `Param(heat_name, source)`: the source says where the value
comes from (a cluster template attribute, a cluster attribute, a
nodegroup attribute, a label, a config option, a value the conductor
computed into the StackContext, or a function of all of them). A value
that resolves to None is not passed, so the template default applies;
`required=True` turns that into a 400 RequiredParameterNotProvided.

The inputs are plain objects with the attribute names of the DB rows
(magnum_like.db.models Cluster, ClusterTemplate, NodeGroup); dicts work
too.
"""

import dataclasses
from typing import Any

from oslo_utils import strutils

from magnum_like.common import exceptions


@dataclasses.dataclass
class StackContext:
    """What the conductor computes before rendering a stack.

    Network fields hold Neutron ids the conductor resolved from the
    names in the cluster and template; the nodegroup-stack fields hold
    outputs of the cluster stack.
    """

    magnum_url: str = ""
    auth_url: str = ""
    region_name: str = ""
    username: str = ""
    octavia_enabled: bool = False
    verify_ca: bool = True
    openstack_ca: str = ""
    ssh_public_key: str = ""
    discovery_url: str = ""
    trustee_domain_id: str = ""
    trustee_user_id: str = ""
    trustee_username: str = ""
    trustee_password: str = ""
    trust_id: str = ""
    cluster_user_trust: bool = False
    service_account_public_key: str = ""
    service_account_private_key: str = ""
    external_network_id: str = ""
    fixed_network_id: str = ""
    fixed_network_name: str = ""
    fixed_subnet_id: str = ""
    fixed_subnet_cidr: str = ""
    # nodegroup stacks: what they borrow from the cluster stack
    existing_master_private_ip: str = ""
    existing_security_group: str = ""


@dataclasses.dataclass
class StackInputs:
    """Everything a mapping may read."""

    cluster_template: Any
    cluster: Any
    worker_nodegroup: Any
    master_nodegroup: Any = None
    context: StackContext = dataclasses.field(default_factory=StackContext)
    is_cluster_stack: bool = True
    conf: Any = None
    nodes_to_remove: tuple = ()

    @property
    def labels(self):
        """The nodegroup's labels for nodegroup stacks, else the
        cluster's; the template's when the cluster has none."""
        if not self.is_cluster_stack:
            labels = attr(self.worker_nodegroup, "labels")
            if labels is not None:
                return labels
        labels = attr(self.cluster, "labels")
        if labels is None:
            labels = attr(self.cluster_template, "labels")
        return labels or {}

    def nodegroup(self, which):
        return self.master_nodegroup if which == "master" \
            else self.worker_nodegroup

    def option(self, group, name):
        conf = self.conf
        if conf is None:
            from magnum_like import conf as ml_conf
            conf = ml_conf.CONF
        return getattr(getattr(conf, group), name)


def attr(obj, name, default=None):
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _blank(value):
    return value is None or value == ""


# -- sources --------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class TemplateAttr:
    name: str

    def __call__(self, inputs):
        return attr(inputs.cluster_template, self.name)


@dataclasses.dataclass(frozen=True)
class ClusterAttr:
    name: str

    def __call__(self, inputs):
        return attr(inputs.cluster, self.name)


@dataclasses.dataclass(frozen=True)
class NodeGroupAttr:
    which: str          # "master" or "worker"
    name: str

    def __call__(self, inputs):
        return attr(inputs.nodegroup(self.which), self.name)


@dataclasses.dataclass(frozen=True)
class Label:
    name: str
    default: Any = None

    def __call__(self, inputs):
        value = inputs.labels.get(self.name)
        return self.default if _blank(value) else value


@dataclasses.dataclass(frozen=True)
class Conf:
    group: str
    name: str

    def __call__(self, inputs):
        return inputs.option(self.group, self.name)


@dataclasses.dataclass(frozen=True)
class Context:
    name: str

    def __call__(self, inputs):
        return getattr(inputs.context, self.name)


@dataclasses.dataclass(frozen=True)
class Const:
    value: Any

    def __call__(self, inputs):
        return self.value


@dataclasses.dataclass(frozen=True)
class First:
    """The first source whose value is not blank."""

    sources: tuple

    def __init__(self, *sources):
        object.__setattr__(self, "sources", sources)

    def __call__(self, inputs):
        for source in self.sources:
            value = source(inputs)
            if not _blank(value):
                return value
        return None


# -- conversions ----------------------------------------------------------
def to_bool(value):
    if isinstance(value, bool):
        return value
    return strutils.bool_from_string(value, strict=True)


def to_heat(value, kind):
    """A value in the form Heat's parameter types take."""
    if value is None:
        return None
    if kind == "bool":
        return "true" if to_bool(value) else "false"
    if kind == "int":
        return int(value)
    if kind == "list":
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return [str(v) for v in value]
    return str(value)


@dataclasses.dataclass(frozen=True)
class Param:
    """One Heat parameter and where its value comes from.

    kind: str, int, bool or list. `only_if_true`: pass the value only
    when it is truthy (labels Magnum passed "only when set"). `stacks`:
    "all", "cluster" (cluster stack only) or "nodegroup".
    """

    heat_name: str
    source: Any
    kind: str = "str"
    required: bool = False
    only_if_true: bool = False
    stacks: str = "all"

    def applies(self, inputs):
        if self.stacks == "all":
            return True
        return (self.stacks == "cluster") == inputs.is_cluster_stack

    def value(self, inputs):
        raw = self.source(inputs)
        if _blank(raw) or (self.only_if_true and not raw):
            if self.required:
                raise exceptions.RequiredParameterNotProvided(
                    heat_param=self.heat_name)
            return None
        try:
            return to_heat(raw, self.kind)
        except ValueError:
            raise exceptions.InvalidParameterValue(
                err="Invalid value %r for %s (%s expected)."
                % (raw, self.heat_name, self.kind))


def render(mappings, inputs):
    """The parameters dict of a stack: every applicable mapping with a
    value. A later mapping of the same name with a value overrides an
    earlier one (a driver may append its own mappings)."""
    out = {}
    for mapping in mappings:
        if not mapping.applies(inputs):
            continue
        value = mapping.value(inputs)
        if value is not None:
            out[mapping.heat_name] = value
    return out


def check_declared(params, declared, required, template):
    """Refuse parameters the template does not declare, or a missing
    required one: either is a bug of the driver, not of the user."""
    undeclared = sorted(set(params) - set(declared))
    missing = sorted(set(required) - set(params))
    if undeclared or missing:
        raise exceptions.TemplateError(
            reason="%s: undeclared parameters %s, missing required "
                   "parameters %s" % (template, undeclared, missing))
