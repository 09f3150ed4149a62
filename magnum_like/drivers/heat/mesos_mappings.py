"""Heat parameters and outputs of the Mesos driver, as data: the shared
parameter groups (common_mappings) under the names of
mesos_ubuntu_v1/mesoscluster.yaml, and Marathon's API as the cluster's.
"""

from magnum_like.drivers.heat import common_mappings as common

ROLES = common.Roles(worker_image="slave_image", worker_flavor="slave_flavor",
                     worker_count="number_of_slaves",
                     worker_remove="slaves_to_remove")
MARATHON_PORT = 8080

UPGRADE_NOT_SUPPORTED = (
    "Mesos, Marathon and ZooKeeper run from the images and tags the "
    "cluster was created with, and changing them under running "
    "frameworks is not something Heat can roll safely. Create a cluster "
    "from the new template and move the applications to it.")

MAPPINGS = (
    *common.IDENTITY,
    *common.servers(ROLES),
    *common.BOOT_VOLUME,
    *common.DOCKER_STORAGE,
    *common.NETWORK,
    *common.without(common.API_ENDPOINT, "tls_disabled"),
    *common.AGENT,
    *common.truthy_labels("mesos_tag", "marathon_tag", "zookeeper_tag"),
    *common.labels("mesos_slave_isolation", "mesos_slave_work_dir",
                   "mesos_slave_executor_env_variables"),
    *common.OPENSTACK_ACCESS,
    *common.without(common.DOCKER_HOSTS, "discovery_url"),
)

# Marathon has no TLS here: the same http URL either way.
OUTPUTS = common.role_outputs(
    "mesos_master", "mesos_slaves", ROLES.worker_count,
    "http", MARATHON_PORT, "http", MARATHON_PORT)
