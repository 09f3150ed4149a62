"""Run the magnum-tempest-plugin API tests in the tempest venv against a
ConformanceCloud and read their subunit results."""

import io
import os
import re
import subprocess

import subunit
import testtools

from tests.conformance import tempest_venv
from tests.integration import processes
from tests.integration import real_keystone

SUITE = "magnum_tempest_plugin.tests.api"
# What the emulated cloud offers for the suite's cluster templates.
MAGNUM_OPTIONS = {"image_id": "fedora-coreos-40", "nic_id": "public",
                  "flavor_id": "ds2G", "master_flavor_id": "ds2G",
                  "keypair_name": "magnum-test", "copy_logs": "false",
                  "copy_logs_success": "false",
                  "cluster_creation_timeout": "1",
                  "cluster_delete_timeout": "2"}


def write_config(workdir, auth_url):
    sections = {
        "DEFAULT": {"log_file": os.path.join(workdir, "tempest.log")},
        "oslo_concurrency": {"lock_path": os.path.join(workdir, "locks")},
        "auth": {"use_dynamic_credentials": "true",
                 "create_isolated_networks": "false",
                 "admin_username": "admin",
                 "admin_password": real_keystone.ADMIN_PASSWORD,
                 "admin_project_name": "admin",
                 "admin_domain_name": "Default"},
        "identity": {"uri_v3": auth_url, "auth_version": "v3",
                     "region": "RegionOne", "v3_endpoint_type": "public"},
        "identity-feature-enabled": {"api_v2": "false"},
        "service_available": {"magnum": "true", "nova": "true",
                              "glance": "true", "neutron": "false",
                              "cinder": "false", "swift": "false"},
        "magnum": MAGNUM_OPTIONS,
        # The suite's RBAC half (project admin, member and reader).
        "enforce_scope": {"magnum": "true"},
    }
    return processes.write_config(os.path.join(workdir, "tempest.conf"),
                                  sections)


def run(workdir, auth_url, timeout=1200, concurrency=2, filters=()):
    """Run the suite; returns (results {test id: status}, raw output of
    stderr). Statuses are subunit's: success, fail, skip, ..."""
    python = tempest_venv.ensure()
    config = write_config(workdir, auth_url)
    site = subprocess.run(
        [python, "-c", "import magnum_tempest_plugin, os; print(os.path."
         "dirname(os.path.dirname(magnum_tempest_plugin.__file__)))"],
        check=True, capture_output=True, text=True).stdout.strip()
    env = dict(os.environ, TEMPEST_CONFIG_DIR=workdir,
               TEMPEST_CONFIG=os.path.basename(config))
    start = os.path.join(site, *SUITE.split("."))
    # stestr (a tempest dependency), a class per worker: setUpClass
    # runs once per class, as under `tempest run`.
    proc = subprocess.run(
        [python, "-m", "stestr", "--test-path", start, "--top-dir", site,
         "--group-regex", r"([^\.]*\.)*", "run", "--concurrency",
         str(concurrency), "--subunit"] + list(filters),
        capture_output=True, env=env, cwd=workdir, timeout=timeout)
    return parse(proc.stdout), proc.stderr.decode(errors="replace")


_ATTRS = re.compile(r"\[[^\]]*\]$")


def short_id(test_id):
    """The test id without tempest's ``[id-...,attr]`` suffix."""
    return _ATTRS.sub("", test_id)


def parse(stream_bytes):
    """{short test id: (status, traceback text)} of a subunit v2 stream;
    a failed setUpClass shows as its own id."""
    results = {}

    def collect(test):
        if test["status"] in ("exists", "inprogress"):
            return
        details = test["details"]
        text = ""
        if "traceback" in details:
            text = details["traceback"].as_text()
        results[short_id(test["id"])] = (test["status"], text)

    stream = subunit.ByteStreamToStreamResult(
        io.BytesIO(stream_bytes), non_subunit_name="stdout")
    result = testtools.StreamToDict(collect)
    result.startTestRun()
    stream.run(result)
    result.stopTestRun()
    return results
