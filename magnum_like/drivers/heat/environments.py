"""Which Heat environment files (feature toggles) a stack gets.

Facts §10.1 "Env files chosen". The files live in
templates/common/environments/ and map the abstract Magnum::Optional
types of the templates to real resources or OS::Heat::None. Order
matters where two files map the same type: the load balancer floating
IP file comes after the node floating IP file, so with a master load
balancer it decides which address clients use.
"""

from magnum_like.common import exceptions
from magnum_like.drivers.heat import parameters as p

ENV_DIR = "common/environments/"


def _path(name):
    return ENV_DIR + name + ".yaml"


def _flag(inputs, name, default):
    value = p.First(p.ClusterAttr(name), p.TemplateAttr(name))(inputs)
    return default if value is None else p.to_bool(value)


def floating_ip_enabled(inputs):
    return _flag(inputs, "floating_ip_enabled", True)


def master_lb_enabled(inputs):
    return _flag(inputs, "master_lb_enabled", False)


def lb_floating_ip_enabled(inputs):
    label = inputs.labels.get("master_lb_floating_ip_enabled")
    if label in (None, ""):
        return floating_ip_enabled(inputs)
    return p.to_bool(label)


def _size(value, what):
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        raise exceptions.InvalidParameterValue(
            err="Invalid %s %r: a size in GiB is expected." % (what, value))


def docker_volume_size(inputs):
    return _size(p.First(p.NodeGroupAttr("worker", "docker_volume_size"),
                         p.ClusterAttr("docker_volume_size"),
                         p.TemplateAttr("docker_volume_size"))(inputs),
                 "docker_volume_size")


def etcd_volume_size(inputs):
    return _size(p.Label("etcd_volume_size")(inputs), "etcd_volume_size")


def chooser(private_network=True, docker_volume=True, etcd_volume=True):
    """A `choose` for templates that offer only some of the toggles:
    `private_network` False always uses the existing fixed network (the
    definition then requires one), `docker_volume` / `etcd_volume` False
    never give nodes those Cinder volumes (a size asked for is the
    definition's validators' business)."""
    def choose_(inputs):
        return _choose(inputs, private_network, docker_volume, etcd_volume)
    return choose_


def _choose(inputs, private_network, docker_volume, etcd_volume):
    has_fixed_network = not private_network or bool(
        p.attr(inputs.cluster, "fixed_network") or
        p.attr(inputs.cluster_template, "fixed_network") or
        not inputs.is_cluster_stack)
    envs = [_path("no_private_network" if has_fixed_network
                  else "with_private_network")]
    if master_lb_enabled(inputs) and inputs.is_cluster_stack:
        if not inputs.context.octavia_enabled:
            raise exceptions.MasterLBNotAvailable()
        envs.append(_path("with_master_lb"))
    else:
        envs.append(_path("no_master_lb"))
    envs.append(_path("enable_floating_ip" if floating_ip_enabled(inputs)
                      else "disable_floating_ip"))
    if master_lb_enabled(inputs) and inputs.is_cluster_stack:
        envs.append(_path("enable_lb_floating_ip"
                          if lb_floating_ip_enabled(inputs)
                          else "disable_lb_floating_ip"))
    envs.append(_path("with_volume" if docker_volume and
                      docker_volume_size(inputs) > 0 else "no_volume"))
    envs.append(_path("with_etcd_volume" if etcd_volume and
                      etcd_volume_size(inputs) >= 1 else "no_etcd_volume"))
    return envs


# Every toggle: the Kubernetes templates on virtual machines.
choose = chooser()
