"""Helpers of the cluster template functional tests."""

from oslo_utils import uuidutils

from magnum_like.db import models
from magnum_like.db import session
from tests.functional import cloud

URL = "/v1/clustertemplates"

# A valid body for each driver's (server_type, os_distro, coe) triple.
BODIES = {
    "k8s_fedora_coreos_v1": {"coe": "kubernetes",
                             "image_id": "fedora-coreos-40"},
    "k8s_fedora_ironic_v1": {"coe": "kubernetes", "server_type": "bm",
                             "image_id": "fedora-ironic",
                             "flavor_id": "baremetal"},
    "swarm_fedora_atomic_v2": {"coe": "swarm-mode",
                               "image_id": "fedora-atomic-29"},
    "swarm_fedora_atomic_v1": {"coe": "swarm",
                               "image_id": "fedora-atomic-29"},
    "mesos_ubuntu_v1": {"coe": "mesos", "image_id": "ubuntu-mesos"},
}


class TemplateTestCase(cloud.CloudTestCase):
    def setUp(self):
        super().setUp()
        self.demo = self.as_user("demo")

    def create(self, headers=None, expect=201, **fields):
        body = dict(BODIES["k8s_fedora_coreos_v1"])
        body.update(fields)
        resp = self.request(URL, method="POST", body=body,
                            headers=headers or self.demo)
        if expect is not None:
            self.assertEqual(expect, resp.status_int, resp.text)
        return resp.json if resp.status_int == 201 else resp

    def patch(self, ident, ops, headers=None):
        return self.request("%s/%s" % (URL, ident), method="PATCH",
                            body=ops, headers=headers or self.demo)

    def get(self, ident, headers=None):
        return self.request("%s/%s" % (URL, ident),
                            headers=headers or self.demo)

    def use_template(self, template_uuid, project_id=None):
        """A cluster row referencing the template, as the clusters API
        will write it."""
        row = models.Cluster(uuid=uuidutils.generate_uuid(),
                             name="user-of-template",
                             project_id=project_id or "p",
                             cluster_template_id=template_uuid,
                             status="CREATE_COMPLETE")
        with session.writer() as s:
            s.add(row)
        return row.uuid

    def drop_cluster(self, cluster_uuid):
        with session.writer() as s:
            s.query(models.Cluster).filter_by(uuid=cluster_uuid).delete()
