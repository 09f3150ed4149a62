"""A private memcached (Debian's `memcached`) on a free loopback port,
for the API workers' shared Keystone token cache."""

import shutil
import socket

import fixtures

from tests.integration import processes
from tests.integration import services


class Memcached(fixtures.Fixture):
    def __init__(self, test):
        super().__init__()
        self.test = test

    def _setUp(self):
        binary = shutil.which("memcached")
        if binary is None:
            services.unavailable(self.test, "memcached",
                                 "no memcached binary (apt install memcached)")
        workdir = self.useFixture(fixtures.TempDir()).path
        self.port = processes.free_port()
        self.server = "127.0.0.1:%d" % self.port
        self.useFixture(processes.ServiceProcess(
            self.test, "memcached",
            [binary, "-l", "127.0.0.1", "-p", str(self.port), "-U", "0",
             "-u", "nobody", "-m", "16"], workdir))
        processes.wait_for(self.stats, 20, what="memcached on %s" %
                           self.server)

    def stats(self):
        """memcached's `stats` as a dict of ints (where numeric)."""
        with socket.create_connection(("127.0.0.1", self.port), 2) as s:
            s.sendall(b"stats\r\n")
            data = b""
            while not data.endswith(b"END\r\n"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        out = {}
        for line in data.decode().splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "STAT":
                out[parts[1]] = int(parts[2]) if parts[2].isdigit() else (
                    parts[2])
        return out
