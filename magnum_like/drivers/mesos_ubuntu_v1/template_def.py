"""Mesos on Ubuntu virtual machines through Heat: masters running
ZooKeeper, the Mesos master and Marathon (the cluster's API, port 8080),
and slaves running the Mesos agent with Docker."""

from magnum_like.drivers.heat import common_mappings as common
from magnum_like.drivers.heat import definition
from magnum_like.drivers.heat import environments
from magnum_like.drivers.heat import mesos_mappings

# What Magnum reported as a Mesos cluster's container_version.
CONTAINER_VERSION = "1.9.1"

DEFINITION = definition.TemplateDefinition(
    main_template="mesos_ubuntu_v1/mesoscluster.yaml",
    mappings=mesos_mappings.MAPPINGS,
    output_mapping=mesos_mappings.OUTPUTS,
    choose_environments=environments.chooser(etcd_volume=False),
    environments=("mesos_ubuntu_v1/environment.yaml",),
    validators=(common.follows_coe_rules("mesos"),),
    upgrade_not_supported=mesos_mappings.UPGRADE_NOT_SUPPORTED,
    nodegroup_stacks=False,
    count_parameter=mesos_mappings.ROLES.worker_count,
    remove_parameter=mesos_mappings.ROLES.worker_remove,
    container_version=CONTAINER_VERSION,
)
