"""List and show never fail on a row in transition: a cluster being
deleted whose nodegroups are partly gone (0 masters, no worker), counts
or sizes the API would refuse as input, values of an older release.
`coe cluster list` answered 400 ("master_count ... Value: '0'") while
failed clusters were being deleted (issue 15)."""

from magnum_like.db import clusters as db_clusters
from magnum_like.db import nodegroups as db_nodegroups
from tests.functional.api import clusters as helpers
from tests.functional.api.clusters import URL
from tests.functional.api.clusters import at


class TestRowsInTransition(helpers.ClusterTestCase):
    def views(self, uuid, headers=None):
        """The cluster in the list, the detailed list and show, at the
        oldest and the newest microversion; each must answer 200."""
        found = []
        for version in ("1.1", "1.14"):
            hdrs = at(version, headers or self.demo)
            for url in (URL, URL + "/detail"):
                listed = self.request(url, headers=hdrs, expect=200).json
                found.extend(c for c in listed["clusters"]
                             if c["uuid"] == uuid)
            found.append(self.request("%s/%s" % (URL, uuid), headers=hdrs,
                                      expect=200).json)
        self.assertEqual(6, len(found))
        return found

    def test_masters_gone_while_deleting(self):
        cluster = self.create_cluster()
        self.complete(cluster["uuid"], status="CREATE_FAILED")
        ngs = self.nodegroups(cluster["uuid"])
        db_nodegroups.update(ngs["default-master"].uuid,
                             {"node_count": 0,
                              "status": "DELETE_IN_PROGRESS"})
        db_clusters.update(cluster["uuid"],
                           {"status": "DELETE_IN_PROGRESS"})
        for shown in self.views(cluster["uuid"]):
            self.assertEqual(0, shown["master_count"])
            self.assertEqual("DELETE_IN_PROGRESS", shown["status"])

    def test_nodegroups_partly_deleted(self):
        cluster = self.create_cluster()
        ngs = self.nodegroups(cluster["uuid"])
        db_nodegroups.destroy(ngs["default-master"].uuid)
        for shown in self.views(cluster["uuid"]):
            self.assertEqual((0, 1), (shown["master_count"],
                                      shown["node_count"]))
        db_nodegroups.destroy(ngs["default-worker"].uuid)
        for shown in self.views(cluster["uuid"]):
            self.assertEqual((0, 0), (shown["master_count"],
                                      shown["node_count"]))
            self.assertEqual([], shown.get("node_addresses", []))

    def test_values_the_api_would_refuse_as_input(self):
        cluster = self.create_cluster()
        ngs = self.nodegroups(cluster["uuid"])
        db_nodegroups.update(ngs["default-worker"].uuid,
                             {"node_count": None,
                              "docker_volume_size": 0})
        db_clusters.update(cluster["uuid"], {
            "docker_volume_size": 0, "create_timeout": -1,
            "name": "0-made-by-an-older-release",
            "health_status_reason": {"api": True, "nodes": 3},
            "status": None, "health_status": "MAYBE",
            "keypair": ""})
        for shown in self.views(cluster["uuid"]):
            self.assertEqual("0-made-by-an-older-release", shown["name"])
            self.assertEqual(0, shown["docker_volume_size"])
        shown = self.get_cluster(cluster["uuid"])
        self.assertEqual({"api": True, "nodes": 3},
                         shown["health_status_reason"])
        self.assertIsNone(shown["status"])
        listed = self.request(URL + "/%s/nodegroups" % cluster["uuid"],
                              headers=at("1.9", self.demo), expect=200)
        self.assertEqual(2, len(listed.json["nodegroups"]))
        for ng in ngs.values():
            self.request(URL + "/%s/nodegroups/%s" % (cluster["uuid"],
                                                      ng.uuid),
                         headers=at("1.9", self.demo), expect=200)
