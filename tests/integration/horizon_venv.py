"""The Horizon venv of the browser tier: `.venvs/horizon` under the repo.

Built on first use from pinned versions (horizon-constraints.txt), under
a file lock so that parallel test workers (and the background prebuild of
`.ci/run`) build it once; rebuilt when its inputs change. Standard library
only, so that `python3 tests/integration/horizon_venv.py` can build it
before the test venv exists.

The working set: Horizon 26.0.0 + magnum-ui 19.0.0 +
python-magnumclient 4.11.0 (magnumclient 5 dropped an argument magnum-ui
19 passes; Horizon 27 changed the availability-zone field it reads).
"""

import fcntl
import glob
import hashlib
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.path.join(ROOT, ".venvs", "horizon")
LOCK = os.path.join(ROOT, ".venvs", "horizon.lock")
STAMP = os.path.join(VENV, "magnum-like-stamp")
CONSTRAINTS = os.path.join(HERE, "horizon-constraints.txt")
LOCAL_SETTINGS = os.path.join(HERE, "horizon_local_settings.py")
PACKAGES = ("horizon==26.0.0", "magnum-ui==19.0.0",
            "python-magnumclient==4.11.0")
# magnum-ui's dashboard panels: project (clusters, templates) and admin.
ENABLED = ("_1370_*.py", "_1371_*.py", "_1372_*.py", "_2370_*.py",
           "_2371_*.py")
PYTHON_VERSION = "python%d.%d" % sys.version_info[:2]


class BuildFailed(Exception):
    pass


def _inputs_digest():
    digest = hashlib.sha256()
    for path in (CONSTRAINTS, LOCAL_SETTINGS, os.path.abspath(__file__)):
        with open(path, "rb") as f:
            digest.update(f.read())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _site_packages(venv):
    return os.path.join(venv, "lib", PYTHON_VERSION, "site-packages")


def _run(args):
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode:
        raise BuildFailed("%s failed (%d): %s" % (
            " ".join(args[:4]), run.returncode,
            (run.stderr or run.stdout)[-3000:]))


def _build(digest):
    shutil.rmtree(VENV, ignore_errors=True)
    _run([getattr(sys, "_base_executable", sys.executable), "-m", "venv",
          VENV])
    _run([os.path.join(VENV, "bin", "pip"), "install", "-q",
          "--disable-pip-version-check", "-c", CONSTRAINTS] + list(PACKAGES))
    configure(VENV)
    with open(STAMP, "w") as f:
        f.write(digest)


def configure(venv):
    """Enable magnum-ui's panels and install the local settings in a
    venv holding Horizon and magnum-ui."""
    site = _site_packages(venv)
    enabled = os.path.join(site, "openstack_dashboard", "local", "enabled")
    for pattern in ENABLED:
        for path in glob.glob(os.path.join(site, "magnum_ui", "enabled",
                                           pattern)):
            shutil.copy(path, enabled)
    shutil.copy(LOCAL_SETTINGS, os.path.join(
        site, "openstack_dashboard", "local", "local_settings.py"))


def ensure():
    """The venv's path, built first if missing or stale.

    MAGNUM_LIKE_HORIZON_VENV names another venv to use instead (to try
    other versions): it is only configured, never built.
    """
    other = os.environ.get("MAGNUM_LIKE_HORIZON_VENV")
    if other:
        configure(other)
        return other
    os.makedirs(os.path.dirname(VENV), exist_ok=True)
    digest = _inputs_digest()
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with open(STAMP) as f:
                if f.read() == digest:
                    return VENV
        except OSError:
            pass
        _build(digest)
    return VENV


if __name__ == "__main__":
    try:
        print(ensure())
    except BuildFailed as e:
        sys.exit(str(e))
