"""The COE API bodies the local cloud's gateway answers (endpoints.py)
and its certificate store, without sockets."""

import json

from cryptography import x509

from magnum_like.common.x509 import cluster_certs
from magnum_like.common.x509 import csr as csr_mod
from magnum_like.localcloud.coe import certs
from magnum_like.localcloud.coe import endpoints
from magnum_like.localcloud.coe import topology
from tests import base

CLUSTER = topology.Cluster("stack-1", "c1", "172.24.4.10", (
    topology.Node("s-m", "c1-master-0", "master", True,
                  "2026-01-01T00:00:00Z", "10.0.0.2"),
    topology.Node("s-w", "c1-node-0", "worker", False,
                  "2026-01-01T01:00:00Z", "10.0.0.3")))


def body(answer):
    return json.loads(answer[2])


class TestEndpoints(base.TestCase):
    def test_kubernetes(self):
        self.assertEqual((200, "text/plain", b"ok"),
                         endpoints.answer("kubernetes", "/healthz", CLUSTER))
        nodes = body(endpoints.answer("kubernetes", "/api/v1/nodes?limit=5",
                                      CLUSTER))["items"]
        ready = {n["metadata"]["name"]: n["status"]["conditions"][0]
                 for n in nodes}
        self.assertEqual("True", ready["c1-master-0"]["status"])
        self.assertEqual("False", ready["c1-node-0"]["status"])
        self.assertEqual("2026-01-01T01:00:00Z",
                         ready["c1-node-0"]["lastTransitionTime"])
        self.assertEqual(404, endpoints.answer("kubernetes", "/apis",
                                               CLUSTER)[0])

    def test_swarm(self):
        info = body(endpoints.answer("swarm", "/v1.41/info", CLUSTER))
        self.assertEqual(2, info["Swarm"]["Nodes"])
        nodes = body(endpoints.answer("swarm", "/v1.41/nodes", CLUSTER))
        self.assertEqual({"c1-master-0": ("manager", "ready"),
                          "c1-node-0": ("worker", "down")},
                         {n["Description"]["Hostname"]:
                          (n["Spec"]["Role"], n["Status"]["State"])
                          for n in nodes})

    def test_mesos_lists_agents_only(self):
        state = body(endpoints.answer("mesos", "/master/state", CLUSTER))
        self.assertEqual([{"id": "s-w", "hostname": "c1-node-0",
                           "active": False}], state["slaves"])
        self.assertEqual(1, state["deactivated_slaves"])

    def test_api_up_needs_an_active_master(self):
        self.assertTrue(CLUSTER.api_up)
        down = topology.Cluster("s", "c", "a", CLUSTER.nodes[1:])
        self.assertFalse(down.api_up)


class TestCertStore(base.TestCase):
    def test_csr_signed_by_the_cluster_ca_is_served(self):
        store = certs.CertStore()
        self.assertIsNone(store.server_context("172.24.4.10"))
        pem = store.csr("172.24.4.10")
        req = x509.load_pem_x509_csr(pem.encode())
        san = req.extensions.get_extension_for_class(
            x509.SubjectAlternativeName).value
        self.assertEqual(["172.24.4.10"],
                         [str(ip) for ip in san.get_values_for_type(
                             x509.IPAddress)])
        generated = cluster_certs.generate("c1")
        issued = csr_mod.sign(pem, generated.ca.certificate,
                              generated.ca.private_key)
        store.install("172.24.4.10", issued.pem, generated.ca.certificate)
        self.assertIsNotNone(store.server_context("172.24.4.10"))
        # A certificate for another key is refused.
        other = csr_mod.sign(certs.CertStore().csr("172.24.4.10"),
                             generated.ca.certificate,
                             generated.ca.private_key)
        self.assertRaises(ValueError, store.install, "172.24.4.10",
                          other.pem, generated.ca.certificate)
        self.assertRaises(KeyError, store.install, "172.24.4.99",
                          issued.pem, generated.ca.certificate)
        store.reset()
        self.assertIsNone(store.server_context("172.24.4.10"))
