"""Kubernetes on Fedora CoreOS through Heat: which templates, mappings
and outputs. Everything else is the shared machinery of drivers/heat."""

from magnum_like.drivers.heat import definition
from magnum_like.drivers.heat import k8s_mappings

# What Magnum's driver reported as the cluster's container_version.
CONTAINER_VERSION = "1.12.6"

DEFINITION = definition.TemplateDefinition(
    main_template=k8s_mappings.MAIN_TEMPLATE,
    mappings=tuple(k8s_mappings.MAPPINGS),
    environments=("k8s_fedora_coreos_v1/environment.yaml",),
    validators=k8s_mappings.VALIDATORS,
    upgrade_parameters=k8s_mappings.UPGRADE_PARAMETERS,
    container_version=CONTAINER_VERSION,
)
