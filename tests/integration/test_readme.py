"""README's quick start, restart and --noauth paths, run as written.

The commands are read from README.rst's literal blocks. Only what a test
must change is changed: ``~/.magnum-like-venv`` is this test's venv,
``HOME`` is a temporary folder (so ``~/.magnum-like`` is fresh), the
ports are free ones (given as oslo.config's ``OS_API__PORT`` and
``OS_LOCALCLOUD__PORT`` variables; the one URL naming port 9511 gets the
free port), and Ctrl-C is SIGINT."""

import os
import signal
import subprocess
import sys

import fixtures
from testtools import content

from tests import base
from tests.integration import processes

README = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "README.rst")


def section(title):
    """The text of README's section `title` (up to the next title)."""
    with open(README) as f:
        lines = f.read().splitlines()
    start = lines.index(title) + 2
    end = len(lines)
    for index in range(start, len(lines) - 1):
        underline = lines[index + 1]
        if lines[index] and underline and set(underline) <= set("=-~") \
                and len(underline) >= len(lines[index]):
            end = index
            break
    return "\n".join(lines[start:end])


def blocks(text):
    """The literal blocks (after "::") of `text`, as lists of lines."""
    found, current, inside = [], None, False
    for line in text.splitlines():
        if line.rstrip().endswith("::"):
            inside, current = True, []
            found.append(current)
        elif inside and line.startswith("    "):
            current.append(line[4:])
        elif inside and line.strip() and current:
            inside = False
    return [b for b in found if b]


class TestReadme(base.TestCase):
    def setUp(self):
        super().setUp()
        self.home = self.useFixture(fixtures.TempDir()).path
        self.api_port = processes.free_port()
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith("OS_")}
        self.env.update(HOME=self.home, SHELL="/bin/sh",
                        OS_API__PORT=str(self.api_port),
                        OS_LOCALCLOUD__PORT=str(processes.free_port()))
        self.aio = None
        self.runs = 0

    def as_here(self, command):
        return (command.replace("~/.magnum-like-venv", sys.prefix)
                .replace("127.0.0.1:9511", "127.0.0.1:%d" % self.api_port))

    def start_aio(self, command):
        self.runs += 1
        log = open(os.path.join(self.home, "aio-%d.log" % self.runs), "w")
        self.aio = subprocess.Popen(
            ["bash", "-c", "exec " + self.as_here(command)], stdout=log,
            stderr=subprocess.STDOUT, env=self.env, cwd=self.home,
            start_new_session=True)
        log.close()
        self.addCleanup(self._kill, self.aio)
        try:
            processes.wait_for(lambda: "is running" in self._log() or
                               self.aio.poll() is not None, 60,
                               what="the all-in-one banner")
        finally:
            self.addDetail("aio-%d" % self.runs, content.text_content(
                self._log()[-5000:]))
        self.assertIn("is running", self._log())

    def _log(self):
        with open(os.path.join(self.home, "aio-%d.log" % self.runs)) as f:
            return f.read()

    def _kill(self, proc):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)

    def ctrl_c(self):
        os.killpg(self.aio.pid, signal.SIGINT)
        self.assertEqual(0, self.aio.wait(30))

    def run_line(self, line, preamble=()):
        script = "\n".join(["set -e"] + [self.as_here(p) for p in preamble]
                           + [self.as_here(line)])
        run = subprocess.run(["bash", "-c", script], capture_output=True,
                             text=True, env=self.env, cwd=self.home,
                             timeout=120)
        self.assertEqual(0, run.returncode, "%s\n%s%s" % (line, run.stdout,
                                                         run.stderr))
        return run.stdout

    def until(self, line, preamble, predicate, what):
        processes.wait_for(lambda: predicate(self.run_line(line, preamble)),
                           120, interval=1, what=what)

    def test_quick_start_restart_and_noauth(self):
        quick = blocks(section("Quick start"))[0][0]
        self.start_aio(quick.split("&&")[-1].strip())

        using = blocks(section("Using the all-in-one"))
        preamble = [line for line in using[0]
                    if line.startswith(("source ", "export "))]
        for line in using[0][len(preamble):]:
            self.run_line(line, preamble)

        first, after_restart = blocks(section(
            "A first cluster, and a restart"))
        for line in first:
            if "coe cluster show" in line:
                self.until(line, preamble, lambda out: "CREATE_COMPLETE"
                           in out, "the cluster built")
            else:
                self.run_line(line, preamble)
        kubeconfig = os.path.join(self.home, "k1", "config")
        self.assertEqual(0o600, os.stat(kubeconfig).st_mode & 0o777)
        with open(kubeconfig) as f:
            self.assertIn("client-key-data", f.read())

        self.ctrl_c()
        self.start_aio(quick.split("&&")[-1].strip())
        listed = self.run_line(after_restart[0], preamble)
        self.assertIn("k1", listed)
        self.run_line(after_restart[1], preamble)
        self.until(after_restart[0], preamble,
                   lambda out: "k1" not in out, "k1 deleted")
        self.run_line(after_restart[2], preamble)

        self.ctrl_c()
        self.start_aio(using[1][0])
        out = self.run_line(using[2][0], preamble=[
            line for line in preamble if line.startswith("source ")])
        self.assertIn("magnum-conductor", out)
        self.assertIn("up", out)
