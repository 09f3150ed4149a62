from magnum_like.api import versions
from tests import base


class TestParseHeader(base.TestCase):
    def test_missing_header_is_minimum(self):
        self.assertEqual((1, 1), versions.parse_header(None))
        self.assertEqual((1, 1), versions.parse_header("  "))

    def test_latest_is_maximum(self):
        self.assertEqual(versions.MAX_VERSION,
                         versions.parse_header("container-infra latest"))

    def test_each_service_type_is_accepted(self):
        for service in versions.ACCEPTED_SERVICE_TYPES:
            self.assertEqual((1, 7),
                             versions.parse_header("%s 1.7" % service))
        self.assertEqual((1, 7),
                         versions.parse_header("Container-Infra 1.7"))

    def test_malformed_values(self):
        for value in ("container-infra", "compute 1.1", "1.1",
                      "container-infra 1", "container-infra 1.x",
                      "container-infra 01.1", "container-infra 0.9",
                      "a b c"):
            self.assertRaises(versions.VersionNotAcceptable,
                              versions.parse_header, value)

    def test_out_of_range(self):
        for value in ("container-infra 1.0", "container-infra 1.15",
                      "container-infra 2.0"):
            self.assertRaises(versions.VersionUnsupported,
                              versions.parse_header, value)

    def test_response_headers(self):
        headers = versions.response_headers((1, 9))
        self.assertEqual("container-infra 1.9",
                         headers["OpenStack-API-Version"])
        self.assertEqual("OpenStack-API-Version", headers["Vary"])
