"""The health monitor through the real conductor, the local cloud and
the real COE clients: the local cloud's gateway answers each cluster's
Kubernetes, Docker or Mesos API over TLS (certificates from the
cluster's CA), nodes Ready while their Nova servers are ACTIVE."""

from magnum_like.common import statuses
from magnum_like.db import clusters as db_clusters
from tests.functional.conductor import health_support
from tests.functional.conductor import test_other_drivers


class TestKubernetesHealth(health_support.HealthTestCase):
    def test_unhealthy_node_named_then_healthy_again(self):
        row = self.create_cluster(self.caller(), workers=2)
        self.boot_api(row)
        reason = self.cycles_until(row.uuid, statuses.HEALTHY)
        workers = self.servers_of(row, "worker")
        masters = self.servers_of(row, "master")
        expected = {"api": "ok"}
        expected.update({"%s.Ready" % n: "True"
                         for n in list(workers) + list(masters)})
        self.assertEqual(expected, reason)
        sick = sorted(workers)[0]
        self.set_server(workers[sick], "ERROR")
        reason = self.cycles_until(row.uuid, statuses.UNHEALTHY)
        self.assertEqual("False", reason["%s.Ready" % sick])
        self.assertEqual(dict(expected, **{"%s.Ready" % sick: "False"}),
                         reason)
        self.set_server(workers[sick], "ACTIVE")
        self.assertEqual(expected,
                         self.cycles_until(row.uuid, statuses.HEALTHY))
        # Each change went out as a CADF notification, with its reason.
        events = self.health_events()
        self.assertEqual(["HEALTHY", "UNHEALTHY", "HEALTHY"],
                         [e[0]["target"]["attachments"][0]["content"]
                          ["health_status"] for e in events])
        self.assertEqual(["INFO", "WARN", "INFO"], [e[1] for e in events])
        content = events[1][0]["target"]["attachments"][0]["content"]
        self.assertEqual("False", content["health_status_reason"][
            "%s.Ready" % sick])
        self.assertEqual("HEALTHY", content["previous_health_status"])
        self.assertEqual(row.uuid, events[1][0]["target"]["id"])
        # Nothing changed: no write, no notification.
        self.cycle()
        self.assertEqual(3, len(self.health_events()))

    def test_unreachable_api_is_unknown(self):
        row = self.create_cluster(self.caller())
        # No master has a certificate yet: TLS cannot be set up.
        reason = self.cycles_until(row.uuid, statuses.UNKNOWN, cycles=1)
        self.assertIn("is unreachable", reason["api"])
        self.boot_api(row)
        self.cycles_until(row.uuid, statuses.HEALTHY)
        # The only master is down: the API does not answer at all.
        (master,) = self.servers_of(row, "master").values()
        self.set_server(master, "SHUTOFF")
        reason = self.cycles_until(row.uuid, statuses.UNKNOWN)
        self.assertEqual(["api"], list(reason))
        self.assertIn("is unreachable", reason["api"])
        self.assertIn(row.api_address, reason["api"])

    def test_private_api_is_unknown_unless_reachable(self):
        row = self.create_cluster(self.caller())
        self.boot_api(row)
        db_clusters.update(row.uuid, {"floating_ip_enabled": False})
        reason = self.cycles_until(row.uuid, statuses.UNKNOWN, cycles=1)
        self.assertEqual({"api": "The cluster c1 is not accessible."},
                         reason)
        self.config(private_api_reachable=True, group="cluster_health")
        self.cycles_until(row.uuid, statuses.HEALTHY)

    def test_clusters_healed_by_their_own_controller_are_not_polled(self):
        template = self.make_template(self.caller(), labels={
            "kube_tag": "v1.30.4", "auto_healing_enabled": "true",
            "auto_healing_controller": "magnum-auto-healer"})
        row = self.create_cluster(self.caller(), template=template)
        self.boot_api(row)
        self.cycle()
        self.assertEqual((None, {}), self.health(row.uuid))

    def test_the_periodic_task_polls(self):
        self.config(health_polling_interval=1, group="kubernetes")
        self.conductor.stop()
        self.conductor = self.conductor.__class__(host="conductor-a")
        self.conductor.start()
        self.addCleanup(self.conductor.stop)
        row = self.create_cluster(self.caller())
        self.boot_api(row)
        self.wait_health(row.uuid, statuses.HEALTHY)

    def wait_health(self, uuid, status, timeout=30):
        import time
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.health(uuid)[0] == status:
                return
            time.sleep(0.2)
        self.fail("cluster %s never became %s: %s" % (
            uuid, status, self.health(uuid)))


class TestOtherCoesHealth(health_support.HealthTestCase):
    def check(self, template_values):
        ctx = self.caller()
        template = self.make_template(ctx, **template_values)
        row = self.create_cluster(ctx, template=template, workers=2)
        if template_values["coe"] != "mesos":
            self.boot_api(row)
        reason = self.cycles_until(row.uuid, statuses.HEALTHY)
        workers = self.servers_of(row, "worker")
        self.assertEqual(2, len(workers), workers)
        for name in workers:
            self.assertEqual("True", reason["%s.Ready" % name])
        sick = sorted(workers)[1]
        self.set_server(workers[sick], "ERROR")
        reason = self.cycles_until(row.uuid, statuses.UNHEALTHY)
        self.assertEqual("False", reason["%s.Ready" % sick])
        self.assertEqual("ok", reason["api"])
        self.set_server(workers[sick], "ACTIVE")
        self.cycles_until(row.uuid, statuses.HEALTHY)

    def test_swarm_mode_through_the_docker_client(self):
        self.check(test_other_drivers.SWARM_MODE)

    def test_mesos_through_the_master_api(self):
        self.check(test_other_drivers.MESOS)


HEALING = {"kube_tag": "v1.30.4", "auto_healing_enabled": "true",
           "auto_healing_controller": "magnum-like-conductor"}


class TestRepair(health_support.HealthTestCase):
    def healing_cluster(self, grace=0):
        self.config(auto_healing_grace_period=grace, group="cluster_health")
        ctx = self.caller()
        row = self.create_cluster(
            ctx, template=self.make_template(ctx, labels=HEALING),
            workers=2)
        self.boot_api(row)
        self.cycles_until(row.uuid, statuses.HEALTHY)
        return row

    def test_a_notready_node_is_replaced_exactly_once(self):
        row = self.healing_cluster()
        workers = self.servers_of(row, "worker")
        masters = self.servers_of(row, "master")
        before = self.nodegroups(row.uuid)
        sick = sorted(workers)[0]
        self.set_server(workers[sick], "ERROR")
        self.cycle()
        found = db_clusters.get_by_uuid(row.uuid)
        self.assertEqual(statuses.UPDATE_IN_PROGRESS, found.status)
        # The conductor's resize phases may already have replaced the
        # repair's status_reason: the notification is the lasting record.
        self.wait_for(row.uuid, statuses.UPDATE_COMPLETE)
        repairs = [n[1]["payload"]["target"]["attachments"][0]["content"]
                   ["repair"] for n in self.notifications()
                   if n[1]["event_type"] == "magnum.cluster.repair"]
        self.assertEqual([sick], [r["node"] for r in repairs])
        self.assertIn("Auto-healing: node %s" % sick, repairs[0]["reason"])
        self.assertEqual("default-worker", repairs[0]["nodegroup"])
        self.assertIn("NotReady since", repairs[0]["reason"])
        after_workers = self.servers_of(row, "worker")
        self.assertNotIn(sick, after_workers)
        self.assertEqual(2, len(after_workers))
        healthy = sorted(workers)[1]
        self.assertEqual(workers[healthy], after_workers[healthy])
        self.assertEqual(masters, self.servers_of(row, "master"))
        after = self.nodegroups(row.uuid)
        for name, ng in before.items():
            self.assertEqual(ng.node_count, after[name].node_count)
        self.assertEqual(sorted(before), sorted(after))
        # Healthy again, and no second replacement.
        self.cycles_until(row.uuid, statuses.HEALTHY)
        for _ in range(2):
            self.cycle()
        found = db_clusters.get_by_uuid(row.uuid)
        self.assertEqual(statuses.UPDATE_COMPLETE, found.status)
        self.assertEqual(after_workers, self.servers_of(row, "worker"))
        self.assertEqual(1, len([
            n for n in self.notifications()
            if n[1]["event_type"] == "magnum.cluster.repair"]))

    def test_nothing_is_replaced_while_the_api_is_down(self):
        row = self.healing_cluster()
        (master,) = self.servers_of(row, "master").values()
        worker = sorted(self.servers_of(row, "worker").values())[0]
        self.set_server(worker, "ERROR")
        self.set_server(master, "ERROR")
        self.cycles_until(row.uuid, statuses.UNKNOWN)
        self.cycle()
        found = db_clusters.get_by_uuid(row.uuid)
        self.assertEqual(row.status, found.status)
        self.assertFalse(db_clusters.is_pending(found))

    def test_nothing_is_replaced_within_the_grace_period(self):
        row = self.healing_cluster(grace=3600)
        worker = sorted(self.servers_of(row, "worker").values())[0]
        self.set_server(worker, "ERROR")
        self.cycles_until(row.uuid, statuses.UNHEALTHY)
        self.cycle()
        self.assertEqual(row.status,
                         db_clusters.get_by_uuid(row.uuid).status)


class TestGatewayTls(health_support.HealthTestCase):
    def test_both_sides_are_checked_against_the_cluster_ca(self):
        import os
        import tempfile

        import requests

        from magnum_like.common.x509 import cluster_certs

        row = self.create_cluster(self.caller())
        self.boot_api(row)
        files = self.monitor.credentials.files(db_clusters.get_by_uuid(
            row.uuid))
        url = row.api_address + "/healthz"

        def get(**kwargs):
            with requests.Session() as s:
                s.trust_env = False
                return s.get(url, proxies={
                    "https": self.cloud.coe_proxy_url}, timeout=5, **kwargs)

        self.assertEqual("ok", get(verify=files.ca,
                                   cert=(files.cert, files.key)).text)
        # No client certificate: the API refuses the handshake.
        self.assertRaises(requests.exceptions.RequestException, get,
                          verify=files.ca)
        # Another CA does not vouch for the API server.
        other = cluster_certs.generate("other").ca.certificate
        fd, path = tempfile.mkstemp()
        self.addCleanup(os.unlink, path)
        with os.fdopen(fd, "w") as f:
            f.write(other)
        self.assertRaises(requests.exceptions.SSLError, get, verify=path,
                          cert=(files.cert, files.key))
