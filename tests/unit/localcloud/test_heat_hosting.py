"""What lets a real Heat run on the local cloud: the catalog naming an
external heat-api, Cinder volume types, and the node agent's reading of
the agent configuration Heat puts into a server's user data."""

import base64
from email.mime import multipart
from email.mime import text
import json
import urllib.parse

from magnum_like.localcloud import agent
from magnum_like.localcloud.world import World
from magnum_like.localcloud.world import errors
from tests.unit.localcloud import base

OCC = {"os-collect-config": {"collectors": ["heat", "local"], "heat": {
    "user_id": "u1", "password": "p", "auth_url": "http://k/v3",
    "project_id": "p1", "stack_id": "s/1", "resource_name": "server"}}}


def _mime(metadata):
    """User data shaped as Heat builds it for SOFTWARE_CONFIG."""
    message = multipart.MIMEMultipart()
    for content, name in (("#cloud-config\n", "cloud-config"),
                          (json.dumps(metadata), "cfn-init-data")):
        part = text.MIMEText(content, "x-cfninitdata")
        part.add_header("Content-Disposition", "attachment",
                        filename=name)
        message.attach(part)
    return message.as_string()


def _ignition(metadata):
    source = "data:," + urllib.parse.quote(json.dumps(metadata))
    return json.dumps({"ignition": {"version": "3.0.0"}, "storage": {
        "files": [{"path": "/var/lib/heat-cfntools/cfn-init-data",
                   "contents": {"source": source}}]}})


class TestCatalog(base.WorldTestCase):
    def heat_url(self, world):
        entry = [e for e in world.identity.catalog(self.demo)
                 if e["type"] == "orchestration"][0]
        return entry["endpoints"][0]["url"]

    def test_own_heat_by_default(self):
        self.world.set_base_url("http://cloud")
        self.assertEqual("http://cloud/heat-api/v1/%s" % self.demo,
                         self.heat_url(self.world))

    def test_external_heat(self):
        world = World(settings={
            "orchestration_url": "http://heat:8004/v1/$(project_id)s"})
        world.set_base_url("http://cloud")
        self.assertEqual("http://heat:8004/v1/%s" % self.demo,
                         self.heat_url(world))
        world.reset()
        self.assertEqual("http://heat:8004/v1/%s" % self.demo,
                         self.heat_url(world))

    def test_volumev3_in_the_catalog(self):
        self.world.set_base_url("http://cloud")
        types = [e["type"] for e in self.world.identity.catalog(self.demo)]
        self.assertIn("volumev3", types)


class TestVolumeTypes(base.WorldTestCase):
    def test_default_and_lookup(self):
        volume = self.world.volume
        default = volume.default_type()
        self.assertEqual("lvmdriver-1", default["name"])
        self.assertEqual(default, volume.find_type(default["id"]))
        self.assertRaises(errors.NotFound, volume.find_type, "")


class TestAgentUserData(base.WorldTestCase):
    def test_cloud_init_and_base64(self):
        data = _mime(OCC)
        self.assertEqual(OCC["os-collect-config"],
                         agent.collector_config(data))
        encoded = base64.b64encode(data.encode()).decode()
        self.assertEqual(OCC["os-collect-config"],
                         agent.collector_config(encoded))

    def test_ignition(self):
        self.assertEqual(OCC["os-collect-config"],
                         agent.collector_config(_ignition(OCC)))

    def test_without_agent_configuration(self):
        for data in (None, "", "#!/bin/sh\necho hi\n", _mime({}),
                     json.dumps({"ignition": {}})):
            self.assertIsNone(agent.collector_config(data))
