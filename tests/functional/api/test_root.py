"""Version documents, microversion negotiation, errors and request ids
through the whole paste pipeline."""

from tests.functional import base


class TestVersionDocuments(base.FunctionalTestCase):
    start_conductor = False

    def test_root_lists_v1(self):
        doc = self.get_json("/")
        self.assertEqual("OpenStack Magnum API", doc["name"])
        [v1] = doc["versions"]
        self.assertEqual("v1", v1["id"])
        self.assertEqual("CURRENT", v1["status"])
        self.assertEqual("1.1", v1["min_version"])
        self.assertEqual("1.14", v1["max_version"])
        self.assertEqual([{"href": "http://localhost/v1/", "rel": "self"}],
                         v1["links"])

    def test_v1_document(self):
        resp = self.request("/v1", expect=200)
        doc = resp.json
        self.assertEqual("v1", doc["id"])
        for res in ("clustertemplates", "clusters", "quotas",
                    "certificates", "mservices", "stats", "federations",
                    "credentials"):
            self.assertEqual(
                [{"href": "http://localhost/v1/%s/" % res, "rel": "self"},
                 {"href": "http://localhost/%s/" % res,
                  "rel": "bookmark"}], doc[res])
        self.assertEqual(
            "http://localhost/v1/clusters/{cluster_id}/nodegroups",
            doc["nodegroups"][0]["href"])
        self.assertEqual(
            "application/vnd.openstack.magnum.v1+json",
            doc["media_types"][0]["type"])

    def test_v1_sets_microversion_headers(self):
        resp = self.request("/v1")
        self.assertEqual("container-infra 1.1",
                         resp.headers["OpenStack-API-Version"])
        self.assertEqual("container-infra 1.1",
                         resp.headers["OpenStack-API-Minimum-Version"])
        self.assertEqual("container-infra 1.14",
                         resp.headers["OpenStack-API-Maximum-Version"])
        self.assertEqual("OpenStack-API-Version", resp.headers["Vary"])

    def test_latest_and_explicit_versions(self):
        for requested, effective in (("container-infra latest", "1.14"),
                                     ("container-infra 1.9", "1.9"),
                                     ("container-infrastructure 1.2",
                                      "1.2"),
                                     ("container-infrastructure-management"
                                      " 1.3", "1.3")):
            resp = self.request(
                "/v1", headers={"OpenStack-API-Version": requested})
            self.assertEqual(200, resp.status_int)
            self.assertEqual(
                "container-infra %s" % effective,
                resp.headers["OpenStack-API-Version"])

    def test_unsupported_version_is_406_with_extended_entry(self):
        for requested in ("container-infra 1.15", "container-infra 2.1",
                          "container-infra 1.0"):
            resp = self.request(
                "/v1", headers={"OpenStack-API-Version": requested})
            error = resp.json["errors"][0]
            self.assertEqual(406, resp.status_int)
            self.assertEqual("magnum.microversion-unsupported",
                             error["code"])
            self.assertEqual("1.1", error["min_version"])
            self.assertEqual("1.14", error["max_version"])
            self.assertEqual("help", error["links"][0]["rel"])

    def test_malformed_version_header_is_plain_406(self):
        for requested in ("compute 1.2", "container-infra", "1.2",
                          "container-infra one.two",
                          "container-infra 1.2 extra"):
            resp = self.request(
                "/v1", headers={"OpenStack-API-Version": requested})
            error = self.assert_error(resp, 406)
            self.assertEqual("client", error["code"])

    def test_request_id_header(self):
        resp = self.request("/v1")
        self.assertTrue(
            resp.headers["X-OpenStack-Request-Id"].startswith("req-"))

    def test_unknown_path_is_404_in_errors_format(self):
        error = self.assert_error(self.request("/v1/nothing-here"), 404)
        self.assertEqual("client", error["code"])
        self.assertEqual("The resource could not be found.",
                         error["detail"])

    def test_healthcheck(self):
        resp = self.request("/healthcheck")
        self.assertEqual(200, resp.status_int)


class TestUnversionedPaths(base.FunctionalTestCase):
    def test_unversioned_path_is_served_as_v1(self):
        versioned = self.get_json("/v1/mservices")
        unversioned = self.get_json("/mservices")
        self.assertEqual(versioned, unversioned)

    def test_unknown_query_parameter_is_400(self):
        error = self.assert_error(
            self.request("/v1/mservices?bogus=1"), 400, "bogus")
        self.assertEqual("client", error["code"])
