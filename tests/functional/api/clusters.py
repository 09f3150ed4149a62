"""Helpers of the cluster, nodegroup, quota and stats functional tests:
a template to build on, clusters created through the API, and the
conductor's part (an operation finished) written straight to the rows.
"""

from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db_nodegroups
from tests.functional import base
from tests.functional.api import templates

URL = "/v1/clusters"
TEMPLATE_URL = templates.URL


def at(version, headers):
    """`headers` asking for microversion `version` ("1.9")."""
    return dict(headers, **{
        "OpenStack-API-Version": "container-infra %s" % version})


class ClusterTestCase(templates.TemplateTestCase):
    def setUp(self):
        super().setUp()
        self.admin = self.as_user("admin", roles="admin,member,reader")
        self.alt = self.as_user("alt_demo")
        self.template = self.make_template(name="k8s")

    def make_template(self, headers=None, **fields):
        body = dict(templates.BODIES["k8s_fedora_coreos_v1"])
        body.update({"flavor_id": "m1.small", "master_flavor_id": "ds2G",
                     "keypair_id": "default",
                     "external_network_id": "public"}, **fields)
        resp = self.request(TEMPLATE_URL, method="POST", body=body,
                            headers=headers or self.demo)
        self.assertEqual(201, resp.status_int, resp.text)
        return resp.json

    def post_cluster(self, headers=None, **fields):
        body = {"cluster_template_id": self.template["uuid"]}
        body.update(fields)
        return self.request(URL, method="POST", body=body,
                            headers=headers or self.demo)

    def create_cluster(self, headers=None, **fields):
        """POST a cluster; returns its full view (GET)."""
        resp = self.post_cluster(headers=headers, **fields)
        self.assertEqual(202, resp.status_int, resp.text)
        return self.get_cluster(resp.json["uuid"], headers=headers)

    def get_cluster(self, ident, headers=None, expect=200):
        return self.request("%s/%s" % (URL, ident), headers=headers or
                            self.demo, expect=expect).json

    def patch_cluster(self, ident, ops, headers=None, query=""):
        return self.request("%s/%s%s" % (URL, ident, query),
                            method="PATCH", body=ops,
                            headers=headers or self.demo)

    def complete(self, uuid, status="CREATE_COMPLETE", **values):
        """What the conductor does when an operation ends: the status,
        no pending operation, addresses."""
        values.setdefault("api_address", "https://172.24.4.9:6443")
        db_clusters.update(uuid, dict(values, status=status,
                                      pending_operation={}))
        for ng in db_nodegroups.list(uuid):
            db_nodegroups.update(ng.uuid, {"status": status})

    def ready_cluster(self, headers=None, **fields):
        """A cluster as it is once created."""
        cluster = self.create_cluster(headers=headers, **fields)
        self.complete(cluster["uuid"])
        return self.get_cluster(cluster["uuid"], headers=headers)

    def nodegroups(self, uuid):
        return {ng.name: ng for ng in db_nodegroups.list(uuid)}

    def pending(self, uuid):
        return db_clusters.get_by_uuid(uuid).pending_operation


LATEST = base.LATEST
