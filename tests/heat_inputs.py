"""Cluster, template and nodegroup rows for rendering Heat stacks in
tests: plain objects with the attribute names of magnum_like.db.models,
seeded to match the local cloud (image, flavors, keypair, networks)."""

import itertools
import types

from magnum_like.drivers.heat import parameters

NS = types.SimpleNamespace


def cluster_template(**overrides):
    values = dict(
        uuid="7d8e1a52-0000-4000-8000-000000000001", name="k8s",
        image_id="fedora-coreos-40", flavor_id="m1.small",
        master_flavor_id="m1.medium", keypair_id="default",
        external_network_id="public", fixed_network=None, fixed_subnet=None,
        network_driver="flannel", volume_driver=None,
        dns_nameserver="8.8.8.8", apiserver_port=None,
        docker_volume_size=None, docker_storage_driver="overlay2",
        cluster_distro="fedora-coreos", coe="kubernetes", http_proxy=None,
        https_proxy=None, no_proxy=None, registry_enabled=False, labels={},
        tls_disabled=False, public=False, server_type="vm",
        insecure_registry=None, master_lb_enabled=False,
        floating_ip_enabled=True, hidden=False, tags=None, driver=None)
    values.update(overrides)
    return NS(**values)


def cluster(**overrides):
    values = dict(
        uuid="5e0c2b7a-0000-4000-8000-000000000002", name="demo_cluster",
        project_id="demo-project", user_id="demo-user",
        cluster_template_id="7d8e1a52-0000-4000-8000-000000000001",
        keypair="default", docker_volume_size=None,
        labels={"kube_tag": "v1.30.4"}, master_flavor_id=None,
        flavor_id=None, stack_id=None, api_address=None,
        status="CREATE_IN_PROGRESS", create_timeout=60, discovery_url=None,
        coe_version=None, fixed_network=None, fixed_subnet=None,
        floating_ip_enabled=True, master_lb_enabled=False,
        trust_id="trust-1", trustee_username="trustee",
        trustee_user_id="trustee-id", trustee_password="trustee-secret")
    values.update(overrides)
    return NS(**values)


def nodegroup(role="worker", **overrides):
    values = dict(
        uuid="ng-%s" % role, name="default-%s" % role,
        cluster_id="5e0c2b7a-0000-4000-8000-000000000002",
        project_id="demo-project", docker_volume_size=None, labels=None,
        flavor_id=None, image_id=None, node_addresses=[],
        node_count=1, role=role, max_node_count=None, min_node_count=0,
        is_default=True, stack_id=None, status="CREATE_IN_PROGRESS",
        status_reason=None, version=None)
    values.update(overrides)
    return NS(**values)


def context(**overrides):
    values = dict(magnum_url="http://magnum.example/v1",
                  auth_url="http://keystone.example/v3",
                  region_name="RegionOne", username="demo",
                  service_account_public_key="-----BEGIN PUBLIC KEY-----",
                  service_account_private_key="-----BEGIN PRIVATE KEY-----")
    values.update(overrides)
    return parameters.StackContext(**values)


def inputs(template=None, cluster_row=None, master=None, worker=None,
           ctx=None, is_cluster_stack=True, **kwargs):
    return parameters.StackInputs(
        cluster_template=template or cluster_template(),
        cluster=cluster_row or cluster(),
        master_nodegroup=master or nodegroup("master"),
        worker_nodegroup=worker or nodegroup("worker"),
        context=ctx or context(), is_cluster_stack=is_cluster_stack,
        **kwargs)


# -- the lint matrix -------------------------------------------------------
DIMENSIONS = (
    ("floating_ip", (True, False)),
    ("master_lb", (True, False)),
    ("docker_volume", (0, 5)),
    ("etcd_volume", ("0", "2")),
    ("fixed_network", (False, True)),
    ("network_driver", ("flannel", "calico")),
    ("masters", (1, 3)),
    ("tls_disabled", (False, True)),
    ("cluster_stack", (True, False)),
)


def combinations():
    """Every combination of the lint dimensions, as dicts."""
    names = [name for name, _ in DIMENSIONS]
    for values in itertools.product(*(v for _, v in DIMENSIONS)):
        yield dict(zip(names, values, strict=True))


def pairwise(combos):
    """A subset of `combos` in which every pair of dimension values that
    occurs in `combos` occurs at least once (greedy covering array)."""
    def pairs(combo):
        items = sorted(combo.items(), key=lambda kv: kv[0])
        return {(a, b) for a, b in itertools.combinations(items, 2)}
    combos = list(combos)
    uncovered = set().union(*(pairs(c) for c in combos))
    chosen = []
    while uncovered:
        best = max(combos, key=lambda c: len(pairs(c) & uncovered))
        chosen.append(best)
        uncovered -= pairs(best)
    return chosen


def inputs_for(combo, network=None, cluster_outputs=None):
    """StackInputs of a lint combination. `network`: (network id, subnet
    id) of the fixed network to use; `cluster_outputs`: the StackContext
    fields a nodegroup stack borrows from its cluster stack."""
    template = cluster_template(network_driver=combo["network_driver"],
                                tls_disabled=combo["tls_disabled"],
                                master_lb_enabled=combo["master_lb"],
                                floating_ip_enabled=combo["floating_ip"])
    fixed = combo["fixed_network"] and combo["cluster_stack"]
    net, subnet = network or ("private", "private-subnet")
    row = cluster(fixed_network=net if fixed else None,
                  fixed_subnet=subnet if fixed else None,
                  master_lb_enabled=combo["master_lb"],
                  floating_ip_enabled=combo["floating_ip"],
                  docker_volume_size=combo["docker_volume"] or None,
                  discovery_url="https://discovery.etcd.io/abc",
                  labels={"kube_tag": "v1.30.4",
                          "etcd_volume_size": combo["etcd_volume"]})
    extra = cluster_outputs or {"existing_master_private_ip": "10.0.0.5",
                                "existing_security_group": "default",
                                "fixed_network_id": net,
                                "fixed_subnet_id": subnet}
    ctx = context(octavia_enabled=True,
                  **({} if combo["cluster_stack"] else extra))
    worker = nodegroup(docker_volume_size=combo["docker_volume"] or None,
                       is_default=combo["cluster_stack"],
                       name="default-worker" if combo["cluster_stack"]
                       else "extra")
    return inputs(template=template, cluster_row=row,
                  master=nodegroup("master", node_count=combo["masters"]),
                  worker=worker, ctx=ctx,
                  is_cluster_stack=combo["cluster_stack"])


# -- every Heat driver -----------------------------------------------------
def _definition(driver):
    import importlib
    return importlib.import_module(
        "magnum_like.drivers.%s.template_def" % driver).DEFINITION


# Per driver: the template attributes of its clusters and the lint
# dimensions it offers (a dimension a driver lacks has one fixed value).
_COMMON_DIMENSIONS = (("floating_ip", (True, False)),
                      ("master_lb", (True, False)),
                      ("masters", (1, 3)))
_SWARM_DIMENSIONS = _COMMON_DIMENSIONS + (
    ("docker_volume", (0, 5)), ("fixed_network", (False, True)),
    ("network_driver", ("docker", "flannel")),
    ("volume_driver", (None, "rexray")), ("tls_disabled", (False, True)))
DRIVERS = {
    "k8s_fedora_coreos_v1": dict(template={}, dimensions=DIMENSIONS),
    "k8s_fedora_ironic_v1": dict(
        template=dict(image_id="fedora-ironic", flavor_id="baremetal",
                      master_flavor_id="baremetal", cluster_distro="fedora",
                      server_type="bm"),
        dimensions=_COMMON_DIMENSIONS + (
            ("network_driver", ("flannel", "calico")),
            ("tls_disabled", (False, True)),
            ("cluster_stack", (True, False)))),
    "swarm_fedora_atomic_v2": dict(
        template=dict(image_id="fedora-atomic-29", coe="swarm-mode",
                      cluster_distro="fedora-atomic"),
        dimensions=_SWARM_DIMENSIONS),
    "swarm_fedora_atomic_v1": dict(
        template=dict(image_id="fedora-atomic-29", coe="swarm",
                      cluster_distro="fedora-atomic"),
        dimensions=_SWARM_DIMENSIONS),
    "mesos_ubuntu_v1": dict(
        template=dict(image_id="ubuntu-mesos", coe="mesos",
                      cluster_distro="ubuntu"),
        dimensions=_COMMON_DIMENSIONS + (
            ("docker_volume", (0, 5)), ("fixed_network", (False, True)),
            ("network_driver", ("docker",)),
            ("volume_driver", (None, "rexray")))),
}
_DEFAULTS = dict(floating_ip=True, master_lb=False, masters=1,
                 docker_volume=0, etcd_volume="0", fixed_network=False,
                 network_driver="flannel", tls_disabled=False,
                 cluster_stack=True, volume_driver=None)


def definition(driver):
    return _definition(driver)


def driver_combinations(driver):
    """Every combination of the driver's lint dimensions."""
    dims = DRIVERS[driver]["dimensions"]
    names = [name for name, _ in dims]
    for values in itertools.product(*(v for _, v in dims)):
        yield dict(_DEFAULTS, **dict(zip(names, values, strict=True)))


def driver_inputs(driver, combo, network=None, cluster_outputs=None):
    """StackInputs of a lint combination of `driver`: inputs_for with
    the driver's template attributes (an Ironic cluster always has the
    fixed network and its IPv4 subnet)."""
    ironic = driver == "k8s_fedora_ironic_v1"
    firsts = {name: values[0]
              for name, values in DRIVERS[driver]["dimensions"]}
    combo = dict(_DEFAULTS, **dict(firsts, **combo))
    if ironic:
        combo["fixed_network"] = False    # on the template, not the cluster
    inputs = inputs_for(combo, network=network,
                        cluster_outputs=cluster_outputs)
    for name, value in DRIVERS[driver]["template"].items():
        setattr(inputs.cluster_template, name, value)
    inputs.cluster_template.volume_driver = combo["volume_driver"]
    if ironic:
        net, subnet = network or ("private", "private-subnet")
        inputs.cluster_template.fixed_network = net
        inputs.cluster_template.fixed_subnet = subnet
        inputs.context.fixed_subnet_cidr = "10.0.0.0/24"
        inputs.cluster.labels.pop("etcd_volume_size", None)
    return inputs
