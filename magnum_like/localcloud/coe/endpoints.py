"""The COE API paths the gateway answers, as (status, body) pairs:

* Kubernetes: /healthz, /readyz, /livez ("ok"), /version,
  /api/v1/nodes (a NodeList whose Ready conditions follow Nova);
* Docker (swarm): /info, /nodes (with or without a /v1.NN prefix);
* Mesos master: /master/state (agents active or not), /health.
"""

import json
import re

KUBERNETES, SWARM, MESOS = "kubernetes", "swarm", "mesos"
# The port a client reaches tells which COE it talks to.
PORTS = {6443: KUBERNETES, 2376: SWARM, 5050: MESOS}
_DOCKER_VERSION = re.compile(r"^/v1\.\d+(/.*)$")


def _json(body):
    return 200, "application/json", json.dumps(body).encode()


def _text(text, status=200):
    return status, "text/plain", text.encode()


def not_found():
    return _text("404 page not found", 404)


def kubernetes(path, cluster):
    if path in ("/healthz", "/readyz", "/livez"):
        return _text("ok")
    if path == "/version":
        return _json({"major": "1", "minor": "27",
                      "gitVersion": "v1.27.0-localcloud"})
    if path == "/api/v1/nodes":
        return _json({"kind": "NodeList", "apiVersion": "v1",
                      "metadata": {"resourceVersion": "1"},
                      "items": [_k8s_node(n) for n in cluster.nodes]})
    return not_found()


def _k8s_node(node):
    ready = {"type": "Ready", "status": "True" if node.ready else "False",
             "reason": "KubeletReady" if node.ready else "KubeletNotReady",
             "message": "kubelet is posting ready status" if node.ready
             else "the node's server is not ACTIVE",
             "lastHeartbeatTime": node.since,
             "lastTransitionTime": node.since}
    labels = {"kubernetes.io/hostname": node.name,
              "magnum.openstack.org/role": node.role}
    if node.role == "master":
        labels["node-role.kubernetes.io/control-plane"] = ""
    return {"metadata": {"name": node.name, "uid": node.server_id,
                         "labels": labels},
            "spec": {"providerID": "openstack:///%s" % node.server_id},
            "status": {"conditions": [ready],
                       "addresses": [{"type": "InternalIP",
                                      "address": node.address or ""}]}}


def swarm(path, cluster):
    match = _DOCKER_VERSION.match(path)
    path = match.group(1) if match else path
    if path == "/_ping":
        return _text("OK")
    if path == "/info":
        managers = [n for n in cluster.nodes if n.role == "master"]
        return _json({"ID": cluster.stack_id, "Name": managers[0].name
                      if managers else cluster.name,
                      "Swarm": {"LocalNodeState": "active",
                                "ControlAvailable": True,
                                "Nodes": len(cluster.nodes),
                                "Managers": len(managers)}})
    if path == "/nodes":
        return _json([_docker_node(n) for n in cluster.nodes])
    return not_found()


def _docker_node(node):
    role = "manager" if node.role == "master" else "worker"
    return {"ID": node.server_id,
            "Description": {"Hostname": node.name},
            "Spec": {"Role": role, "Availability": "active"},
            "Status": {"State": "ready" if node.ready else "down",
                       "Addr": node.address or ""},
            "UpdatedAt": node.since}


def mesos(path, cluster):
    if path == "/health":
        return _text("")
    if path in ("/master/state", "/state"):
        agents = [n for n in cluster.nodes if n.role != "master"]
        return _json({
            "leader": "master@%s:5050" % cluster.address,
            "activated_slaves": sum(1 for n in agents if n.ready),
            "deactivated_slaves": sum(1 for n in agents if not n.ready),
            "slaves": [{"id": n.server_id, "hostname": n.name,
                        "active": n.ready} for n in agents]})
    return not_found()


def answer(coe, path, cluster):
    handler = {KUBERNETES: kubernetes, SWARM: swarm, MESOS: mesos}[coe]
    return handler(path.split("?", 1)[0], cluster)
