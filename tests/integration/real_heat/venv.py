"""The real-Heat venv: `.venvs/heat` under the repository root, built on
first use from pinned versions, under a file lock (stestr runs two
workers; `.ci/run` may prebuild it in the background)."""

import fcntl
import os
import subprocess

HEAT_VERSION = "27.0.1"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
VENV = os.path.join(ROOT, ".venvs", "heat")
CONSTRAINTS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "constraints.txt")
MARKER = os.path.join(VENV, ".built-openstack-heat-" + HEAT_VERSION)


def bin_path(name):
    return os.path.join(VENV, "bin", name)


def ensure_venv(timeout=1200):
    """Build the venv unless a complete one exists; its bin directory.
    Raises RuntimeError (with pip's output) when it cannot be built."""
    os.makedirs(os.path.dirname(VENV), exist_ok=True)
    with open(VENV + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(MARKER):
            return os.path.dirname(bin_path("python"))
        steps = (
            ["python3", "-m", "venv", "--clear", VENV],
            [bin_path("pip"), "install", "-q", "--disable-pip-version-check",
             "-c", CONSTRAINTS, "openstack-heat==" + HEAT_VERSION,
             "PyMySQL"],
        )
        for argv in steps:
            run = subprocess.run(argv, capture_output=True, text=True,
                                 timeout=timeout)
            if run.returncode != 0:
                raise RuntimeError("%s failed: %s%s" % (
                    " ".join(argv[:3]), run.stdout[-2000:],
                    run.stderr[-2000:]))
        with open(MARKER, "w") as f:
            f.write(HEAT_VERSION + "\n")
        return os.path.dirname(bin_path("python"))


if __name__ == "__main__":
    print(ensure_venv())
