"""The status sync against the local cloud: cycle duration, Heat calls
and DB statements.

Part 1, a Heat whose operator granted stacks:global_index (the sync's
global mode), with 1, 100 and 1,000 in-progress clusters. Part 2, Heat's
default policy (global_index denied: the per-project mode through each
project's cluster trusts), with 1, 50 and 500 clusters, all in one
project and spread over 10 projects.

The stacks are small ones created directly in the local Heat, the rows
are written straight into a migrated SQLite file: what is measured is
the sync, not cluster creation. Two cycles per size: a steady one
(nothing changed) and one where every stack completed (outputs read and
one write per cluster). Heat calls count every request the sync makes
to Heat (service and trust clients); the first cycle under the default
policy also pays the refused global list.

    python -m tests.benchmarks.bench_status_sync [granted|default]
"""

import base64
import logging
import sys
import tempfile
import time

from heatclient import client as heat_client
from keystoneauth1 import loading as ks_loading
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from oslo_config import fixture as config_fixture
import sqlalchemy as sa

from magnum_like.common import clients
from magnum_like.common import crypto
from magnum_like.conductor import status_sync
from magnum_like.db import clusters as db_clusters
from magnum_like.db import migration
from magnum_like.db import session
from magnum_like.drivers.heat import stack_listing
from magnum_like.localcloud.service import LocalCloud
from tests import base

SIZES = (1, 100, 1000)
DEFAULT_POLICY_SIZES = (1, 50, 500)
TEMPLATE = """
heat_template_version: 2018-08-31
resources:
  slow:
    type: OS::Heat::None
outputs:
  api_address:
    value: 192.0.2.10
  kube_masters:
    value: [192.0.2.10]
  kube_minions:
    value: [192.0.2.11]
"""


def _configure(conf_fixture, cloud, workdir):
    base.parse_empty_command_line()
    creds = cloud.credentials("magnum-like")
    conf_fixture.register_opts(
        ks_loading.get_auth_plugin_conf_options("password"),
        group="keystone_auth")
    conf_fixture.config(auth_type="password", group="keystone_auth")
    for key in ("auth_url", "username", "password", "project_name",
                "user_domain_name", "project_domain_name"):
        conf_fixture.config(group="keystone_auth", **{key: creds[key]})
    conf_fixture.config(connection="sqlite:///%s/bench.sqlite" % workdir,
                        group="database")
    conf_fixture.config(encryption_key=base64.urlsafe_b64encode(
        b"b" * 32).decode(), group="certificates")
    clients.reset()
    session.reset()
    migration.upgrade("head")


def _demo_heat(cloud):
    auth = v3.Password(**cloud.credentials("demo"))
    return heat_client.Client("1", session=ks_session.Session(auth=auth))


def _create_stacks(heat, start, count):
    ids = [heat.stacks.create(stack_name="bench-%d" % i,
                              template=TEMPLATE)["stack"]["id"]
           for i in range(start, start + count)]
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        done = {s.id for s in heat.stacks.list()
                if s.stack_status == "CREATE_COMPLETE"}
        if done >= set(ids):
            return ids
        time.sleep(0.2)
    raise AssertionError("stacks did not complete")


def _insert(template_uuid, stack_ids, ng_status, owners=None):
    """In-progress clusters; nodegroups already at `ng_status`.
    `owners`: per stack, the cluster's (project id, trust fields)."""
    with session.writer() as s:
        s.execute(sa.text("DELETE FROM nodegroup"))
        s.execute(sa.text("DELETE FROM cluster"))
    for i, stack_id in enumerate(stack_ids):
        ng = dict(node_count=1, is_default=True, status=ng_status,
                  stack_id=stack_id)
        project, trust = owners[i] if owners else ("demo", {})
        db_clusters.create_with_nodegroups(
            dict(name="bench-%d" % i, project_id=project,
                 cluster_template_id=template_uuid,
                 status="CREATE_IN_PROGRESS", stack_id=stack_id, **trust),
            [dict(ng, name="default-master", role="master"),
             dict(ng, name="default-worker", role="worker")])


class _HeatRequests(logging.Handler):
    """Counts the HTTP requests the local cloud's Heat answers (its
    dispatcher logs each one at DEBUG)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record):
        args = record.args or ()
        if len(args) > 1 and str(args[1]).startswith("/heat-api"):
            self.count += 1


def _cycle():
    counter = _HeatRequests()
    log = logging.getLogger("magnum_like.localcloud.wsgi.dispatcher")
    log.addHandler(counter)
    level, propagate = log.level, log.propagate
    log.setLevel(logging.DEBUG)
    log.propagate = False
    statements = []

    def before(conn, cursor, statement, *args):
        if statement.split()[0].upper() not in ("BEGIN", "COMMIT"):
            statements.append(statement)
    engine = session.get_engine()
    sa.event.listen(engine, "before_cursor_execute", before)
    t0 = time.perf_counter()
    try:
        stats = status_sync.sync("bench")
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)
        log.removeHandler(counter)
        log.setLevel(level)
        log.propagate = propagate
    return time.perf_counter() - t0, counter.count, len(statements), stats


def _measure(label, template_uuid, stack_ids, owners=None):
    """A first cycle (the listing mode is chosen: under the default
    policy it pays the refused global list), then the steady and the
    completing cycles."""
    stack_listing.reset()
    _insert(template_uuid, stack_ids, "CREATE_COMPLETE", owners)
    first = _cycle()
    steady = _cycle()
    _insert(template_uuid, stack_ids, "CREATE_IN_PROGRESS", owners)
    completing = _cycle()
    print("  %-24s first %4d Heat calls | steady %7.3f s, %4d Heat calls, "
          "%4d DB statements | completing %7.3f s, %4d Heat calls, %5d DB "
          "statements  [mode %s]" % (
              label, first[1], steady[0], steady[1], steady[2],
              completing[0], completing[1], completing[2],
              stack_listing.lister().mode))
    assert steady[3].changed == 0, steady[3]
    assert completing[3].changed == len(stack_ids), completing[3]


def _trusts(cloud, projects):
    """Per project: its id and the trust fields of a cluster of it (a
    trustee of the project's owner, as the conductor makes them)."""
    identity = cloud.world.identity
    owner = identity.find_user("demo", "default")["id"]
    out = []
    for name in projects:
        try:
            project = identity.find_project(name)["id"]
        except Exception:  # noqa: BLE001 - created on first use
            project = identity.create_project(name)["id"]
            identity.grant_role("member", owner, project_id=project)
        trustee = identity.create_user("trustee-" + name,
                                       password="trustee-pw")["id"]
        trust = identity.create_trust(owner, trustee, project, ["member"],
                                      impersonation=True)["id"]
        out.append((project, dict(
            trustee_user_id=trustee, trust_id=trust,
            trustee_password=crypto.encrypt("trustee-pw"))))
    return out


def _heat_for(cloud, project):
    auth = v3.Password(**cloud.credentials("demo", project_name=project))
    return heat_client.Client("1", session=ks_session.Session(auth=auth))


def _granted(template_uuid, heat):
    print("Heat policy grants stacks:global_index (global mode)")
    stack_ids = []
    for size in SIZES:
        stack_ids += _create_stacks(heat, len(stack_ids),
                                    size - len(stack_ids))
        _measure("%5d clusters" % size, template_uuid, stack_ids)


def _default_policy(cloud, template_uuid):
    print("Heat's default policy: stacks:global_index denied "
          "(per-project mode)")
    names = ["bench-p%d" % i for i in range(10)]
    trusts = _trusts(cloud, names)
    stacks = {name: [] for name in names}
    for size in DEFAULT_POLICY_SIZES:
        for spread in (1, 10):
            per = -(-size // spread)
            ids, owners = [], []
            for p in range(spread):
                want = min(per, size - len(ids))
                if want <= 0:
                    break
                have = stacks[names[p]]
                have += _create_stacks(_heat_for(cloud, names[p]),
                                       len(have), want - len(have)) \
                    if len(have) < want else []
                ids += have[:want]
                owners += [trusts[p]] * want
            projects = len({o[0] for o in owners})
            if spread > 1 and projects == 1:
                continue        # the same as the one-project run
            _measure("%5d clusters, %2d project%s" % (
                size, projects, "s" if projects > 1 else " "),
                template_uuid, ids, owners)


def main():
    from magnum_like.db import cluster_templates
    workdir = tempfile.mkdtemp(prefix="bench-sync-")
    conf_fixture = config_fixture.Config(base.CONF)
    conf_fixture.setUp()
    runs = (({"heat_allow_global_index": True}, "granted"),
            ({}, "default"))
    only = sys.argv[1:]
    for settings, run in runs:
        if only and run not in only:
            continue
        cloud = LocalCloud(heat_profile="fast", settings=settings)
        cloud.start()
        try:
            _configure(conf_fixture, cloud, workdir)
            stack_listing.reset()
            template = cluster_templates.create(dict(
                name="bench", coe="kubernetes", server_type="vm",
                cluster_distro="fedora-coreos", tls_disabled=False,
                floating_ip_enabled=True))
            if run == "granted":
                _granted(template.uuid, _demo_heat(cloud))
            else:
                _default_policy(cloud, template.uuid)
        finally:
            cloud.stop()
    conf_fixture.cleanUp()


if __name__ == "__main__":
    main()
