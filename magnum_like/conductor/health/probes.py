"""One probe per COE: ask the cluster's own API, with its real client,
whether the API and each node are well.

    health = probe_for(coe)(Target(cluster, url, files, proxy, deadline))

Health.reason follows Magnum's monitor (facts §5): "api" -> what the
API answered ("ok" when well), "<node>.Ready" -> "True"/"False". An API
that cannot be reached gives UNKNOWN with the reason; an API that
answers badly, or any node not Ready, gives UNHEALTHY.
"""

import dataclasses
import datetime
import time
from urllib import parse

import docker
from docker import tls as docker_tls
import kubernetes.client as k8s
from kubernetes.client import exceptions as k8s_exc
import requests

from magnum_like.common import statuses

DOCKER_API_VERSION = "1.41"
MESOS_MASTER_PORT = 5050
MAX_ERROR = 200


@dataclasses.dataclass(frozen=True)
class Target:
    cluster: object
    url: str
    files: object        # credentials.TlsFiles or None (Mesos)
    proxy: str
    deadline: float      # time.monotonic() by which all must be done

    def timeout(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the health poll ran out of time")
        return left


@dataclasses.dataclass(frozen=True)
class NodeState:
    name: str
    role: str
    ready: bool
    since: object = None     # datetime (UTC, naive) of the last change
    nodegroup: str = None


@dataclasses.dataclass(frozen=True)
class Health:
    status: str
    reason: dict
    nodes: tuple = ()

    @property
    def api_ok(self):
        return self.reason.get("api") == "ok"


class Unreachable(Exception):
    """The API did not answer (connection, TLS, proxy, timeout)."""


def unknown(text):
    return Health(statuses.UNKNOWN, {"api": text})


def _judge(api_text, nodes):
    reason = {"api": api_text}
    for node in nodes:
        reason["%s.Ready" % node.name] = str(bool(node.ready))
    well = api_text == "ok" and all(n.ready for n in nodes)
    return Health(statuses.HEALTHY if well else statuses.UNHEALTHY,
                  reason, tuple(nodes))


def _short(error):
    text = str(error) or type(error).__name__
    return text if len(text) <= MAX_ERROR else text[:MAX_ERROR] + "..."


def _parse_time(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None) \
            if value.tzinfo else value
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(
            str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return _parse_time(parsed) if parsed.tzinfo else parsed


# -- Kubernetes: the official client ---------------------------------------
def _k8s_config(target):
    conf = k8s.Configuration()
    conf.host = target.url
    conf.verify_ssl = True
    conf.ssl_ca_cert = target.files.ca
    conf.cert_file, conf.key_file = target.files.cert, target.files.key
    conf.proxy = target.proxy or None
    conf.retries = False
    return conf


def _k8s_node(item):
    ready = next((c for c in item.status.conditions or []
                  if c.type == "Ready"), None)
    labels = item.metadata.labels or {}
    return NodeState(
        item.metadata.name,
        labels.get("magnum.openstack.org/role", "worker"),
        ready is not None and ready.status == "True",
        _parse_time(ready.last_transition_time) if ready else None,
        labels.get("magnum.openstack.org/nodegroup"))


def _k8s_healthz(api, target):
    """(HTTP status, body) of GET /healthz."""
    method, url, headers, _body, _post = api.param_serialize(
        "GET", "/healthz", header_params={"Accept": "text/plain"})
    resp = api.call_api(method, url, header_params=headers,
                        _request_timeout=target.timeout())
    return resp.status, resp.read().decode("utf-8", "replace").strip()


def kubernetes(target):
    try:
        with k8s.ApiClient(_k8s_config(target)) as api:
            status, text = _k8s_healthz(api, target)
            if status != 200:
                return Health(statuses.UNHEALTHY,
                              {"api": _short(text or status)})
            items = k8s.CoreV1Api(api).list_node(
                _request_timeout=target.timeout()).items
    except k8s_exc.ApiException as e:
        return Health(statuses.UNHEALTHY, {"api": _short(e.reason)})
    except Exception as e:
        raise Unreachable(_short(e)) from e
    return _judge(text, [_k8s_node(i) for i in items])


# -- Docker Swarm: the docker client over TLS ------------------------------
def _docker_node(node):
    spec, status = node.get("Spec") or {}, node.get("Status") or {}
    return NodeState(
        (node.get("Description") or {}).get("Hostname") or node.get("ID"),
        "master" if spec.get("Role") == "manager" else "worker",
        status.get("State") == "ready" and
        spec.get("Availability", "active") == "active",
        _parse_time(node.get("UpdatedAt")))


def swarm(target):
    tls = docker_tls.TLSConfig(
        client_cert=(target.files.cert, target.files.key),
        ca_cert=target.files.ca, verify=True)
    try:
        api = docker.APIClient(base_url=target.url, tls=tls,
                               version=DOCKER_API_VERSION,
                               timeout=target.timeout())
        try:
            # Only what the monitor is configured with: no CA bundle or
            # proxy from the environment.
            api.trust_env = False
            if target.proxy:
                api.proxies = {"https": target.proxy, "http": target.proxy}
            api.info()
            api.timeout = target.timeout()
            nodes = api.nodes()
        finally:
            api.close()
    except docker.errors.APIError as e:
        return Health(statuses.UNHEALTHY, {"api": _short(e.explanation)})
    except Exception as e:
        raise Unreachable(_short(e)) from e
    return _judge("ok", [_docker_node(n) for n in nodes])


# -- Mesos: the master's HTTP API ------------------------------------------
def mesos(target):
    host = parse.urlsplit(target.url).hostname
    url = "http://%s:%d/master/state" % (host, MESOS_MASTER_PORT)
    proxies = {"http": target.proxy} if target.proxy else None
    try:
        with requests.Session() as session:
            session.trust_env = False
            resp = session.get(url, proxies=proxies,
                               timeout=target.timeout())
    except Exception as e:
        raise Unreachable(_short(e)) from e
    if resp.status_code != 200:
        return Health(statuses.UNHEALTHY, {"api": _short(resp.text)})
    agents = resp.json().get("slaves") or []
    return _judge("ok", [NodeState(a.get("hostname") or a.get("id"),
                                   "worker", bool(a.get("active")))
                         for a in agents])


PROBES = {"kubernetes": kubernetes, "swarm": swarm, "swarm-mode": swarm,
          "mesos": mesos}


def probe_for(coe):
    return PROBES.get(coe)
