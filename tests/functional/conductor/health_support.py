"""What the health tests share: the conductor configured to reach the
local cloud's gateway to the clusters' APIs, the masters' TLS
certificates issued through the certificates path of the product (what
a node's boot script does with Magnum's API), Nova fault injection over
the local cloud's admin API, and monitor cycles run on demand."""

from urllib import parse

from oslo_messaging.notify import _impl_test
import requests

from magnum_like.common import rpc
from magnum_like.conductor import certificates
from magnum_like.conductor.health import monitor as health_monitor
from magnum_like.db import clusters as db_clusters
from tests.functional.conductor import base


class HealthTestCase(base.ConductorCloudTestCase):
    def configure(self):
        # Each test starts from the seed (quotas are per project).
        self.cloud.world.reset()
        super().configure()
        self.config(health_polling_interval=-1, group="kubernetes")
        self.config(api_proxy=self.cloud.coe_proxy_url, timeout=5,
                    group="cluster_health")
        self.config(driver=["test"], group="oslo_messaging_notifications")
        rpc._STATE["notifier"] = None
        self.addCleanup(rpc._STATE.__setitem__, "notifier", None)
        _impl_test.reset()
        self.monitor = health_monitor.Monitor("conductor-a")
        self.addCleanup(self.monitor.stop)

    # -- the local cloud's admin API ---------------------------------------
    def admin(self, method, path, body=None):
        resp = requests.request(
            method, self.cloud.url + "/localcloud/admin" + path, json=body,
            headers={"X-Admin-Token": self.cloud.admin_token}, timeout=10)
        self.assertLess(resp.status_code, 300, resp.text)
        return resp.json() if resp.content else None

    def boot_api(self, row):
        """The masters get their server certificate from the cluster CA
        (the CSR signed by certificates.sign_certificate, as the API's
        POST /v1/certificates does)."""
        host = parse.urlsplit(row.api_address).hostname
        csr = self.admin("GET", "/coe/%s/csr" % host)["csr"]
        signed = certificates.sign_certificate(self.caller(), row.uuid, csr)
        ca = certificates.get_ca_certificate(row.uuid)
        self.admin("PUT", "/coe/%s/certificate" % host,
                   {"certificate": signed["pem"], "ca": ca["pem"]})

    def set_server(self, server_id, status):
        self.admin("POST", "/servers/%s/status" % server_id,
                   {"status": status, "fault": "injected by the test"})

    def servers_of(self, row, role):
        """{name: id} of the cluster's servers of `role` (Magnum's names:
        <cluster>-<suffix>-master-<n>, -node-<n> or -minion-<n>)."""
        stack = row.stack_id
        hints = ("-master",) if role == "master" else ("-node", "-minion",
                                                        "-slave")
        found = {}
        for server in self.cloud.world.compute.list_servers(
                all_tenants=True):
            meta = server.get("metadata") or {}
            name = server["name"]
            if any(h in name for h in hints) and (
                    name.startswith(row.name + "-") or
                    meta.get("stack_id") == stack):
                found[name] = server["id"]
        return found

    # -- cycles --------------------------------------------------------------
    def cycle(self):
        self.monitor.run_once()

    def health(self, uuid):
        row = db_clusters.get_by_uuid(uuid)
        return row.health_status, row.health_status_reason

    def cycles_until(self, uuid, status, cycles=2):
        """Run at most `cycles` monitor cycles until the cluster's
        health is `status`; returns its reason."""
        for _ in range(cycles):
            self.cycle()
            found, reason = self.health(uuid)
            if found == status:
                return reason
        self.fail("cluster %s is %s after %d cycles: %s" % (
            uuid, found, cycles, reason))

    @staticmethod
    def notifications():
        return list(_impl_test.NOTIFICATIONS)

    def health_events(self):
        """[(payload, priority)] of magnum.cluster.health."""
        return [(n[1]["payload"], n[2]) for n in _impl_test.NOTIFICATIONS
                if n[1]["event_type"] == health_monitor.EVENT_TYPE]
