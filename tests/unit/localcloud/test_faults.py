"""Faults: service and resource fault matching."""

import time

from magnum_like.localcloud.world import errors
from tests.unit.localcloud import base


class TestResourceFaults(base.WorldTestCase):
    def setUp(self):
        super().setUp()
        self.faults = self.world.faults

    def test_no_fault(self):
        self.assertIsNone(self.faults.resource_fault(
            "s", "kube_masters", "OS::Heat::ResourceGroup", "CREATE"))

    def test_match_by_name_glob_and_action(self):
        self.faults.add_resource_fault("fail", resource_name="kube_minion*",
                                       action="CREATE", reason="boom")
        fault = self.faults.resource_fault("k8s-abc", "kube_minions", "T",
                                           "CREATE")
        self.assertEqual({"kind": "fail", "reason": "boom", "delay": 0.0},
                         {k: fault[k] for k in ("kind", "reason", "delay")})
        self.assertIsNone(self.faults.resource_fault(
            "k8s-abc", "kube_minions", "T", "DELETE"))
        self.assertIsNone(self.faults.resource_fault(
            "k8s-abc", "kube_masters", "T", "CREATE"))

    def test_match_by_type_and_stack_prefix(self):
        self.faults.add_resource_fault("hang", resource_type="OS::Nova::*",
                                       stack_prefix="prod-", delay=5)
        self.assertIsNone(self.faults.resource_fault(
            "dev-1", "vm", "OS::Nova::Server", "CREATE"))
        fault = self.faults.resource_fault("prod-1", "vm",
                                           "OS::Nova::Server", "UPDATE")
        self.assertEqual(("hang", 5.0), (fault["kind"], fault["delay"]))

    def test_count_limits_hits(self):
        self.faults.add_resource_fault("slow", resource_name="vm", count=2,
                                       delay=0.1)
        hits = [self.faults.resource_fault("s", "vm", "T", "CREATE")
                for _ in range(3)]
        self.assertEqual([True, True, False], [h is not None for h in hits])
        listed = self.faults.list_faults()["resource"][0]
        self.assertEqual(2, listed["hits"])
        self.assertFalse(listed["active"])

    def test_validation(self):
        self.assertRaises(errors.BadRequest, self.faults.add_resource_fault,
                          "explode", resource_name="x")
        self.assertRaises(errors.BadRequest, self.faults.add_resource_fault,
                          "fail")
        self.assertRaises(errors.BadRequest, self.faults.add_resource_fault,
                          "fail", resource_name="x", action="SUSPEND")

    def test_clear(self):
        fault = self.faults.add_resource_fault("fail", resource_name="x")
        self.faults.clear(fault["id"])
        self.assertRaises(errors.NotFound, self.faults.clear, fault["id"])
        self.assertIsNone(self.faults.resource_fault("s", "x", "T",
                                                     "CREATE"))


class TestServiceFaults(base.WorldTestCase):
    def test_count_method_and_path(self):
        faults = self.world.faults
        faults.add_service_fault("compute", status=503, count=1,
                                 method="get", path_prefix="/v2.1/servers")
        self.assertIsNone(faults.service_fault("compute", "POST",
                                               "/v2.1/servers"))
        self.assertIsNone(faults.service_fault("image", "GET",
                                               "/v2.1/servers"))
        self.assertIsNone(faults.service_fault("compute", "GET",
                                               "/v2.1/flavors"))
        fault = faults.service_fault("compute", "GET", "/v2.1/servers/x")
        self.assertEqual(("error", 503), (fault["kind"], fault["status"]))
        self.assertIsNone(faults.service_fault("compute", "GET",
                                               "/v2.1/servers/x"))

    def test_expiry(self):
        faults = self.world.faults
        faults.add_service_fault("network", kind="sleep", delay=0.01,
                                 expires_in=0.05)
        self.assertIsNotNone(faults.service_fault("network"))
        time.sleep(0.06)
        self.assertIsNone(faults.service_fault("network"))

    def test_unknown_service(self):
        self.assertRaises(errors.BadRequest,
                          self.world.faults.add_service_fault, "dns")

    def test_generic_add(self):
        fault = self.world.faults.add({"service": "identity",
                                       "status": 500})
        self.assertEqual("identity", fault["service"])
        fault = self.world.faults.add({"scope": "resource",
                                       "resource_type": "OS::Nova::Server"})
        self.assertEqual("fail", fault["kind"])
