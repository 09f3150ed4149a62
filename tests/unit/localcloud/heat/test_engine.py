"""The engine's actions on Heat-only resources (threads, no sockets)."""

import fnmatch
import time

import testtools
import yaml

from magnum_like.localcloud.heat import engine as engine_mod
from magnum_like.localcloud.heat import errors
from magnum_like.localcloud.heat import resolver
from tests.unit.localcloud.heat.base import hot

AUTH = {"project_id": "p1", "user_id": "u1", "user_name": "demo",
        "is_admin": False}
MEMBER = yaml.safe_dump(hot(
    {"v": {"type": "OS::Heat::Value", "properties": {"value": {
        "list_join": ["-", ["m", {"get_param": "idx"}]]}}}},
    parameters={"idx": {"type": "string"}},
    outputs={"val": {"value": {"get_attr": ["v", "value"]}}}))


class FakeFaults:
    def __init__(self):
        self.rules = []

    def resource_fault(self, stack_name, resource_name, resource_type,
                       action):
        for rule in list(self.rules):
            name, kind, act = rule[:3]
            if fnmatch.fnmatch(resource_name, name) and act == action:
                if len(rule) > 3:   # a one-shot fault
                    self.rules.remove(rule)
                return {"kind": kind, "reason": "boom", "delay": 0}
        return None


class FakeWorld:
    def __init__(self):
        self.settings = {"heat_profile": "fast"}
        self.faults = FakeFaults()


def group_doc(count_default=2, **props):
    resource = {"type": "OS::Heat::ResourceGroup", "properties": dict({
        "count": {"get_param": "count"},
        "removal_policies": [{"resource_list": {"get_param": "remove"}}],
        "resource_def": {"type": "member.yaml",
                         "properties": {"idx": "%index%"}}}, **props)}
    return hot({"grp": resource}, parameters={
        "count": {"type": "number", "default": count_default},
        "remove": {"type": "comma_delimited_list", "default": []}},
        outputs={"vals": {"value": {"get_attr": ["grp", "val"]}},
                 "refs_map": {"value": {"get_attr": ["grp", "refs_map"]}},
                 "first": {"value": {"get_attr": ["grp", "resource.0",
                                                  "val"]}}})


class TestEngine(testtools.TestCase):
    def setUp(self):
        super().setUp()
        self.world = FakeWorld()
        self.engine = engine_mod.Engine(self.world)
        self.addCleanup(self.engine.scheduler.stop)

    def create(self, doc, **body):
        body.setdefault("stack_name", "s1")
        body.setdefault("files", {"member.yaml": MEMBER})
        with self.engine.lock:
            return self.engine.create_stack(AUTH, dict(body, template=doc))

    def wait(self, stack, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.engine.lock:
                if not stack.in_progress:
                    return stack.status_text
            time.sleep(0.01)
        self.fail("stack still %s" % stack.status_text)

    def outputs(self, stack):
        with self.engine.lock:
            return {o["output_key"]: o.get("output_value")
                    for o in resolver.outputs(self.engine, stack)}

    def update(self, stack, **body):
        with self.engine.lock:
            self.engine.update_stack(AUTH, stack, body, patch=True)

    def test_group_scale_up_and_down_with_removal_policy(self):
        stack = self.create(group_doc())
        self.assertEqual("CREATE_COMPLETE", self.wait(stack))
        self.assertEqual(["m-0", "m-1"], self.outputs(stack)["vals"])
        self.update(stack, parameters={"count": 4})
        self.assertEqual("UPDATE_COMPLETE", self.wait(stack))
        self.assertEqual(["m-0", "m-1", "m-2", "m-3"],
                         self.outputs(stack)["vals"])
        self.update(stack, parameters={"count": 2, "remove": ["1", "2"]})
        self.assertEqual("UPDATE_COMPLETE", self.wait(stack))
        out = self.outputs(stack)
        self.assertEqual(["m-0", "m-3"], out["vals"])
        self.assertEqual({"0", "3"}, set(out["refs_map"]))
        # removed names are never reused; no policy drops the highest
        self.update(stack, parameters={"count": 3, "remove": []})
        self.wait(stack)
        self.assertEqual(["m-0", "m-3", "m-4"], self.outputs(stack)["vals"])
        self.update(stack, parameters={"count": 1})
        self.wait(stack)
        self.assertEqual(["m-0"], self.outputs(stack)["vals"])
        self.assertEqual("m-0", self.outputs(stack)["first"])

    def test_unchanged_resources_are_left_alone(self):
        stack = self.create(group_doc())
        self.wait(stack)
        events = len(stack.events)
        self.update(stack, parameters={})
        self.assertEqual("UPDATE_COMPLETE", self.wait(stack))
        names = [e.resource_name for e in stack.events[events:]]
        self.assertEqual(["s1", "s1"], names)

    def test_rolling_update_in_batches(self):
        doc = group_doc(count_default=3)
        doc["resources"]["grp"]["update_policy"] = {
            "rolling_update": {"max_batch_size": 1, "pause_time": 0}}
        stack = self.create(doc)
        self.wait(stack)
        nested = stack.resources["grp"].nested
        doc["resources"]["grp"]["properties"]["resource_def"][
            "properties"]["idx"] = "x%index%"
        with self.engine.lock:
            self.engine.update_stack(AUTH, stack, {"template": doc},
                                     patch=True)
        self.assertEqual("UPDATE_COMPLETE", self.wait(stack))
        self.assertEqual(["m-x0", "m-x1", "m-x2"],
                         self.outputs(stack)["vals"])
        updates = [e for e in nested.events
                   if e.resource_name == nested.name and
                   e.status == "UPDATE_COMPLETE"]
        self.assertEqual(3, len(updates))

    def test_failure_names_the_nested_resource(self):
        self.world.faults.rules.append(("v", "fail", "CREATE"))
        stack = self.create(group_doc())
        self.assertEqual("CREATE_FAILED", self.wait(stack))
        self.assertRegex(
            stack.reason, r"^Resource CREATE failed: Error: resources\.grp"
            r"\.resources\[\d\]\.resources\.v: boom$")
        self.assertEqual("CREATE_FAILED", stack.resources["grp"].status_text)

    def test_rollback_deletes_what_was_created(self):
        self.world.faults.rules.append(("bad", "fail", "CREATE"))
        doc = hot({"good": {"type": "OS::Heat::RandomString"},
                   "bad": {"type": "OS::Heat::Value", "depends_on": "good",
                           "properties": {"value": 1}}})
        stack = self.create(doc, disable_rollback=False)
        self.assertEqual("ROLLBACK_COMPLETE", self.wait(stack))
        self.assertEqual("DELETE_COMPLETE",
                         stack.resources["good"].status_text)

    def test_timeout(self):
        self.world.faults.rules.append(("slow*", "hang", "CREATE"))
        doc = hot({"slow_one": {"type": "OS::Heat::RandomString"}})
        stack = self.create(doc, timeout_mins=0.002)
        self.assertEqual("CREATE_FAILED", self.wait(stack))
        self.assertEqual("Create timed out", stack.reason)
        self.assertEqual("CREATE_FAILED",
                         stack.resources["slow_one"].status_text)

    def test_delete_while_creating(self):
        self.world.faults.rules.append(("v", "hang", "CREATE"))
        stack = self.create(group_doc())
        time.sleep(0.05)
        with self.engine.lock:
            self.engine.delete_stack(stack)
        self.assertEqual("DELETE_COMPLETE", self.wait(stack))
        self.assertIsNotNone(stack.deleted)
        self.assertNotIn(("p1", "s1"), self.engine.by_name)

    def test_update_in_progress_is_refused(self):
        self.world.faults.rules.append(("v", "hang", "CREATE"))
        stack = self.create(group_doc())
        with self.engine.lock:
            exc = self.assertRaises(errors.ActionInProgress,
                                    self.engine.update_stack, AUTH, stack,
                                    {}, True)
        self.assertEqual(409, exc.code)

    def test_duplicate_name(self):
        self.create(hot({}))
        exc = self.assertRaises(errors.StackExists, self.create, hot({}))
        self.assertEqual(409, exc.code)

    def test_failed_update_rolls_back(self):
        doc = hot({"v": {"type": "OS::Heat::Value", "properties": {
            "value": {"get_param": "x"}}}},
            parameters={"x": {"type": "string"}},
            outputs={"x": {"value": {"get_attr": ["v", "value"]}}})
        stack = self.create(doc, parameters={"x": "old"})
        self.wait(stack)
        self.world.faults.rules.append(("v", "fail", "UPDATE", "once"))
        with self.engine.lock:
            self.engine.update_stack(AUTH, stack, {
                "parameters": {"x": "new"}, "disable_rollback": False},
                patch=True)
        self.assertEqual("ROLLBACK_COMPLETE", self.wait(stack))
        self.assertEqual("old", self.outputs(stack)["x"])
        statuses = [e.status for e in stack.events
                    if e.resource_name == "s1"]
        self.assertEqual(["UPDATE_IN_PROGRESS", "UPDATE_FAILED",
                          "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE"],
                         statuses[-4:])

    def test_full_update_replaces_template(self):
        stack = self.create(hot({"a": {"type": "OS::Heat::RandomString"},
                                 "b": {"type": "OS::Heat::RandomString"}}))
        self.wait(stack)
        old_a = stack.resources["a"].physical_id
        with self.engine.lock:
            self.engine.update_stack(AUTH, stack, {"template": hot({
                "a": {"type": "OS::Heat::RandomString"},
                "c": {"type": "OS::Heat::None"}})}, patch=False)
        self.assertEqual("UPDATE_COMPLETE", self.wait(stack))
        self.assertEqual({"a", "c"}, set(stack.resources))
        self.assertEqual(old_a, stack.resources["a"].physical_id)

    def test_changed_member_template_updates_members(self):
        stack = self.create(group_doc())
        self.wait(stack)
        member = MEMBER.replace("- - m\n", "- - n\n")
        self.assertNotEqual(MEMBER, member)
        with self.engine.lock:
            self.engine.update_stack(AUTH, stack, {
                "files": {"member.yaml": member}}, patch=True)
        self.assertEqual("UPDATE_COMPLETE", self.wait(stack))
        self.assertEqual(["n-0", "n-1"], self.outputs(stack)["vals"])
