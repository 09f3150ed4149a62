"""A private RabbitMQ node for one test: its own node name, ports,
database, logs and pid file in a temporary directory, so that the test
may stop and restart it without disturbing the shared broker (or the
tests running against it).

`rabbitmq-server` drops to the `rabbitmq` user when started as root, so
the directory is given to that user. The Erlang cookie is the shared one.
Under CI=true a node that cannot start fails the test (services.
unavailable); elsewhere the test is skipped (`private_rabbit`).
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

import fixtures
from testtools import content

from tests.integration import processes
from tests.integration import services

START_TIMEOUT = 90
BASE_DIR = os.environ.get("MAGNUM_LIKE_TEST_RABBIT_DIR", "/tmp")


class NotStarted(Exception):
    pass


def private_rabbit(test):
    """A started PrivateRabbit used by `test`, or the test skipped
    (failed under CI=true) naming why it could not start."""
    fixture = PrivateRabbit(test)
    try:
        return test.useFixture(fixture)
    except Exception as e:  # fixtures wraps what _setUp raised
        services.unavailable(test, "private RabbitMQ node",
                             str(fixture.error or e))


def _tcp_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


def _give_to_rabbitmq(path):
    """rabbitmq-server started as root runs as the rabbitmq user."""
    if os.geteuid() == 0:
        try:
            shutil.chown(path, "rabbitmq", "rabbitmq")
        except LookupError:
            pass


class PrivateRabbit(fixtures.Fixture):
    def __init__(self, test):
        super().__init__()
        self.test = test
        self.start_seconds = []
        self.error = None

    def _setUp(self):
        server = shutil.which("rabbitmq-server")
        self.ctl = shutil.which("rabbitmqctl")
        if not server or not self.ctl:
            self.error = "rabbitmq-server/rabbitmqctl not found"
            raise NotStarted(self.error)
        self.server = server
        # Not under the test's TMPDIR, which the rabbitmq user may not
        # traverse.
        self.dir = tempfile.mkdtemp(prefix="ml-rabbit-", dir=BASE_DIR)
        self.addCleanup(shutil.rmtree, self.dir, True)
        _give_to_rabbitmq(self.dir)
        self.node = "ml%s@localhost" % uuid.uuid4().hex[:10]
        self.port = processes.free_port()
        plugins = os.path.join(self.dir, "enabled_plugins")
        with open(plugins, "w") as f:
            f.write("[].\n")
        config = os.path.join(self.dir, "rabbitmq")
        with open(config + ".conf", "w") as f:
            f.write("listeners.tcp.default = 127.0.0.1:%d\n" % self.port)
        self.env = dict(
            os.environ, RABBITMQ_NODENAME=self.node,
            RABBITMQ_NODE_PORT=str(self.port),
            RABBITMQ_NODE_IP_ADDRESS="127.0.0.1",
            RABBITMQ_DIST_PORT=str(processes.free_port()),
            RABBITMQ_MNESIA_BASE=os.path.join(self.dir, "mnesia"),
            RABBITMQ_LOG_BASE=os.path.join(self.dir, "log"),
            RABBITMQ_PID_FILE=os.path.join(self.dir, "node.pid"),
            RABBITMQ_ENABLED_PLUGINS_FILE=plugins,
            RABBITMQ_CONFIG_FILE=config,
            RABBITMQ_ADVANCED_CONFIG_FILE=os.path.join(
                self.dir, "advanced.config"),
            ERL_CRASH_DUMP=os.path.join(self.dir, "erl_crash.dump"))
        self.url = "rabbit://guest:guest@127.0.0.1:%d/" % self.port
        self.addCleanup(self._attach_log)
        self.addCleanup(self.stop)
        try:
            self.start()
        except (AssertionError, OSError,
                subprocess.TimeoutExpired) as e:
            self.error = str(e)
            raise NotStarted(self.error)

    def _ctl(self, *args, timeout=60):
        return subprocess.run([self.ctl, "-n", self.node] + list(args),
                              env=self.env, capture_output=True,
                              text=True, timeout=timeout)

    def start(self):
        """Start the node and wait until it accepts AMQP connections;
        the seconds it took are appended to `start_seconds`."""
        began = time.monotonic()
        out = open(os.path.join(self.dir, "server.out"), "a")
        self.process = subprocess.Popen(
            [self.server], env=self.env, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True)
        out.close()
        self.pid_file = self.env["RABBITMQ_PID_FILE"]
        result = self._ctl("wait", "--timeout", str(START_TIMEOUT),
                           self.pid_file, timeout=START_TIMEOUT + 10)
        if result.returncode != 0 or self.process.poll() is not None:
            raise AssertionError("node %s did not start: %s" % (
                self.node, (result.stdout + result.stderr)[-500:]))
        processes.wait_for(
            lambda: _tcp_open(self.port), 30,
            what="AMQP port %d of %s" % (self.port, self.node))
        self.start_seconds.append(time.monotonic() - began)

    def stop(self):
        if getattr(self, "process", None) is None:
            return
        self._ctl("stop", timeout=60)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def restart(self):
        self.stop()
        self.start()

    def _attach_log(self):
        log_dir = self.env["RABBITMQ_LOG_BASE"]
        if not os.path.isdir(log_dir):
            return
        for name in sorted(os.listdir(log_dir)):
            path = os.path.join(log_dir, name)
            if os.path.isfile(path):
                self.test.addDetail(
                    "rabbit-" + name,
                    content.text_content(
                        open(path, errors="replace").read()[-20000:]))
