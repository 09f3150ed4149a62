"""Stack outputs and parameters -> cluster and nodegroup fields.

facts §10.1 "Outputs read back". `OutputMapping` is the data a driver
gives (which outputs hold the API address and each role's addresses);
the functions return dicts of fields to set, so the caller decides how
to save them.
"""

import dataclasses


@dataclasses.dataclass(frozen=True)
class OutputMapping:
    api_address: str = "api_address"
    master_addresses: str = "kube_masters"
    master_private_addresses: str = "kube_masters_private"
    worker_addresses: str = "kube_minions"
    worker_private_addresses: str = "kube_minions_private"
    worker_server_ids: str = "kube_minions_server_ids"
    master_count_param: str = "number_of_masters"
    worker_count_param: str = "number_of_minions"
    version_param: str = "kube_version"
    api_port: int = 6443
    insecure_api_port: int = 8080
    api_scheme: str = "https"
    insecure_api_scheme: str = "http"


DEFAULT = OutputMapping()


def stack_outputs(stack):
    """{output_key: output_value} of a heatclient stack or a dict."""
    raw = stack.get("outputs") if isinstance(stack, dict) else getattr(
        stack, "outputs", None)
    return {o["output_key"]: o.get("output_value") for o in raw or []}


def stack_parameters(stack):
    if isinstance(stack, dict):
        return stack.get("parameters") or {}
    return getattr(stack, "parameters", None) or {}


def api_url(address, tls_disabled, mapping=DEFAULT):
    """https://<ip>:6443, or http://<ip>:8080 when TLS is disabled (the
    mapping's schemes and ports: tcp://<ip>:2376 for Docker Swarm)."""
    if not address:
        return None
    if tls_disabled:
        return "%s://%s:%d" % (mapping.insecure_api_scheme, address,
                               mapping.insecure_api_port)
    return "%s://%s:%d" % (mapping.api_scheme, address, mapping.api_port)


def _addresses(values):
    return [v for v in values or [] if v]


def _count(params, name):
    try:
        return int(params[name])
    except (KeyError, TypeError, ValueError):
        return None


def cluster_fields(stack, tls_disabled, container_version=None,
                   mapping=DEFAULT):
    """api_address, coe_version (and container_version) of a cluster."""
    outputs, params = stack_outputs(stack), stack_parameters(stack)
    fields = {}
    url = api_url(outputs.get(mapping.api_address), tls_disabled, mapping)
    if url:
        fields["api_address"] = url
    if params.get(mapping.version_param):
        fields["coe_version"] = params[mapping.version_param]
    if container_version:
        fields["container_version"] = container_version
    return fields


def nodegroup_fields(stack, role, floating_ip_enabled,
                     mapping=DEFAULT):
    """node_addresses and node_count of the nodegroup of `role` in the
    stack: the public addresses, or the private ones without floating
    IPs (or while the public ones are missing)."""
    outputs, params = stack_outputs(stack), stack_parameters(stack)
    if role == "master":
        public, private = (mapping.master_addresses,
                           mapping.master_private_addresses)
        count_param = mapping.master_count_param
    else:
        public, private = (mapping.worker_addresses,
                           mapping.worker_private_addresses)
        count_param = mapping.worker_count_param
    addresses = _addresses(outputs.get(public)) if floating_ip_enabled \
        else []
    fields = {"node_addresses": addresses or
              _addresses(outputs.get(private))}
    count = _count(params, count_param)
    if count is not None:
        fields["node_count"] = count
    return fields


def nodegroup_stack_inputs(stack):
    """What a nodegroup stack borrows from the cluster stack's outputs:
    StackContext fields (existing_master_private_ip, ...)."""
    outputs = stack_outputs(stack)
    return {"existing_master_private_ip": outputs.get(
                "api_private_address") or "",
            "existing_security_group": outputs.get(
                "minion_security_group") or "",
            "fixed_network_id": outputs.get("fixed_network") or "",
            "fixed_subnet_id": outputs.get("fixed_subnet") or ""}
