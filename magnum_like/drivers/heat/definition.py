"""A Heat driver's templates, parameter mappings and outputs, as data.

A driver package holds one `TemplateDefinition`; everything it needs to
render a stack request is here, the Heat plumbing lives in stack_request
and heat_client.
"""

import dataclasses
from typing import Any

from magnum_like.common import exceptions
from magnum_like.drivers.heat import environments
from magnum_like.drivers.heat import outputs
from magnum_like.drivers.heat import parameters
from magnum_like.drivers.heat import template_files


@dataclasses.dataclass(frozen=True)
class TemplateDefinition:
    """main_template: path under templates/, e.g.
    "common/kubernetes/kubecluster.yaml".
    mappings: the Param list (parameters.py).
    environments: the driver's own environment files (what its operating
    system or COE flavour maps abstract types to), after the chosen ones.
    validators: functions of the StackInputs raising a typed 400 for what
    this driver cannot build; run before every render.
    upgrade_parameters: what an upgrade may change on a running stack.
    upgrade_not_supported: when set, the reason upgrades are refused.
    nodegroup_stacks: whether extra nodegroups get stacks of their own.
    check_subnet: a function of the fixed subnet as the conductor finds
    it ({"id", "cidr", "network_id", "ip_version"}) returning the
    StackContext fields it decides (fixed_subnet_id, fixed_subnet_cidr,
    fixed_network_id when derived) or raising a typed 400.
    count_parameter / remove_parameter: what a worker scale changes.
    """

    main_template: str
    mappings: tuple
    output_mapping: outputs.OutputMapping = outputs.DEFAULT
    choose_environments: Any = environments.choose
    environments: tuple = ()
    validators: tuple = ()
    upgrade_parameters: tuple = ()
    upgrade_not_supported: str = None
    nodegroup_stacks: bool = True
    check_subnet: Any = None
    batch_size_parameter: str = "update_max_batch_size"
    count_parameter: str = "number_of_minions"
    remove_parameter: str = "minions_to_remove"
    container_version: str = None
    root: str = None

    @property
    def template_dir(self):
        """The directory of the main template, under templates/."""
        return self.main_template.rsplit("/", 1)[0]

    def declared_parameters(self):
        """(declared names, required names) of the main template."""
        return template_files.declared_parameters(self.main_template,
                                                  self.root)

    def validate(self, inputs):
        """Typed 400s for what this driver cannot build from `inputs`."""
        if not inputs.is_cluster_stack and not self.nodegroup_stacks:
            raise exceptions.NotSupported(
                operation="Adding nodegroups to a cluster of this driver")
        for validator in self.validators:
            validator(inputs)

    def check_upgrade(self):
        """400 NotSupported with the reason when upgrades are refused."""
        if self.upgrade_not_supported:
            raise exceptions.ClusterUpgradeNotSupportedByDriver(
                reason=self.upgrade_not_supported)

    def parameters(self, inputs):
        """The stack parameters; only declared ones, every required one
        (a violation is a driver bug: TemplateError)."""
        self.validate(inputs)
        params = parameters.render(self.mappings, inputs)
        declared, required = self.declared_parameters()
        parameters.check_declared(params, declared, required,
                                  self.main_template)
        return params

    def environment_files(self, inputs):
        return list(self.choose_environments(inputs)) + list(
            self.environments)

    def bundle(self, inputs):
        """The TemplateBundle (template text, files, environment files)."""
        return template_files.collect(self.main_template,
                                      self.environment_files(inputs),
                                      self.root)
