"""The local cloud's Heat against real OpenStack Heat: a corpus of the
stack requests the service sends (every driver, pairwise combinations of
its labels and options, cluster and nodegroup stacks) and hand-written
edge cases, previewed (`POST /stacks/preview`) by both; their verdicts
-- accepted, or refused with the same HTTP status and error type -- must
be equal for every case. The list of disagreements is the test's detail.
"""

from heatclient import client as heat_client
from heatclient import exc as heat_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from testtools import content
import yaml

from magnum_like.drivers.heat import stack_request
from magnum_like.localcloud.service import LocalCloud
from tests import base
from tests import heat_inputs as hi
from tests.integration import processes
from tests.integration.real_heat import fixture as real_heat

_PARAM = {"heat_template_version": "queens"}

# name: (template, parameters); files none.
EDGE_CASES = {
    "ints_for_comma_delimited_list": (dict(_PARAM, parameters={
        "ports": {"type": "comma_delimited_list"}},
        resources={"v": {"type": "OS::Heat::Value", "properties": {
            "value": {"get_param": "ports"}}}}), {"ports": [22, 80]}),
    "null_parameter_means_default": (dict(_PARAM, parameters={
        "size": {"type": "number", "default": 1,
                 "constraints": [{"range": {"min": 1}}]}},
        resources={"v": {"type": "OS::Heat::Value", "properties": {
            "value": {"get_param": "size"}}}}), {"size": None}),
    "unknown_resource_type": (dict(_PARAM, resources={
        "x": {"type": "OS::No::Such"}}), {}),
    "missing_required_parameter": (dict(_PARAM, parameters={
        "name": {"type": "string"}}, resources={}), {}),
    "bad_get_attr": (dict(_PARAM, resources={
        "v": {"type": "OS::Heat::Value", "properties": {
            "value": {"get_attr": ["nothing", "x"]}}}}), {}),
    "router_interface_router_id": (dict(_PARAM, resources={
        "r": {"type": "OS::Neutron::Router"},
        "i": {"type": "OS::Neutron::RouterInterface", "properties": {
            "router_id": {"get_resource": "r"},
            "subnet": "private-subnet"}}}), {}),
    "yaql_condition": (dict(_PARAM, conditions={
        "big": {"yaql": {"expression": "$.data > 1", "data": 2}}},
        resources={"v": {"type": "OS::Heat::Value", "condition": "big",
                         "properties": {"value": "x"}}}), {}),
    "cinder_volume_null_type": (dict(_PARAM, resources={
        "v": {"type": "OS::Cinder::Volume", "properties": {
            "size": 1, "volume_type": None}}}), {}),
    "cinder_volume_type_null_by_condition": (dict(
        _PARAM, parameters={"type": {"type": "string", "default": ""}},
        conditions={"typed": {"not": {"equals": [{"get_param": "type"},
                                                 ""]}}},
        resources={"v": {"type": "OS::Cinder::Volume", "properties": {
            "size": 1, "volume_type": {
                "if": ["typed", {"get_param": "type"}, None]}}}}), {}),
    "cinder_volume_null_type_in_a_group": (dict(_PARAM, resources={
        "g": {"type": "OS::Heat::ResourceGroup", "properties": {
            "count": 1, "resource_def": {
                "type": "OS::Cinder::Volume", "properties": {
                    "size": 1, "volume_type": None}}}}}), {}),
    "image_that_does_not_exist": (dict(_PARAM, resources={
        "s": {"type": "OS::Nova::Server", "properties": {
            "image": "no-such-image", "flavor": "m1.small"}}}), {}),
    "flavor_that_does_not_exist": (dict(_PARAM, resources={
        "s": {"type": "OS::Nova::Server", "properties": {
            "image": "fedora-coreos-40", "flavor": "m9.huge"}}}), {}),
}


def corpus():
    """(case name, heatclient preview kwargs) of every case."""
    for driver in hi.DRIVERS:
        definition = hi.definition(driver)
        combos = hi.pairwise(hi.driver_combinations(driver))
        for index, combo in enumerate(combos):
            request = stack_request.create(definition,
                                           hi.driver_inputs(driver, combo))
            yield "%s-%d %s" % (driver, index, combo), dict(
                stack_name="diff-%s-%d" % (driver.replace("_", "-"), index),
                template=request.template, files=request.files,
                environment_files=request.environment_files,
                parameters=request.parameters, disable_rollback=True)
    for name, (template, parameters) in EDGE_CASES.items():
        yield name, dict(stack_name="diff-" + name.replace("_", "-"),
                         template=yaml.safe_dump(template),
                         parameters=parameters, disable_rollback=True)


def verdict(heat, kwargs):
    """("accept",) or ("reject", HTTP status, Heat error type)."""
    try:
        heat.stacks.preview(**kwargs)
    except heat_exc.HTTPException as e:
        error = (getattr(e, "error", None) or {}).get("error") or {}
        return ("reject", e.code, error.get("type"))
    return ("accept",)


class TestHeatDifferential(base.TestCase):
    def setUp(self):
        super().setUp()
        real_heat.long_timeout(self)
        port = processes.free_port()
        self.cloud = LocalCloud(seed_file=real_heat.seed(port))
        self.cloud.start()
        self.addCleanup(self.cloud.stop)
        self.useFixture(real_heat.RealHeat(self, port, self.cloud.auth_url))

    def clients(self):
        auth = v3.Password(**self.cloud.credentials("demo"))
        sess = ks_session.Session(auth=auth)
        project = sess.get_project_id()
        real = heat_client.Client("1", session=sess)
        local = heat_client.Client("1", session=sess, endpoint_override=(
            "%s/heat-api/v1/%s" % (self.cloud.url, project)))
        return real, local

    def test_verdicts_agree(self):
        real, local = self.clients()
        disagreements, cases = [], 0
        for name, kwargs in corpus():
            cases += 1
            theirs, ours = verdict(real, kwargs), verdict(local, kwargs)
            if theirs != ours:
                disagreements.append("%s: real Heat %s, local Heat %s" % (
                    name, theirs, ours))
        self.addDetail("disagreements", content.text_content(
            "%d cases, %d disagreements\n%s" % (
                cases, len(disagreements), "\n".join(disagreements))))
        self.assertEqual([], disagreements)
