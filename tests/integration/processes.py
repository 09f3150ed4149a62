"""Real service processes for integration tests: config, start, wait,
stop, and their logs attached to the test on failure."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import fixtures
from testtools import content

BIN = os.path.dirname(sys.executable)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(path, sections):
    with open(path, "w") as f:
        for section, values in sections.items():
            f.write("[%s]\n" % section)
            for key, value in values.items():
                f.write("%s = %s\n" % (key, value))
            f.write("\n")
    return path


def wait_for(predicate, timeout, interval=0.25, what="condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as e:  # keep polling until the deadline
            last = e
        time.sleep(interval)
    raise AssertionError("timed out after %ss waiting for %s (last: %r)" %
                         (timeout, what, last))


def http_ok(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


class ServiceProcess(fixtures.Fixture):
    """One console-script process with its output in a log file."""

    def __init__(self, test, name, argv, workdir, env=None):
        super().__init__()
        self.test = test
        self.name = name
        self.argv = argv
        self.workdir = workdir
        self.env = env
        self.proc = None
        self.log_path = os.path.join(workdir, "%s.log" % name)

    def _setUp(self):
        self.start()
        self.addCleanup(self.stop)
        self.test.addOnException(self._attach_log)

    def start(self):
        env = dict(os.environ)
        env.update(self.env or {})
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [os.path.join(BIN, self.argv[0])] + list(self.argv[1:]),
            stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir,
            env=env, start_new_session=True)
        log.close()

    def signal(self, signum):
        os.killpg(self.proc.pid, signum)

    def kill(self):
        """kill -9, the whole process group (gunicorn workers too)."""
        if self.proc and self.proc.poll() is None:
            self.signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self, timeout=20):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def _attach_log(self, exc_info):
        self.test.addDetail("%s-log" % self.name,
                            content.text_content(self.log()[-20000:]))


class CommandFailed(AssertionError):
    def __init__(self, args, run):
        super().__init__("openstack %s failed (%s): %s %s" % (
            " ".join(_masked(list(args))), run.returncode, run.stdout,
            run.stderr))
        self.returncode = run.returncode
        self.stdout = run.stdout
        self.stderr = run.stderr


# magnumclient's `coe cluster config` picks csh or sh syntax from
# os.environ["SHELL"] and fails with KeyError 'SHELL' where it is unset
# (as under CI); the tests must not depend on the caller's environment.
CLI_ENV = {"SHELL": "/bin/sh"}


def _masked(args):
    """`args` with the value after --os-token hidden."""
    return ["***" if i and args[i - 1] == "--os-token" else a
            for i, a in enumerate(args)]


def openstack(args, env=None, timeout=60, json_output=True):
    """Run the real `openstack` CLI; returns parsed JSON output (the
    plain output when `json_output` is false). Raises CommandFailed."""
    argv = [os.path.join(BIN, "openstack")] + list(args)
    if json_output:
        argv += ["-f", "json"]
    run = subprocess.run(
        argv, capture_output=True, text=True, timeout=timeout,
        env=dict(os.environ, **CLI_ENV, **(env or {})))
    if run.returncode != 0:
        raise CommandFailed(args, run)
    return _json_part(run.stdout) if json_output else run.stdout


def _json_part(stdout):
    """The JSON document of the output; some commands print a line such
    as "Request to create ... accepted" before it."""
    lines = stdout.splitlines()
    for index, line in enumerate(lines):
        if line.startswith(("{", "[")):
            return json.loads("\n".join(lines[index:]))
    return json.loads(stdout)
