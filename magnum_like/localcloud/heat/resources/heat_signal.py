"""Resources that wait for servers to signal: deployments, waits.

Nothing runs inside the simulated servers, so a deployment or wait
condition completes after the timing profile's delay, as if every agent
had signalled success.
"""

import json
import uuid

from magnum_like.localcloud.heat.resources import base

P = base.Prop
_ACTIONS = ["CREATE", "UPDATE", "DELETE", "SUSPEND", "RESUME"]


class SoftwareDeployment(base.Plugin):
    type_name = "OS::Heat::SoftwareDeployment"
    props = {"config": P("string"), "server": P("string", required=True),
             "input_values": P("map", default={}),
             "actions": P("list", default=["CREATE", "UPDATE"]),
             "signal_transport": P("string", default="CFN_SIGNAL"),
             "name": P("string")}
    attrs = None
    timing = "deployment"

    def _run(self, res, props, engine, action):
        if action in (props.get("actions") or []):
            yield engine.delay(self.timing, action, res.uuid)
        res.data["status_code"] = 0
        res.data["stdout"] = ""
        res.data["stderr"] = ""

    def create(self, res, props, engine):
        res.physical_id = str(uuid.uuid4())
        yield from self._run(res, props, engine, "CREATE")

    def update(self, res, old, new, engine):
        yield from self._run(res, new, engine, "UPDATE")
        return True

    def delete(self, res, engine):
        yield from self._run(res, res.props or {}, engine, "DELETE")

    def attribute(self, res, name, engine):
        if name == "deploy_stdout":
            return res.data.get("stdout")
        if name == "deploy_stderr":
            return res.data.get("stderr")
        if name == "deploy_status_code":
            return res.data.get("status_code")
        return None


class StructuredDeployment(SoftwareDeployment):
    type_name = "OS::Heat::StructuredDeployment"
    props = dict(SoftwareDeployment.props,
                 input_key=P("string", default="get_input"),
                 input_values_validate=P("string", default="LAX"))


class SoftwareDeploymentGroup(SoftwareDeployment):
    type_name = "OS::Heat::SoftwareDeploymentGroup"
    props = dict(SoftwareDeployment.props, servers=P("map", required=True),
                 server=P("string"))

    def attribute(self, res, name, engine):
        servers = (res.props or {}).get("servers") or {}
        single = {"deploy_stdouts": "deploy_stdout",
                  "deploy_stderrs": "deploy_stderr",
                  "deploy_status_codes": "deploy_status_code"}.get(name)
        value = super().attribute(res, single or name, engine)
        return {key: value for key in servers}


class StructuredDeploymentGroup(SoftwareDeploymentGroup):
    type_name = "OS::Heat::StructuredDeploymentGroup"


class WaitConditionHandle(base.Plugin):
    type_name = "OS::Heat::WaitConditionHandle"
    props = {"signal_transport": P("string", default="TOKEN_SIGNAL")}
    attrs = ("token", "endpoint", "curl_cli", "signal")
    timing = "config"

    def create(self, res, props, engine):
        res.physical_id = str(uuid.uuid4())
        token = uuid.uuid4().hex
        endpoint = ("http://localcloud/heat-api/v1/%s/stacks/%s/%s/"
                    "resources/%s/signal" % (res.stack.project_id,
                                             res.stack.name, res.stack.id,
                                             res.name))
        res.data["attributes"] = {
            "token": token, "endpoint": endpoint,
            "curl_cli": "curl -i -X POST -H 'X-Auth-Token: %s' -H "
                        "'Content-Type: application/json' -H 'Accept: "
                        "application/json' %s" % (token, endpoint),
            "signal": json.dumps({"alarm_url": endpoint})}
        yield engine.delay(self.timing, "CREATE", res.uuid)


class WaitCondition(base.Plugin):
    type_name = "OS::Heat::WaitCondition"
    props = {"handle": P("string", required=True),
             "timeout": P("number", default=3600),
             "count": P("integer", default=1)}
    attrs = ("data",)
    timing = "wait"

    def create(self, res, props, engine):
        res.physical_id = str(uuid.uuid4())
        yield engine.delay(self.timing, "CREATE", res.uuid)
        count = int(props.get("count", 1))
        res.data["data"] = json.dumps(
            {str(i + 1): "Signal %d" % (i + 1) for i in range(count)})

    def attribute(self, res, name, engine):
        return res.data.get("data") if name == "data" else None


PLUGINS = [SoftwareDeployment(), StructuredDeployment(),
           SoftwareDeploymentGroup(), StructuredDeploymentGroup(),
           WaitConditionHandle(), WaitCondition()]
