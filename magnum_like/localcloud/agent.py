"""The emulated node agent: what os-collect-config and heat-config do on
a real server, for every server of the local cloud whose user data
carries Heat's agent configuration.

Heat puts the agent's bootstrap configuration (``os-collect-config``)
into the user data it builds for ``user_data_format: SOFTWARE_CONFIG``:
a ``cfn-init-data`` MIME part (cloud-init) or a ``cfn-init-data`` file of
the Ignition config. With the ``heat`` collector
(``software_config_transport: POLL_SERVER_HEAT``) the agent logs in to
Keystone as the server's stack user, reads the server resource's
metadata from Heat and, for each software deployment listed there that
it has not yet applied, "runs" it and signals the result back through
the deployment's ``deploy_signal_transport`` (``HEAT_SIGNAL`` with the
deployment's own stack-user credentials, or ``CFN_SIGNAL`` /
``TEMP_URL_SIGNAL`` URLs). Every call is plain HTTP to the real APIs.

A resource fault (``world.faults``, kind ``fail``) matching the
deployment's resource name, type ``OS::Heat::SoftwareDeployment`` and
action makes the agent report a failure (status code 1) instead.
"""

import base64
import email
import hashlib
import json
import logging
import threading
import urllib.parse

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

LOG = logging.getLogger(__name__)
DEPLOYMENT_TYPE = "OS::Heat::SoftwareDeployment"


def collector_config(user_data):
    """The ``os-collect-config`` dict a server's user data carries (as
    text, or base64 as in Nova's API), or None."""
    if not user_data:
        return None
    metadata = _from_ignition(user_data) or _from_mime(user_data)
    if metadata is None:
        try:
            text = base64.b64decode(user_data, validate=True).decode()
        except (ValueError, UnicodeDecodeError):
            return None
        metadata = _from_ignition(text) or _from_mime(text)
    if not isinstance(metadata, dict):
        return None
    return metadata.get("os-collect-config")


def _from_mime(text):
    message = email.message_from_string(text)
    if not message.is_multipart():
        return None
    for part in message.walk():
        if part.get_filename() == "cfn-init-data":
            try:
                return json.loads(part.get_payload(decode=True))
            except ValueError:
                return None
    return None


def _from_ignition(text):
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    files = (doc.get("storage") or {}).get("files") or [] if isinstance(
        doc, dict) else []
    for entry in files:
        if str(entry.get("path", "")).endswith("/cfn-init-data"):
            source = (entry.get("contents") or {}).get("source", "")
            if source.startswith("data:,"):
                return json.loads(urllib.parse.unquote(source[6:]))
    return None


class NodeAgent:
    """Polls, for each server with a Heat collector, as os-collect-config
    does (one thread for the whole cloud)."""

    def __init__(self, world, interval=1.0):
        self.world = world
        self.interval = interval
        self.applied = {}   # server id -> set of applied deployment digests
        self._sessions = {}  # (auth_url, user, project) -> Session
        self._stop = threading.Event()
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name="localcloud-node-agent")
        self._thread.start()

    def stop(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self):
        while not self._stop.wait(self.interval):
            try:
                self.poll_all()
            except Exception:  # keep the agent alive, as a daemon would
                LOG.exception("Node agent poll failed")

    def _servers(self):
        compute = self.world.compute
        with self.world.lock:
            return [(sid, rec.get("OS-EXT-SRV-ATTR:user_data"))
                    for sid, rec in compute.servers.items()
                    if rec.get("status") == "ACTIVE"]

    def poll_all(self):
        live = set()
        for server_id, user_data in self._servers():
            live.add(server_id)
            occ = collector_config(user_data)
            heat = (occ or {}).get("heat")
            if heat and heat.get("user_id"):
                try:
                    self.poll(server_id, heat)
                except Exception as exc:  # a real agent retries too
                    LOG.info("Node agent on %s: %s", server_id, exc)
        for gone in set(self.applied) - live:
            del self.applied[gone]

    def poll(self, server_id, heat):
        sess = self._session(heat["auth_url"], heat["user_id"],
                             heat["password"], heat["project_id"])
        url = sess.get_endpoint(service_type="orchestration",
                                interface="public",
                                region_name=heat.get("region_name"))
        resp = sess.get("%s/stacks/%s/resources/%s/metadata" % (
            url, heat["stack_id"], heat["resource_name"]))
        metadata = resp.json().get("metadata") or {}
        done = self.applied.setdefault(server_id, set())
        for deployment in metadata.get("deployments") or []:
            digest = hashlib.sha256(json.dumps(
                deployment, sort_keys=True).encode()).hexdigest()
            if digest in done:
                continue
            self.apply(deployment)
            done.add(digest)

    def apply(self, deployment):
        inputs = {i["name"]: i.get("value")
                  for i in deployment.get("inputs") or []}
        transport = inputs.get("deploy_signal_transport", "NO_SIGNAL")
        result = self._result(deployment, inputs)
        LOG.info("Node agent: deployment %s (%s) -> %s via %s",
                 deployment.get("id"), inputs.get("deploy_action"),
                 result["deploy_status_code"], transport)
        if transport == "HEAT_SIGNAL":
            sess = self._session(inputs["deploy_auth_url"],
                                 inputs["deploy_user_id"],
                                 inputs["deploy_password"],
                                 inputs["deploy_project_id"])
            url = sess.get_endpoint(service_type="orchestration",
                                    interface="public")
            sess.post("%s/stacks/%s/resources/%s/signal" % (
                url, inputs["deploy_stack_id"],
                inputs["deploy_resource_name"]), json=result)
        elif transport in ("CFN_SIGNAL", "TEMP_URL_SIGNAL"):
            method = "PUT" if transport == "TEMP_URL_SIGNAL" else "POST"
            ks_session.Session().request(inputs["deploy_signal_id"],
                                         method, json=result,
                                         authenticated=False)

    def _result(self, deployment, inputs):
        stack = str(inputs.get("deploy_stack_id", "")).split("/")[0]
        fault = self.world.faults.resource_fault(
            stack, inputs.get("deploy_resource_name"), DEPLOYMENT_TYPE,
            inputs.get("deploy_action"))
        if fault is not None and fault["kind"] == "fail":
            return {"deploy_status_code": 1, "deploy_stdout": "",
                    "deploy_stderr": fault["reason"]}
        outputs = {o["name"]: "" for o in deployment.get("outputs") or []
                   if o.get("name")}
        return dict(outputs, deploy_status_code=0, deploy_stderr="",
                    deploy_stdout="%s applied by the local cloud's node "
                                  "agent" % deployment.get("name"))


    def _session(self, auth_url, user_id, password, project_id):
        """A keystoneauth session per credentials, kept (with its token)
        as the agent on a server keeps its client between polls."""
        key = (auth_url, user_id, password, project_id)
        sess = self._sessions.get(key)
        if sess is None:
            if len(self._sessions) > 1000:
                self._sessions.clear()
            auth = v3.Password(auth_url=auth_url, user_id=user_id,
                               password=password, project_id=project_id)
            sess = self._sessions[key] = ks_session.Session(auth=auth,
                                                            timeout=30)
        return sess
