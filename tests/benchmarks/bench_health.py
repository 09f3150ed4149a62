"""The health monitor against 1, 100 and 1,000 Kubernetes clusters of
the local cloud, and the status sync's latency while it runs.

The local cloud runs as its own process (`magnum-like-localcloud`), so
the CPU time measured here is the conductor side's: the official
kubernetes client over TLS through the cloud's gateway, the thread pool,
the database. Each cluster is a small stack (one master and one worker
server, an api_address output) whose API has a server certificate from
the benchmark's CA; the cluster rows share that CA and client
certificate. Per size, two cycles: the first writes every cluster's new
health (None -> HEALTHY), the second finds nothing changed.

The status sync runs every 0.2 s over 100 in-progress clusters (stacks
that stay CREATE_IN_PROGRESS), first alone, then while monitor cycles
over 1,000 clusters run; the two latency distributions are printed.

    python -m tests.benchmarks.bench_health
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

from heatclient import client as heat_client
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from oslo_config import fixture as config_fixture

from magnum_like.common import clients
from magnum_like.common.x509 import csr as csr_mod
from magnum_like.conductor import certificates
from magnum_like.conductor import status_sync
from magnum_like.conductor.health import monitor as health_monitor
from magnum_like.db import cluster_templates
from magnum_like.db import clusters as db_clusters
from tests.benchmarks import bench_status_sync as sync_bench
from tests.integration import processes

SIZES = (1, 100, 1000)
SYNC_CLUSTERS = 100
SERVER = """
    type: OS::Nova::Server
    properties:
      name: {list_join: ['-', [{get_param: 'OS::stack_name'}, %s]]}
      flavor: m1.small
      image: fedora-coreos-40
      networks: [{network: bench-net}]
"""
TEMPLATE = """
heat_template_version: 2018-08-31
parameters:
  address: {type: string}
resources:
  kube_masters:%s
  kube_minions:%s
outputs:
  api_address:
    value: {get_param: address}
""" % (SERVER % "master-0", SERVER % "node-0")


class Cloud:
    """`magnum-like-localcloud` in a subprocess."""

    def __init__(self, workdir):
        self.port, coe_port = processes.free_port(), processes.free_port()
        self.token = uuid.uuid4().hex
        config = processes.write_config(
            os.path.join(workdir, "localcloud.conf"),
            {"localcloud": {"host": "127.0.0.1", "port": self.port,
                            "coe_proxy_port": coe_port,
                            "admin_token": self.token}})
        self.log = open(os.path.join(workdir, "localcloud.log"), "wb")
        self.proc = subprocess.Popen(
            [os.path.join(processes.BIN, "magnum-like-localcloud"),
             "--config-file", config], stdout=self.log,
            stderr=subprocess.STDOUT)
        self.url = "http://127.0.0.1:%d" % self.port
        self.auth_url = self.url + "/identity/v3"
        self.proxy_url = "http://127.0.0.1:%d" % coe_port
        processes.wait_for(lambda: processes.http_ok(self.auth_url), 60,
                           what="local cloud")

    def admin(self, method, path, body=None):
        req = urllib.request.Request(
            self.url + "/localcloud/admin" + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"X-Admin-Token": self.token,
                     "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            text = resp.read()
        return json.loads(text) if text else None

    def credentials(self, username, password, project):
        return {"auth_url": self.auth_url, "username": username,
                "password": password, "project_name": project,
                "user_domain_name": "Default",
                "project_domain_name": "Default"}

    def stop(self):
        self.proc.terminate()
        self.proc.wait(30)
        self.log.close()


class _CloudView:
    """What bench_status_sync._configure reads of a LocalCloud."""

    def __init__(self, cloud):
        self.cloud = cloud

    def credentials(self, username):
        return self.cloud.credentials(username, "magnum-like-secret",
                                      "service")


def _address(i):
    return "10.%d.%d.%d" % (100 + i // 65536, (i // 256) % 256, i % 256)


def _wait_stacks(heat, ids, status):
    deadline = time.monotonic() + 1200
    while time.monotonic() < deadline:
        listed = list(heat.stacks.list())
        failed = [s.stack_status_reason for s in listed
                  if s.stack_status.endswith("FAILED")]
        if failed:
            raise AssertionError(failed[0])
        done = {s.id for s in listed if s.stack_status == status}
        if done >= set(ids):
            return
        time.sleep(0.5)
    raise AssertionError("stacks did not reach %s" % status)


def _clusters(cloud, heat, template, refs, ca, start, count):
    """`count` more CREATE_COMPLETE clusters with a booted API."""
    ids = {}
    for i in range(start, start + count):
        ids[i] = heat.stacks.create(
            stack_name="hb-%d" % i, template=TEMPLATE,
            parameters={"address": _address(i)})["stack"]["id"]
    _wait_stacks(heat, ids.values(), "CREATE_COMPLETE")
    for i, stack_id in ids.items():
        csr = cloud.admin("GET", "/coe/%s/csr" % _address(i))["csr"]
        pem = csr_mod.sign(csr, ca.certificate, ca.private_key).pem
        cloud.admin("PUT", "/coe/%s/certificate" % _address(i),
                    {"certificate": pem, "ca": ca.certificate})
        db_clusters.create_with_nodegroups(dict(
            name="hb-%d" % i, project_id="demo", status="CREATE_COMPLETE",
            cluster_template_id=template.uuid, stack_id=stack_id,
            api_address="https://%s:6443" % _address(i),
            floating_ip_enabled=True, **refs), [
            dict(name="default-master", role="master", node_count=1,
                 is_default=True, status="CREATE_COMPLETE",
                 stack_id=stack_id),
            dict(name="default-worker", role="worker", node_count=1,
                 is_default=True, status="CREATE_COMPLETE",
                 stack_id=stack_id)])


def _measure(cloud, monitor):
    before = cloud.admin("GET", "/coe")
    cpu, wall = time.process_time(), time.perf_counter()
    stats = monitor.run_once()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    after = cloud.admin("GET", "/coe")
    return (wall, cpu, after["requests"] - before["requests"],
            after["tunnels"] - before["tunnels"], stats)


def _sync_clusters(heat, template):
    """SYNC_CLUSTERS in-progress clusters whose nodegroups already have
    their stack's status: each sync cycle lists them and changes
    nothing."""
    ids = [heat.stacks.create(stack_name="sync-%d" % i,
                              template=sync_bench.TEMPLATE)["stack"]["id"]
           for i in range(SYNC_CLUSTERS)]
    _wait_stacks(heat, ids, "CREATE_COMPLETE")
    for i, stack_id in enumerate(ids):
        ng = dict(node_count=1, is_default=True, status="CREATE_COMPLETE",
                  stack_id=stack_id)
        db_clusters.create_with_nodegroups(
            dict(name="sync-%d" % i, project_id="demo", stack_id=stack_id,
                 cluster_template_id=template.uuid,
                 status="CREATE_IN_PROGRESS"),
            [dict(ng, name="default-master", role="master"),
             dict(ng, name="default-worker", role="worker")])


def _sync_latencies(seconds, busy=None):
    """Status sync cycles every 0.2 s for `seconds`; with `busy`, a
    callable run in a loop meanwhile (monitor cycles)."""
    stop = threading.Event()
    cycles = []

    def loop():
        while not stop.is_set():
            cycles.append(busy())
    worker = threading.Thread(target=loop) if busy else None
    if worker:
        worker.start()
    latencies = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        t0 = time.perf_counter()
        stats = status_sync.sync("bench")
        latencies.append(time.perf_counter() - t0)
        assert stats.clusters == SYNC_CLUSTERS and stats.changed == 0, stats
        time.sleep(0.2)
    stop.set()
    if worker:
        worker.join()
    return latencies, cycles


def _summary(latencies):
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return "n=%3d median %6.1f ms, p95 %6.1f ms, max %6.1f ms" % (
        len(ordered), statistics.median(ordered) * 1000, p95 * 1000,
        ordered[-1] * 1000)


def _setup(conf_fixture, cloud, workdir):
    sync_bench._configure(conf_fixture, _CloudView(cloud), workdir)
    conf_fixture.config(api_proxy=cloud.proxy_url, group="cluster_health")
    conf_fixture.config(encryption_key=sync_bench.base.TEST_ENCRYPTION_KEY,
                        group="certificates")
    cloud.admin("PUT", "/quotas/compute/demo",
                {"instances": -1, "cores": -1, "ram": -1})
    cloud.admin("PUT", "/quotas/network/demo", {"port": -1})
    # Room for 2,000 servers (the seeded private subnet is a /24).
    cloud.admin("POST", "/seed", {"networks": [{
        "name": "bench-net", "project": "demo",
        "subnets": [{"name": "bench-subnet", "cidr": "10.128.0.0/16"}]}]})
    template = cluster_templates.create(dict(
        name="bench", coe="kubernetes", server_type="vm",
        cluster_distro="fedora-coreos", tls_disabled=False,
        floating_ip_enabled=True))
    holder = db_clusters.create_with_nodegroups(dict(
        name="ca-holder", project_id="demo", status="CREATE_IN_PROGRESS",
        cluster_template_id=template.uuid), [])
    refs = certificates.ensure(holder)
    db_clusters.destroy(holder.uuid)
    from magnum_like.common import cert_manager
    ca = cert_manager.get_backend().get(refs["ca_cert_ref"])
    auth = v3.Password(**cloud.credentials("demo", "demo-secret", "demo"))
    heat = heat_client.Client("1", session=ks_session.Session(auth=auth))
    return template, refs, ca, heat


def main(sizes=SIZES, sync_seconds=15):
    workdir = tempfile.mkdtemp(prefix="bench-health-")
    conf_fixture = config_fixture.Config(sync_bench.base.CONF)
    conf_fixture.setUp()
    cloud = Cloud(workdir)
    try:
        template, refs, ca, heat = _setup(conf_fixture, cloud, workdir)
        monitor = health_monitor.Monitor("bench")
        print("health monitor cycle ([cluster_health] workers=%d; the "
              "local cloud in its own process)" %
              sync_bench.base.CONF.cluster_health.workers)
        made = 0
        for size in sizes:
            _clusters(cloud, heat, template, refs, ca, made, size - made)
            made = size
            for label in ("first (all written)", "steady (no change)"):
                wall, cpu, reqs, tunnels, stats = _measure(cloud, monitor)
                assert stats.polled == size, stats
                print("  %5d clusters, %-19s: wall %7.3f s, CPU %7.3f s, "
                      "%5d API requests over %5d TLS connections, %4d "
                      "writes" % (size, label, wall, cpu, reqs, tunnels,
                                  stats.changed))
        _sync_clusters(heat, template)
        alone, _ = _sync_latencies(sync_seconds)
        busy, cycles = _sync_latencies(sync_seconds, monitor.run_once)
        print("status sync over %d in-progress clusters, every 0.2 s:" %
              SYNC_CLUSTERS)
        print("  alone:                    " + _summary(alone))
        print("  with the monitor running: " + _summary(busy) +
              " (%d monitor cycles over %d clusters meanwhile)" % (
                  len(cycles), made))
        monitor.stop()
    finally:
        cloud.stop()
        conf_fixture.cleanUp()
        clients.reset()


if __name__ == "__main__":
    main(tuple(int(a) for a in sys.argv[1:]) or SIZES)
