"""The status sync against the local cloud with 1, 100 and 1,000
in-progress clusters: cycle duration, Heat calls and DB statements.

The stacks are small ones created directly in the local Heat (one
resource that stays CREATE_IN_PROGRESS thanks to a `hang` fault), the
rows are written straight into a migrated SQLite file: what is measured
is the sync, not cluster creation. Two cycles per size: a steady one
(nothing changed) and one where every stack completed (outputs read and
one write per cluster).

    python -m tests.benchmarks.bench_status_sync
"""

import tempfile
import time

from heatclient import client as heat_client
from keystoneauth1 import loading as ks_loading
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from oslo_config import fixture as config_fixture
import sqlalchemy as sa

from magnum_like.common import clients
from magnum_like.conductor import status_sync
from magnum_like.db import clusters as db_clusters
from magnum_like.db import migration
from magnum_like.db import session
from magnum_like.localcloud.service import LocalCloud
from tests import base

SIZES = (1, 100, 1000)
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


class _Counter:
    def __init__(self, manager):
        self._manager, self.calls = manager, 0

    def __getattr__(self, name):
        method = getattr(self._manager, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return method(*args, **kwargs)
        return counted


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


def _insert(template_uuid, stack_ids, ng_status):
    """In-progress clusters; nodegroups already at `ng_status`."""
    with session.writer() as s:
        s.execute(sa.text("DELETE FROM nodegroup"))
        s.execute(sa.text("DELETE FROM cluster"))
    for i, stack_id in enumerate(stack_ids):
        ng = dict(node_count=1, is_default=True, status=ng_status,
                  stack_id=stack_id)
        db_clusters.create_with_nodegroups(
            dict(name="bench-%d" % i, project_id="demo",
                 cluster_template_id=template_uuid,
                 status="CREATE_IN_PROGRESS", stack_id=stack_id),
            [dict(ng, name="default-master", role="master"),
             dict(ng, name="default-worker", role="worker")])


def _cycle():
    stacks = status_sync.service_stacks()
    counter = _Counter(stacks._stacks)
    stacks._stacks = counter
    statements = []

    def before(conn, cursor, statement, *args):
        if statement.split()[0].upper() not in ("BEGIN", "COMMIT"):
            statements.append(statement)
    engine = session.get_engine()
    sa.event.listen(engine, "before_cursor_execute", before)
    t0 = time.perf_counter()
    try:
        stats = status_sync.sync("bench", heat=stacks)
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)
    return time.perf_counter() - t0, counter.calls, len(statements), stats


def main():
    from magnum_like.db import cluster_templates
    workdir = tempfile.mkdtemp(prefix="bench-sync-")
    conf_fixture = config_fixture.Config(base.CONF)
    conf_fixture.setUp()
    cloud = LocalCloud(heat_profile="fast")
    cloud.start()
    try:
        _configure(conf_fixture, cloud, workdir)
        template = cluster_templates.create(dict(
            name="bench", coe="kubernetes", server_type="vm",
            cluster_distro="fedora-coreos", tls_disabled=False,
            floating_ip_enabled=True))
        heat = _demo_heat(cloud)
        print("status sync over in-progress clusters (steady: nothing "
              "changed; completing: every stack reached CREATE_COMPLETE)")
        stack_ids = []
        for size in SIZES:
            stack_ids += _create_stacks(heat, len(stack_ids),
                                        size - len(stack_ids))
            _insert(template.uuid, stack_ids, "CREATE_COMPLETE")
            steady = _cycle()
            _insert(template.uuid, stack_ids, "CREATE_IN_PROGRESS")
            completing = _cycle()
            print("  %5d clusters: steady %7.3f s, %4d Heat calls, %4d DB "
                  "statements | completing %7.3f s, %4d Heat calls, %5d "
                  "DB statements" % (
                      size, steady[0], steady[1], steady[2],
                      completing[0], completing[1], completing[2]))
            assert steady[3].changed == 0, steady[3]
            assert completing[3].changed == size, completing[3]
    finally:
        cloud.stop()
        conf_fixture.cleanUp()


if __name__ == "__main__":
    main()
