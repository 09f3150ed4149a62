"""The Barbican emulation through the real python-barbicanclient (and
raw keystoneauth requests where the client hides the HTTP answer)."""

import uuid

from barbicanclient import client as barbican_client
from barbicanclient import exceptions as barbican_exc
from barbicanclient.v1 import containers as barbican_containers
import fixtures
from keystoneauth1 import session as ks_session

from tests.functional.localcloud import base

KM = {"service_type": "key-manager"}
CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
KEY = b"-----BEGIN PRIVATE KEY-----\nMIIE\x00\xff\n-----END PRIVATE KEY-----\n"


class KeyManagerTestCase(base.LocalCloudTestCase):
    def setUp(self):
        super().setUp()
        # barbicanclient logs each 4xx as an error; keep them with the test
        self.useFixture(fixtures.FakeLogger())

    def barbican(self, username="demo"):
        return barbican_client.Client(session=self.session(username))

    def store(self, barbican, payload, **kwargs):
        ref = barbican.secrets.create(payload=payload, **kwargs).store()
        self.addCleanup(self._forget, "secrets", ref)
        return ref

    def _forget(self, collection, ref):
        world = self.cloud.world
        with world.lock:
            getattr(world.key_manager, collection).pop(secret_id(ref), None)

    def raw(self, method, path, username="demo", **kwargs):
        """(status, parsed JSON or bytes, headers) of a request to the
        key-manager endpoint."""
        sess = self.session(username)
        resp = sess.request(self.cloud.url + "/key-manager" + path, method,
                            raise_exc=False, **kwargs)
        ctype = resp.headers.get("Content-Type", "")
        body = resp.json() if ctype.startswith("application/json") \
            else resp.content
        return resp.status_code, body, resp.headers

    def assert_error(self, status, raised, fragment=None):
        self.assertIsInstance(raised, barbican_exc.HTTPClientError)
        self.assertEqual(status, raised.status_code)
        if fragment:
            self.assertIn(fragment, str(raised))


class TestVersions(KeyManagerTestCase):
    def test_discovery_without_a_token(self):
        resp = ks_session.Session().get(self.cloud.url + "/key-manager",
                                        raise_exc=False)
        self.assertEqual(300, resp.status_code)
        (v1,) = resp.json()["versions"]["values"]
        self.assertEqual(("v1", "stable"), (v1["id"], v1["status"]))
        self.assertEqual(self.cloud.url + "/key-manager/v1/",
                         v1["links"][0]["href"])
        self.assertEqual("key-manager 1.0",
                         resp.headers["OpenStack-API-Version"])

    def test_microversions(self):
        status, body, headers = self.raw(
            "GET", "/v1", headers={"OpenStack-API-Version":
                                   "key-manager 1.1"})
        self.assertEqual(200, status)
        self.assertEqual(("CURRENT", "1.0", "1.1"), (
            body["version"]["status"], body["version"]["min_version"],
            body["version"]["max_version"]))
        self.assertEqual("key-manager 1.1", headers["OpenStack-API-Version"])
        status, body, _ = self.raw(
            "GET", "/v1", headers={"OpenStack-API-Version":
                                   "key-manager 1.7"})
        self.assertEqual(406, status)
        self.assertEqual({"code", "title", "description"}, set(body))
        status, _body, _ = self.raw(
            "GET", "/v1", headers={"OpenStack-API-Version":
                                   "key-manager one"})
        self.assertEqual(400, status)
        # the client negotiates the highest version both sides speak
        self.assertEqual("1.1", self.barbican().client.microversion)

    def test_no_token_is_401_from_keystonemiddleware(self):
        resp = ks_session.Session().get(
            self.cloud.url + "/key-manager/v1/secrets", raise_exc=False)
        self.assertEqual(401, resp.status_code)
        self.assertEqual(401, resp.json()["error"]["code"])
        self.assertIn("Keystone uri=", resp.headers["WWW-Authenticate"])

    def test_catalog_entry(self):
        sess = self.session("demo")
        self.assertEqual(self.cloud.url + "/key-manager",
                         sess.get_endpoint(service_type="key-manager",
                                           interface="public"))


class TestSecrets(KeyManagerTestCase):
    def test_binary_round_trip_and_metadata(self):
        barbican = self.barbican()
        ref = self.store(barbican, KEY, name=" key ", secret_type="private")
        self.assertTrue(ref.startswith(
            self.cloud.url + "/key-manager/v1/secrets/"))
        secret = barbican.secrets.get(ref)
        self.assertEqual(KEY, secret.payload)
        self.assertEqual("key", secret.name)
        self.assertEqual("private", secret.secret_type)
        self.assertEqual("ACTIVE", secret.status)
        self.assertEqual({"default": "application/octet-stream"},
                         secret.content_types)
        status, body, _ = self.raw("GET", "/v1/secrets/" + secret_id(ref),
                                   headers={"Accept": "application/json"})
        self.assertEqual(200, status)
        self.assertEqual(ref, body["secret_ref"])
        self.assertEqual(self.session("demo").get_user_id(),
                         body["creator_id"])
        self.assertNotIn("payload", body)

    def test_text_payload_is_stripped_as_barbican_does(self):
        barbican = self.barbican()
        ref = self.store(barbican, "  " + CERT, secret_type="certificate")
        secret = barbican.secrets.get(ref)
        self.assertEqual(CERT.strip(), secret.payload)
        self.assertEqual({"default": "text/plain"}, secret.content_types)

    def test_payload_by_accept_type(self):
        ref = self.store(self.barbican(), "plain words")
        path = "/v1/secrets/%s/payload" % secret_id(ref)
        status, body, headers = self.raw("GET", path,
                                         headers={"Accept": "text/plain"})
        self.assertEqual((200, b"plain words"), (status, body))
        self.assertEqual("text/plain", headers["Content-Type"])
        status, body, _ = self.raw(
            "GET", path, headers={"Accept": "application/octet-stream"})
        self.assertEqual((200, b"plain words"), (status, body))
        status, body, _ = self.raw("GET", path,
                                   headers={"Accept": "text/html"})
        self.assertEqual(406, status)
        self.assertEqual("Not Acceptable", body["title"])
        # the deprecated way: GET on the secret with a non-JSON Accept
        status, body, _ = self.raw("GET", "/v1/secrets/" + secret_id(ref),
                                   headers={"Accept": "text/plain"})
        self.assertEqual((200, b"plain words"), (status, body))

    def test_a_binary_secret_is_not_text(self):
        ref = self.store(self.barbican(), b"\xff\xfe")
        status, _body, _ = self.raw(
            "GET", "/v1/secrets/%s/payload" % secret_id(ref),
            headers={"Accept": "text/plain"})
        self.assertEqual(406, status)

    def test_delete_then_404(self):
        barbican = self.barbican()
        ref = barbican.secrets.create(payload="gone soon").store()
        barbican.secrets.delete(ref)
        raised = self.assertRaises(barbican_exc.HTTPClientError,
                                   getattr, barbican.secrets.get(ref),
                                   "name")
        self.assert_error(404, raised, "in another castle")
        raised = self.assertRaises(barbican_exc.HTTPClientError,
                                   barbican.secrets.delete, ref)
        self.assert_error(404, raised)
        status, body, _ = self.raw("DELETE", "/v1/secrets/" + secret_id(ref))
        self.assertEqual(404, status)
        self.assertEqual({"code": 404, "title": "Not Found",
                          "description": "Not Found. Sorry but your secret "
                                         "is in another castle."}, body)
        status, _body, _ = self.raw("GET", "/v1/secrets/%s/payload"
                                    % uuid.uuid4())
        self.assertEqual(404, status)

    def test_list_paging_and_filters(self):
        barbican = self.barbican()
        name = "paged-" + uuid.uuid4().hex
        refs = [self.store(barbican, "p%d" % i, name=name) for i in range(3)]
        listed = barbican.secrets.list(name=name, limit=2)
        self.assertEqual(refs[:2], [s.secret_ref for s in listed])
        status, body, _ = self.raw("GET", "/v1/secrets?name=%s&limit=2"
                                   % name)
        self.assertEqual(3, body["total"])
        self.assertTrue(body["next"].endswith(
            "/key-manager/v1/secrets?limit=2&offset=2"))
        status, body, _ = self.raw(
            "GET", "/v1/secrets?name=%s&limit=2&offset=2" % name)
        self.assertEqual([refs[2]], [s["secret_ref"]
                                     for s in body["secrets"]])
        self.assertIn("previous", body)
        self.assertEqual([], barbican.secrets.list(name="no-" + name))

    def test_metadata_only_secret_then_put(self):
        status, body, headers = self.raw(
            "POST", "/v1/secrets", json={"name": "two-step"})
        self.assertEqual(201, status)
        self.assertEqual(body["secret_ref"], headers["Location"])
        self.addCleanup(self._forget, "secrets", body["secret_ref"])
        path = "/v1/secrets/" + secret_id(body["secret_ref"])
        binary = {"Accept": "application/octet-stream"}
        status, _body, _ = self.raw("GET", path + "/payload",
                                    headers=binary)
        self.assertEqual(404, status)
        status, _body, _ = self.raw(
            "PUT", path, data=b"AAEC",
            headers={"Content-Type": "application/octet-stream",
                     "Content-Encoding": "base64"})
        self.assertEqual(204, status)
        status, body, _ = self.raw("GET", path + "/payload",
                                   headers=binary)
        self.assertEqual((200, b"\x00\x01\x02"), (status, body))
        status, _body, _ = self.raw(
            "PUT", path, data=b"again", headers={"Content-Type":
                                                 "text/plain"})
        self.assertEqual(409, status)

    def test_bad_input_is_400(self):
        barbican = self.barbican()
        raised = self.assertRaises(
            barbican_exc.HTTPClientError,
            barbican.secrets.create(payload="x", secret_type="bogus").store)
        self.assert_error(400, raised, "Invalid property: 'secret_type'")
        bad_bodies = [
            ({"payload": "x"}, "'payload_content_type' must also be"),
            ({"payload": "x", "payload_content_type": "text/html"},
             "payload_content_type is not one of"),
            ({"payload": "x", "payload_content_type": "text/plain",
              "payload_content_encoding": "base64"},
             "payload_content_encoding is not one of None"),
            ({"payload": "eA==",
              "payload_content_type": "application/octet-stream"},
             "payload_content_encoding is not one of ['base64', 'binary']"),
            ({"payload": "   ", "payload_content_type": "text/plain"},
             "If 'payload' specified, must be non empty"),
            ({"payload": "a", "payload_content_type": "application/"
              "octet-stream", "payload_content_encoding": "base64"},
             "Invalid payload for payload_content_encoding"),
            ({"payload_content_type": "text/plain"},
             "payload must be provided"),
            ({"bit_length": 0}, "less than the minimum of 1"),
            ({"name": 5}, "5 is not of type 'string', 'null'"),
            ({"expiration": "2000-01-01T00:00:00Z"},
             "'expiration' is before current time"),
            ({"expiration": "tomorrow"}, "Invalid date for 'expiration'"),
        ]
        for body, fragment in bad_bodies:
            status, answer, _ = self.raw("POST", "/v1/secrets", json=body)
            self.assertEqual(400, status, body)
            self.assertEqual("Bad Request", answer["title"])
            self.assertIn(fragment, answer["description"])
        status, answer, _ = self.raw(
            "POST", "/v1/secrets", data=b"{not json",
            headers={"Content-Type": "application/json"})
        self.assertEqual((400, "Malformed JSON"),
                         (status, answer["description"]))
        status, _answer, _ = self.raw(
            "POST", "/v1/secrets", data=b"{}",
            headers={"Content-Type": "text/plain"})
        self.assertEqual(415, status)
        status, _answer, _ = self.raw(
            "POST", "/v1/secrets", json={
                "payload": "x" * 20001, "payload_content_type":
                "text/plain"})
        self.assertEqual(413, status)

    def test_project_isolation(self):
        ref = self.store(self.barbican("demo"), "demo only")
        alt = self.barbican("alt_demo")
        raised = self.assertRaises(barbican_exc.HTTPClientError, getattr,
                                   alt.secrets.get(ref), "name")
        self.assert_error(403, raised, "Secret retrieval attempt not "
                                       "allowed")
        raised = self.assertRaises(barbican_exc.HTTPClientError,
                                   alt.secrets.delete, ref)
        self.assert_error(403, raised)
        status, _body, _ = self.raw(
            "GET", "/v1/secrets/%s/payload" % secret_id(ref), "alt_demo")
        self.assertEqual(403, status)
        self.assertNotIn(ref, [s.secret_ref for s in alt.secrets.list(
            limit=100)])
        self.assertEqual("demo only",
                         self.barbican("demo").secrets.get(ref).payload)

    def test_reader_cannot_store(self):
        reader = self.barbican("demo_reader")
        raised = self.assertRaises(
            barbican_exc.HTTPClientError,
            reader.secrets.create(payload="x").store)
        self.assert_error(403, raised, "Secret creation attempt not allowed")


class TestContainers(KeyManagerTestCase):
    def certificate_container(self, barbican, **parts):
        refs = {name: self.store(barbican, value)
                for name, value in parts.items()}
        container = barbican.containers.create_certificate(
            name="cert", **{name: barbican.secrets.get(ref)
                            for name, ref in refs.items()})
        ref = container.store()
        self.addCleanup(self._forget, "containers", ref)
        return ref, refs

    def test_certificate_container_round_trip(self):
        barbican = self.barbican()
        ref, refs = self.certificate_container(
            barbican, certificate=CERT.encode(), private_key=KEY,
            intermediates=b"CA")
        self.assertTrue(ref.startswith(
            self.cloud.url + "/key-manager/v1/containers/"))
        got = barbican.containers.get(ref)
        self.assertIsInstance(got, barbican_containers.CertificateContainer)
        self.assertEqual(refs, got.secret_refs)
        self.assertEqual(("cert", "ACTIVE"), (got.name, got.status))
        self.assertEqual(KEY, got.private_key.payload)
        self.assertEqual(CERT.encode(), got.certificate.payload)
        self.assertEqual(b"CA", got.intermediates.payload)
        self.assertIn(ref, [c.container_ref for c in
                            barbican.containers.list(limit=100)])

    def test_deleting_a_secret_takes_it_out_of_the_container(self):
        barbican = self.barbican()
        ref, refs = self.certificate_container(
            barbican, certificate=b"C", private_key=b"K")
        barbican.secrets.delete(refs["private_key"])
        self.assertEqual({"certificate": refs["certificate"]},
                         barbican.containers.get(ref).secret_refs)

    def test_deleting_a_container_keeps_its_secrets(self):
        barbican = self.barbican()
        ref, refs = self.certificate_container(
            barbican, certificate=b"C", private_key=b"K")
        barbican.containers.delete(ref)
        raised = self.assertRaises(barbican_exc.HTTPClientError,
                                   barbican.containers.get, ref)
        self.assert_error(404, raised, "container is in another castle")
        raised = self.assertRaises(barbican_exc.HTTPClientError,
                                   barbican.containers.delete, ref)
        self.assert_error(404, raised)
        self.assertEqual(b"K",
                         barbican.secrets.get(refs["private_key"]).payload)

    def test_project_isolation(self):
        ref, refs = self.certificate_container(
            self.barbican("demo"), certificate=b"C", private_key=b"K")
        alt = self.barbican("alt_demo")
        raised = self.assertRaises(barbican_exc.HTTPClientError,
                                   alt.containers.get, ref)
        self.assert_error(403, raised, "Container retrieval attempt not "
                                       "allowed")
        raised = self.assertRaises(barbican_exc.HTTPClientError,
                                   alt.containers.delete, ref)
        self.assert_error(403, raised)
        # nor can another project put demo's secrets in its container
        status, body, _ = self.raw("POST", "/v1/containers", "alt_demo",
                                   json={"type": "certificate",
                                         "secret_refs": [{
                                             "name": "certificate",
                                             "secret_ref":
                                             refs["certificate"]}]})
        self.assertEqual(404, status)
        self.assertEqual("Secret provided for 'certificate' doesn't exist.",
                         body["description"])

    def test_bad_input_is_400(self):
        cert = self.store(self.barbican(), "c")
        key = self.store(self.barbican(), "k")
        bad_bodies = [
            ({"secret_refs": []}, "'type' is a required property"),
            ({"type": "box"}, "'box' is not one of"),
            ({"type": "certificate", "secret_refs": [
                {"name": "private_key", "secret_ref": key}]},
             "The minimum required reference name is 'certificate'"),
            ({"type": "certificate", "secret_refs": [
                {"name": "certificate", "secret_ref": cert},
                {"name": "public_key", "secret_ref": key}]},
             "reference names are allowed for Certificate type"),
            ({"type": "generic", "secret_refs": [
                {"name": "a", "secret_ref": cert},
                {"name": "a", "secret_ref": key}]},
             "Duplicate reference names are not allowed"),
            ({"type": "generic", "secret_refs": [
                {"name": "a", "secret_ref": cert},
                {"name": "b", "secret_ref": cert}]},
             "Duplicate secret ids are not allowed"),
            ({"type": "generic", "secret_refs": [{
                "name": "a", "secret_ref": "http://elsewhere/v1/secrets/"
                + secret_id(cert)}]},
             "Secret_ref does not match the configured hostname"),
            ({"type": "generic", "secret_refs": [{"name": "a"}]},
             "'secret_ref' is a required property"),
        ]
        for body, fragment in bad_bodies:
            status, answer, _ = self.raw("POST", "/v1/containers",
                                         json=body)
            self.assertEqual(400, status, body)
            self.assertIn(fragment, answer["description"])
        status, answer, _ = self.raw(
            "POST", "/v1/containers", json={"type": "generic", "secret_refs":
                                            [{"name": "a", "secret_ref":
                                              self.cloud.url + "/key-manager"
                                              "/v1/secrets/" +
                                              str(uuid.uuid4())}]})
        self.assertEqual(404, status)


def secret_id(ref):
    return ref.rsplit("/", 1)[1]
