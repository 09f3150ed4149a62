"""The operator commands as a newcomer meets them: `--help` says what
each program does; a missing config file or a port in use ends with one
line on stderr, no traceback; every command finds the all-in-one's
state folder by default."""

import os
import socket
import subprocess

import fixtures

from tests import base
from tests.integration import processes

TOOLS = {
    "magnum-like-db-manage": ["version"],
    "magnum-like-status": ["issued-certificates"],
    "magnum-like-driver-manage": ["list-drivers"],
    "magnum-like-localcloud": [],
    "magnum-like-api": [],
    "magnum-like-conductor": [],
    "magnum-like-all-in-one": [],
}
SAYS = {
    "magnum-like-db-manage": "database schema",
    "magnum-like-status": "certificates the API signed",
    "magnum-like-driver-manage": "cluster drivers",
    "magnum-like-localcloud": "emulated OpenStack cloud",
    "magnum-like-api": "REST API",
    "magnum-like-conductor": "drives clusters",
    "magnum-like-all-in-one": "in one process",
}


class TestOperatorTools(base.TestCase):
    def setUp(self):
        super().setUp()
        self.home = self.useFixture(fixtures.TempDir()).path

    def run_tool(self, tool, *args, timeout=60):
        env = dict(os.environ, HOME=self.home)
        return subprocess.run([os.path.join(processes.BIN, tool)] +
                              list(args), capture_output=True, text=True,
                              timeout=timeout, env=env,
                              stdin=subprocess.DEVNULL, cwd=self.home)

    def assertOneLineError(self, run, tool, *needles):
        """One line "tool: error: ..." names the problem (the services
        log their start on stderr too), and no traceback."""
        self.assertEqual(1, run.returncode, run.stdout + run.stderr)
        self.assertNotIn("Traceback", run.stderr)
        lines = [line for line in run.stderr.splitlines()
                 if line.startswith(tool + ": error: ")]
        self.assertEqual(1, len(lines), run.stderr)
        for needle in needles:
            self.assertIn(needle, lines[0])

    def test_help_says_what_each_program_does(self):
        for tool, phrase in SAYS.items():
            run = self.run_tool(tool, "--help")
            self.assertEqual(0, run.returncode, run.stderr)
            self.assertIn(phrase, " ".join(run.stdout.split()), tool)

    def test_missing_config_file_is_one_line(self):
        missing = os.path.join(self.home, "missing.conf")
        for tool, args in TOOLS.items():
            run = self.run_tool(tool, "--config-file", missing, *args)
            self.assertOneLineError(run, tool, missing)

    def _conf_with_port_in_use(self, section, listener):
        port = listener.getsockname()[1]
        return processes.write_config(
            os.path.join(self.home, "%s.conf" % section), {
                "DEFAULT": {"state_path": os.path.join(self.home, "st")},
                "api": {"port": processes.free_port()},
                "localcloud": {"port": processes.free_port()},
                section: {"port": port}}), port

    def test_port_in_use_is_one_line(self):
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen()
            for tool, section in (("magnum-like-api", "api"),
                                  ("magnum-like-localcloud", "localcloud"),
                                  ("magnum-like-all-in-one", "localcloud"),
                                  ("magnum-like-all-in-one", "api")):
                conf, port = self._conf_with_port_in_use(section, listener)
                run = self.run_tool(tool, "--config-file", conf)
                self.assertOneLineError(run, tool, "already in use",
                                        str(port))

    def test_tools_share_the_all_in_one_state_folder(self):
        run = self.run_tool("magnum-like-db-manage", "upgrade")
        self.assertEqual(0, run.returncode, run.stderr)
        self.assertTrue(os.path.exists(os.path.join(
            self.home, ".magnum-like", "magnum_like.sqlite")))
        run = self.run_tool("magnum-like-status", "issued-certificates")
        self.assertEqual(0, run.returncode, run.stderr)
        self.assertIn("serial", run.stdout)
