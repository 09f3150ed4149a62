"""What the local cloud offers so that real OpenStack Heat can build
stacks on it, through real clients over HTTP: Neutron's bulk create and
`shared: false` from a non-admin (python-neutronclient), Keystone calls
of Heat's stack domain admin, and the Cinder v3 API (`volumev3`)."""

from keystoneauth1 import exceptions as ks_exc
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from neutronclient.common import exceptions as neutron_exc
from neutronclient.v2_0 import client as neutron_client

from tests.functional.localcloud import base

VOLUME = {"service_type": "volumev3"}
IDENTITY = {"service_type": "identity"}


class TestNeutronForHeat(base.LocalCloudTestCase):
    def setUp(self):
        super().setUp()
        self.neutron = neutron_client.Client(session=self.session("demo"))
        self.group = self.neutron.create_security_group(
            {"security_group": {"name": "bulk"}})["security_group"]
        self.addCleanup(self.neutron.delete_security_group,
                        self.group["id"])

    def rule(self, port, **extra):
        return dict({"security_group_id": self.group["id"],
                     "direction": "ingress", "protocol": "tcp",
                     "port_range_min": port, "port_range_max": port},
                    **extra)

    def rules(self):
        return sorted(r["port_range_min"] for r in
                      self.neutron.list_security_group_rules(
                          security_group_id=self.group["id"])[
                              "security_group_rules"]
                      if r["port_range_min"])

    def test_bulk_security_group_rule_create(self):
        made = self.neutron.create_security_group_rule(
            {"security_group_rules": [self.rule(22), self.rule(6443)]})
        self.assertEqual([22, 6443], sorted(
            r["port_range_min"] for r in made["security_group_rules"]))
        self.assertEqual([22, 6443], self.rules())

    def test_bulk_create_is_all_or_nothing(self):
        self.assertRaises(
            neutron_exc.NeutronClientException,
            self.neutron.create_security_group_rule,
            {"security_group_rules": [
                self.rule(80),
                self.rule(81, security_group_id="no-such-group")]})
        self.assertEqual([], self.rules())

    def test_shared_false_from_a_non_admin(self):
        net = self.neutron.create_network(
            {"network": {"name": "not-shared", "shared": False}})["network"]
        self.addCleanup(self.neutron.delete_network, net["id"])
        self.assertFalse(net["shared"])
        self.assertRaises(neutron_exc.Forbidden, self.neutron.create_network,
                          {"network": {"name": "shared", "shared": True}})


class TestKeystoneForHeat(base.LocalCloudTestCase):
    """Heat's stack domain admin (an admin scoped to its domain) makes a
    project and users in that domain, and nowhere else."""

    def domain_admin(self):
        return ks_session.Session(auth=v3.Password(
            auth_url=self.cloud.auth_url,
            username="magnum_like_domain_admin",
            password=self.cloud.password_of("magnum_like_domain_admin",
                                            "magnum_like"),
            user_domain_name="magnum_like", domain_name="magnum_like"))

    def test_domain_admin_manages_its_domain(self):
        sess = self.domain_admin()
        domain = self.cloud.world.identity.find_domain("magnum_like")["id"]
        project = sess.post("/v3/projects", endpoint_filter=IDENTITY, json={
            "project": {"name": "stack-project", "domain_id": domain}}
        ).json()["project"]
        user = sess.post("/v3/users", endpoint_filter=IDENTITY, json={
            "user": {"name": "stack-user", "password": "pw",
                     "domain_id": domain,
                     "default_project_id": project["id"]}}).json()["user"]
        sess.put("/v3/projects/%s/users/%s/roles/member" % (
            project["id"], user["id"]), endpoint_filter=IDENTITY)
        got = sess.get("/v3/projects/" + project["id"],
                       endpoint_filter=IDENTITY).json()["project"]
        self.assertEqual(domain, got["domain_id"])
        sess.delete("/v3/users/" + user["id"], endpoint_filter=IDENTITY)
        sess.delete("/v3/projects/" + project["id"],
                    endpoint_filter=IDENTITY)
        self.assertRaises(ks_exc.Forbidden, sess.post, "/v3/projects",
                          endpoint_filter=IDENTITY, json={"project": {
                              "name": "elsewhere", "domain_id": "default"}})


class TestCinder(base.LocalCloudTestCase):
    def test_versions_volumes_and_types(self):
        sess = self.session("demo")
        versions = sess.get(self.cloud.url + "/volume/", authenticated=False,
                            raise_exc=False).json()["versions"]
        self.assertEqual("3.0", versions[0]["min_version"])
        types = sess.get("/types", endpoint_filter=VOLUME).json()
        self.assertIn("lvmdriver-1",
                      [t["name"] for t in types["volume_types"]])
        made = sess.post("/volumes", endpoint_filter=VOLUME, json={
            "volume": {"size": 2, "name": "data", "volume_type": None}})
        self.assertEqual(202, made.status_code)
        volume = made.json()["volume"]
        self.assertEqual("lvmdriver-1", volume["volume_type"])
        got = sess.get("/volumes/" + volume["id"],
                       endpoint_filter=VOLUME).json()["volume"]
        self.assertEqual("available", got["status"])
        listed = sess.get("/volumes/detail", endpoint_filter=VOLUME).json()
        self.assertIn(volume["id"], [v["id"] for v in listed["volumes"]])
        for bad in ("", "gold"):
            self.assertRaises(ks_exc.NotFound, sess.post, "/volumes",
                              endpoint_filter=VOLUME, json={"volume": {
                                  "size": 1, "volume_type": bad}})
        sess.delete("/volumes/" + volume["id"], endpoint_filter=VOLUME)
        self.assertRaises(ks_exc.NotFound, sess.get,
                          "/volumes/" + volume["id"], endpoint_filter=VOLUME)
        other = self.session("alt_demo")
        self.assertEqual([], other.get("/volumes", endpoint_filter=VOLUME)
                         .json()["volumes"])
