"""The real conductor service with a real local cloud, over fake://
and a migrated SQLite file. Clusters are created the way the API does:
rows with db.clusters.create_with_nodegroups (or begin_operation), then
a cast through rpcapi."""

import os
import time

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

from magnum_like.common import cert_manager
from magnum_like.common import context as ml_context
from magnum_like.common import statuses
from magnum_like.conductor import rpcapi
from magnum_like.conductor import service as conductor_service
from magnum_like.db import cluster_templates as db_templates
from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db_nodegroups
from magnum_like.drivers import registry
from tests import base
from tests.functional import cloud


class ConductorCloudTestCase(cloud.CloudTestCase):
    start_periodic = True

    def configure(self):
        super().configure()
        for key, value in base.TRUST_OPTIONS.items():
            self.config(group="trust", **{key: value})
        self.config(periodic_interval=1, periodic_enable=self.start_periodic)
        self.config(pre_delete_lb_timeout=5, group="cluster")
        # A snapshot of the templates, while they are being reworked.
        path = os.environ.get("MAGNUM_LIKE_TEST_TEMPLATE_PATH")
        if path:
            self.config(template_path=path, group="drivers")
        cert_manager.reset()
        registry.reset()
        self.addCleanup(cert_manager.reset)
        self.conductor = conductor_service.ConductorService(
            host="conductor-a")
        self.conductor.start()
        self.addCleanup(self.conductor.stop)
        self.rpc = rpcapi.ConductorAPI(timeout=60)

    # -- the caller --------------------------------------------------------
    def caller(self, username="demo", project="demo"):
        """A context like the API's: the caller's real token."""
        creds = self.cloud.credentials(username, project_name=project)
        auth = v3.Password(**creds)
        sess = ks_session.Session(auth=auth)
        access = auth.get_access(sess)
        return ml_context.RequestContext(
            auth_token=access.auth_token, user_id=access.user_id,
            project_id=access.project_id, user_name=username,
            roles=list(access.role_names))

    # -- rows as the API writes them ---------------------------------------
    def make_template(self, ctx, **overrides):
        values = dict(
            name="k8s", project_id=ctx.project_id, user_id=ctx.user_id,
            image_id="fedora-coreos-40", flavor_id="m1.small",
            master_flavor_id="m1.medium", keypair_id="default",
            external_network_id="public", network_driver="flannel",
            docker_storage_driver="overlay2", cluster_distro="fedora-coreos",
            coe="kubernetes", server_type="vm", tls_disabled=False,
            public=False, master_lb_enabled=False, floating_ip_enabled=True,
            hidden=False, labels={"kube_tag": "v1.30.4"})
        values.update(overrides)
        return db_templates.create(values)

    def make_cluster(self, ctx, template, name="c1", masters=1, workers=1,
                     **overrides):
        values = dict(
            name=name, project_id=ctx.project_id, user_id=ctx.user_id,
            cluster_template_id=template.uuid, keypair="default",
            labels=dict(template.labels or {}), create_timeout=60,
            status="CREATE_IN_PROGRESS", floating_ip_enabled=True,
            master_lb_enabled=False,
            pending_operation=db_clusters.pending("create"))
        values.update(overrides)
        return db_clusters.create_with_nodegroups(values, [
            dict(name="default-master", role="master", node_count=masters,
                 is_default=True, status="CREATE_IN_PROGRESS",
                 image_id=template.image_id,
                 flavor_id=template.master_flavor_id),
            dict(name="default-worker", role="worker", node_count=workers,
                 is_default=True, status="CREATE_IN_PROGRESS",
                 image_id=template.image_id, flavor_id=template.flavor_id,
                 min_node_count=0)])

    def create_cluster(self, ctx, name="c1", **kwargs):
        template = kwargs.pop("template", None) or self.make_template(ctx)
        row = self.make_cluster(ctx, template, name=name, **kwargs)
        self.rpc.cluster_create(ctx, row.uuid)
        return self.wait_for(row.uuid, "CREATE_COMPLETE")

    def begin_resize(self, uuid, node_count):
        """Record a resize of the default worker as the API does; returns
        the worker nodegroup (as it was)."""
        worker = self.nodegroups(uuid)["default-worker"]
        db_clusters.begin_operation(
            uuid, "resize", statuses.RESIZE_ALLOWED,
            statuses.UPDATE_IN_PROGRESS,
            nodegroup_changes={worker.uuid: {"node_count": node_count}},
            params={"nodegroup_uuid": worker.uuid,
                    "node_count": node_count})
        return worker

    # -- waiting -----------------------------------------------------------
    def wait_for(self, uuid, status, timeout=60):
        deadline = time.monotonic() + timeout
        row = None
        while time.monotonic() < deadline:
            try:
                row = db_clusters.get_by_uuid(uuid)
            except Exception:
                if status is None:
                    return None
                raise
            # Settled: the status, no pending operation, and the
            # conductor's lock released (it writes the status first).
            if status is not None and row.status == status and \
                    not db_clusters.is_pending(row) and \
                    row.reservation is None:
                return row
            if row.status.endswith("FAILED") and status != row.status:
                self.fail("cluster %s is %s: %s %s" % (
                    uuid, row.status, row.status_reason,
                    [(n.name, n.status_reason)
                     for n in self.nodegroups(uuid).values()]))
            time.sleep(0.1)
        self.fail("cluster %s did not reach %s: %s (%s)" % (
            uuid, status, row and row.status, row and row.status_reason))

    def nodegroups(self, uuid):
        return {ng.name: ng for ng in
                db_nodegroups.list_for_clusters([uuid])[uuid]}
