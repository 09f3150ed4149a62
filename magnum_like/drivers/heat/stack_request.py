"""What the conductor asks Heat for, as data: StackRequest and the
builders of the requests of each cluster operation."""

import dataclasses

from magnum_like.drivers.heat import parameters as params_mod
from magnum_like.drivers.heat import stack_naming


@dataclasses.dataclass(frozen=True)
class StackRequest:
    """One stack create (stack_id None) or update (stack_id set).

    An update with existing=True is Heat's PATCH: parameters not given
    keep their current values, a template left None stays the same.
    """

    stack_name: str = None
    template: str = None
    files: dict = dataclasses.field(default_factory=dict)
    environment_files: list = dataclasses.field(default_factory=list)
    parameters: dict = dataclasses.field(default_factory=dict)
    timeout_mins: int = None
    disable_rollback: bool = True
    tags: tuple = ()
    stack_id: str = None
    existing: bool = False

    @property
    def size(self):
        """Bytes of template and files: what counts against Heat's
        request body limit."""
        return len((self.template or "").encode()) + sum(
            len(t.encode()) for t in self.files.values())


def _timeout(inputs):
    timeout = params_mod.attr(inputs.cluster, "create_timeout")
    return timeout or inputs.option("cluster_heat", "create_timeout")


def _tags(inputs):
    return ("magnum_like", "cluster-%s" % params_mod.attr(inputs.cluster,
                                                          "uuid"))


def create(definition, inputs, stack_name=None, extra_tags=()):
    """The cluster stack (inputs.is_cluster_stack True) or a nodegroup
    stack (False) of `definition`; `extra_tags` let the conductor find
    the stack again (adoption after a crash)."""
    bundle = definition.bundle(inputs)
    cluster_name = params_mod.attr(inputs.cluster, "name")
    if stack_name is None:
        stack_name = stack_naming.cluster_stack_name(cluster_name) \
            if inputs.is_cluster_stack else stack_naming.nodegroup_stack_name(
                cluster_name, params_mod.attr(inputs.worker_nodegroup,
                                              "name"))
    return StackRequest(
        stack_name=stack_name, template=bundle.template, files=bundle.files,
        environment_files=bundle.environment_files,
        parameters=definition.parameters(inputs),
        timeout_mins=_timeout(inputs), disable_rollback=True,
        tags=_tags(inputs) + tuple(extra_tags))


def scale(definition, stack_id, node_count, nodes_to_remove=(),
          rollback=False):
    """Resize the workers of a stack: Heat removes `nodes_to_remove`
    (server ids or group member names) first, then the highest-indexed
    members."""
    parameters = {definition.count_parameter: int(node_count)}
    if nodes_to_remove:
        parameters[definition.remove_parameter] = list(nodes_to_remove)
    return StackRequest(stack_id=stack_id, existing=True,
                        parameters=parameters,
                        disable_rollback=not rollback)


def upgrade(definition, inputs, stack_id, max_batch_size=1,
            rollback=False):
    """Roll the stack to what `inputs` render (the new cluster template
    and labels), max_batch_size nodes at a time. Sends the current
    templates too, so template fixes reach running clusters; only the
    definition's upgrade_parameters change; 400 when the definition
    refuses upgrades."""
    definition.check_upgrade()
    bundle = definition.bundle(inputs)
    rendered = definition.parameters(inputs)
    parameters = {k: rendered[k] for k in definition.upgrade_parameters
                  if k in rendered}
    parameters[definition.batch_size_parameter] = int(max_batch_size)
    return StackRequest(
        stack_id=stack_id, existing=True, template=bundle.template,
        files=bundle.files, environment_files=bundle.environment_files,
        parameters=parameters, disable_rollback=not rollback)
