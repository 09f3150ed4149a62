"""The tempest venv (`.venvs/tempest` under the repository root), built
on first use from `tempest-requirements.txt` under a file lock, so that
the two stestr workers (or `.ci/run`'s background prebuild) build it
once. A marker holding the requirements' hash says it is complete."""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.path.join(ROOT, ".venvs", "tempest")
REQUIREMENTS = os.path.join(HERE, "tempest-requirements.txt")
PYTHON = os.path.join(VENV, "bin", "python")


def _digest():
    with open(REQUIREMENTS, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _marker():
    return os.path.join(VENV, ".magnum-like-built")


def is_built():
    try:
        with open(_marker()) as f:
            return f.read().strip() == _digest()
    except OSError:
        return False


def ensure(log=None):
    """Build the venv unless a complete one exists; returns its python.
    Raises CalledProcessError (output included) when pip fails."""
    os.makedirs(os.path.dirname(VENV), exist_ok=True)
    with open(VENV + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_built():
            return PYTHON
        shutil.rmtree(VENV, ignore_errors=True)
        base = getattr(sys, "_base_executable", sys.executable)
        _run([base, "-m", "venv", VENV], log)
        _run([PYTHON, "-m", "pip", "install", "-q", "-r", REQUIREMENTS],
             log)
        with open(_marker(), "w") as f:
            f.write(_digest())
    return PYTHON


def _run(argv, log):
    run = subprocess.run(argv, capture_output=True, text=True)
    if log is not None:
        log.write(run.stdout + run.stderr)
    run.check_returncode()


if __name__ == "__main__":
    # `.ci/run` prebuilds the venv in the background with this.
    print(ensure(sys.stdout))
