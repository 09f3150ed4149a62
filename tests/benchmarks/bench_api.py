"""Requests/s of GET /v1 under gunicorn, and start-up time of each
service (API, conductor, all-in-one)."""

import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from tests.integration import processes

REQUESTS_PER_CLIENT = 2000
CLIENTS = 16


def _wait_http(url, timeout=60):
    start = time.monotonic()
    processes.wait_for(lambda: processes.http_ok(url), timeout,
                       interval=0.02, what=url)
    return time.monotonic() - start


def _load(port, path, count, results):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    latencies = []
    for _ in range(count):
        t0 = time.perf_counter()
        conn.request("GET", path)
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            raise AssertionError(resp.status)
        latencies.append(time.perf_counter() - t0)
    conn.close()
    results.append(latencies)


def bench_get_v1(workdir, workers):
    port = processes.free_port()
    conf = processes.write_config(os.path.join(workdir, "api.conf"), {
        "DEFAULT": {"transport_url": "fake://", "state_path": workdir},
        "database": {"connection": "sqlite:///%s/b.sqlite" % workdir},
        "api": {"auth_strategy": "noauth", "port": port,
                "workers": workers}})
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [os.path.join(processes.BIN, "magnum-like-api"), "--config-file",
         conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_http("http://127.0.0.1:%d/" % port)
        startup = time.monotonic() - t0
        results = []
        threads = [threading.Thread(target=_load, args=(
            port, "/v1", REQUESTS_PER_CLIENT, results))
            for _ in range(CLIENTS)]
        t0 = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t0
    finally:
        proc.terminate()
        proc.wait(30)
    latencies = sorted(x for r in results for x in r)
    total = len(latencies)
    print("magnum-like-api (%d gunicorn workers): start-up %.2f s; "
          "GET /v1: %d requests, %d clients, %.0f req/s, "
          "p50 %.1f ms, p99 %.1f ms" % (
              workers, startup, total, CLIENTS, total / elapsed,
              1000 * statistics.median(latencies),
              1000 * latencies[int(total * 0.99) - 1]))


def bench_conductor_startup(workdir):
    conf = processes.write_config(os.path.join(workdir, "c.conf"), {
        "DEFAULT": {"transport_url": "rabbit://guest:guest@127.0.0.1:5672/",
                    "state_path": workdir},
        "database": {"connection": "sqlite:///%s/c.sqlite" % workdir}})
    subprocess.run([os.path.join(processes.BIN, "magnum-like-db-manage"),
                    "--config-file", conf, "upgrade"], check=True,
                   capture_output=True)
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [os.path.join(processes.BIN, "magnum-like-conductor"),
         "--config-file", conf], stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()
        elapsed = time.monotonic() - t0
    finally:
        proc.terminate()
        proc.wait(30)
    print("magnum-like-conductor (RabbitMQ, SQLite): start-up %.2f s "
          "(%s)" % (elapsed, line.strip()))


def bench_all_in_one_startup(workdir):
    port = processes.free_port()
    cloud_port = processes.free_port()
    conf = processes.write_config(os.path.join(workdir, "aio.conf"), {
        "DEFAULT": {"state_path": os.path.join(workdir, "aio")},
        "api": {"port": port}, "localcloud": {"port": cloud_port}})
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [os.path.join(processes.BIN, "magnum-like-all-in-one"),
         "--config-file", conf], stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True)
    try:
        for line in proc.stdout:
            if "is running" in line:
                break
        elapsed = time.monotonic() - t0
    finally:
        proc.terminate()
        proc.wait(30)
    print("magnum-like-all-in-one (local cloud + API + conductor): "
          "start-up %.2f s" % elapsed)


def main():
    with tempfile.TemporaryDirectory() as workdir:
        for workers in (1, 2, 4):
            bench_get_v1(workdir, workers)
        bench_conductor_startup(workdir)
        bench_all_in_one_startup(workdir)


if __name__ == "__main__":
    sys.exit(main())
