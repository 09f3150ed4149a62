"""Cluster template validation against the local cloud through the real
Glance, Nova and Neutron clients: as the service user (`noauth`) and as
the caller with a Keystone token (`keystone`)."""

from magnum_like.common import clients
from tests.functional.api import templates
from tests.functional.api.templates import URL


class CloudChecks:
    """Checks both strategies share; mixed into the test classes."""

    def test_image(self):
        cases = (("nope", 400, "Image nope could not be found"),
                 ("no-os-distro", 400, "doesn't contain os_distro"),
                 ("alt-private-image", 400, "could not be found"),
                 ("dup-image", 409, "Multiple images"))
        for image, status, detail in cases:
            resp = self.create(expect=status, image_id=image)
            self.assert_error(resp, status, detail)
        self.create(image_id="demo-private-image")

    def test_image_by_id(self):
        image = self.cloud.world.image.find_image(
            None, "fedora-coreos-40", is_admin=True)
        ct = self.create(image_id=image["id"])
        self.assertEqual("fedora-coreos", ct["cluster_distro"])

    def test_unknown_image_uuid(self):
        resp = self.create(expect=400,
                           image_id="5c9a4e9b-4c02-4d0b-92b6-3b1b2a6b2a55")
        self.assert_error(resp, 400, "could not be found")

    def test_flavors(self):
        for field in ("flavor_id", "master_flavor_id"):
            resp = self.create(expect=400, **{field: "m1.nothing"})
            self.assert_error(resp, 400, "Unable to find flavor m1.nothing")
            resp = self.create(expect=400, **{field: "m1.zero-disk"})
            self.assert_error(resp, 400, "m1.zero-disk")
        self.create(flavor_id="2", master_flavor_id="m1.small")
        self.create(flavor_id="m1.zero-disk",
                    labels={"boot_volume_size": 10})
        self.assert_error(self.create(
            expect=400, flavor_id="m1.zero-disk",
            labels={"boot_volume_size": "ten"}), 400, "boot_volume_size")
        self.config(default_boot_volume_size=20, group="cinder")
        self.create(master_flavor_id="m1.zero-disk")

    def test_keypair_is_not_checked_by_default(self):
        # As in Magnum: the keypair is checked when a cluster is created.
        ct = self.create(keypair_id="missing")
        self.assertEqual("missing", ct["keypair_id"])
        ct = self.create(keypair_id="default")
        resp = self.patch(ct["uuid"], [{"op": "replace",
                                        "path": "/keypair_id",
                                        "value": "missing-too"}])
        self.assertEqual(200, resp.status_int, resp.text)

    def test_keypair_checked_when_the_operator_asks(self):
        self.config(validate_template_keypair=True,
                    group="cluster_template")
        ct = self.create(keypair_id="default")
        resp = self.create(expect=404, keypair_id="missing")
        self.assert_error(resp, 404, "Unable to find keypair missing")
        resp = self.patch(ct["uuid"], [{"op": "replace",
                                        "path": "/keypair_id",
                                        "value": "missing"}])
        self.assert_error(resp, 404, "Unable to find keypair missing")

    def test_external_network(self):
        self.create(external_network_id="public")
        cases = (("private", 400, "Unable to find external network"),
                 ("nope", 400, "nope"),
                 ("dup-ext", 409, "Multiple external networks"))
        for network, status, detail in cases:
            resp = self.create(expect=status, external_network_id=network)
            self.assert_error(resp, status, detail)

    def test_fixed_network_and_subnet(self):
        self.create(fixed_network="private", fixed_subnet="private-subnet")
        cases = ((("fixed_network", "public"), 400,
                  "Unable to find fixed network public"),
                 (("fixed_network", "alt-private"), 400, "alt-private"),
                 (("fixed_network", "dup-net"), 409, "Multiple networks"),
                 (("fixed_subnet", "nope"), 400,
                  "Unable to find fixed subnet nope"),
                 (("fixed_subnet", "alt-private-subnet"), 400,
                  "alt-private-subnet"),
                 (("fixed_subnet", "dup-subnet"), 409, "Multiple subnets"))
        for (field, value), status, detail in cases:
            resp = self.create(expect=status, **{field: value})
            self.assert_error(resp, status, detail)

    def test_dns_nameserver(self):
        self.create(dns_nameserver="8.8.8.8,2001:db8::1")
        for value in ("8.8.8.8,", "300.1.1.1", "dns.example.com", "1"):
            resp = self.create(expect=400, dns_nameserver=value)
            self.assert_error(resp, 400, "DNS nameserver")


class TestCloudAsServiceUser(CloudChecks, templates.TemplateTestCase):
    auth_strategy = "noauth"

    def test_cloud_outage_is_503(self):
        self.config(auth_url="http://127.0.0.1:9/identity/v3",
                    group="keystone_auth")
        clients.reset()
        resp = self.create(expect=503)
        error = self.assert_error(resp, 503, "could not be reached")
        self.assertEqual("server", error["code"])

    def test_keypair_of_another_user(self):
        self.config(validate_template_keypair=True,
                    group="cluster_template")
        resp = self.create(expect=404, keypair_id="default",
                           headers=self.as_user("demo_reader",
                                                roles="member,reader"))
        self.assert_error(resp, 404, "keypair")


class TestCloudAsCaller(CloudChecks, templates.TemplateTestCase):
    auth_strategy = "keystone"

    def test_token_required(self):
        resp = self.request(URL)
        self.assertEqual(401, resp.status_int)

    def test_caller_identity_is_recorded(self):
        ct = self.create()
        self.assertEqual(self.project_id("demo"), ct["project_id"])
        self.assertEqual(self.user_id("demo"), ct["user_id"])
        alt = self.create(image_id="alt-private-image",
                          headers=self.as_user("alt_demo"))
        self.assertEqual(self.project_id("alt_demo"), alt["project_id"])
        self.assertEqual(
            [], self.get_json(URL, headers=self.as_user("alt_demo"))[
                "clustertemplates"][1:])

    def test_reader_is_refused(self):
        resp = self.create(expect=403, headers=self.as_user("demo_reader"))
        self.assert_error(resp, 403, "clustertemplate:create")

    def test_admin_publishes(self):
        admin = self.as_user("admin")
        ct = self.create(public=True, headers=admin)
        self.assertIs(True, ct["public"])
        self.assertEqual(ct["uuid"], self.get(ct["uuid"]).json["uuid"])
