"""/v1/certificates through the API (Keystone tokens of the local cloud)
with the real conductor behind it: CA fetch, CSR signing under the
[x509] policy, the trustee's access, policies, and CA rotation keeping
the old CA trusted until the stacks are done."""

import datetime
import time

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.oid import NameOID
from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3

from magnum_like.common import crypto
from magnum_like.conductor import status_sync
from magnum_like.db import certificates as db_certs
from magnum_like.db import clusters as db_clusters
from tests.functional.api.clusters import URL
from tests.functional.conductor import base

CERTS = "/v1/certificates"
TEMPLATES = "/v1/clustertemplates"


def make_csr(cn="alice", org="devs", key=None, sans=None, ca=False,
             extra=()):
    key = key or rsa.generate_private_key(public_exponent=65537,
                                          key_size=2048)
    builder = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                   x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
    if sans:
        builder = builder.add_extension(
            x509.SubjectAlternativeName(sans), critical=False)
    if ca:
        builder = builder.add_extension(
            x509.BasicConstraints(ca=True, path_length=None), critical=True)
    builder = builder.add_extension(x509.KeyUsage(
        digital_signature=True, content_commitment=False,
        key_encipherment=True, data_encipherment=False,
        key_agreement=False, key_cert_sign=True, crl_sign=False,
        encipher_only=False, decipher_only=False), critical=True)
    builder = builder.add_extension(x509.ExtendedKeyUsage(
        [ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
    for ext, critical in extra:
        builder = builder.add_extension(ext, critical=critical)
    csr = builder.sign(key, hashes.SHA256())
    return csr.public_bytes(serialization.Encoding.PEM).decode()


def load_certs(pem):
    return x509.load_pem_x509_certificates(pem.encode())


def _issued_by(cert, ca):
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, InvalidSignature):
        return False
    return True


def chains(cert, cas):
    return any(_issued_by(cert, ca) for ca in cas)


class TestCertificates(base.ConductorCloudTestCase):
    auth_strategy = "keystone"
    # The status sync runs when the test says, so that a rotation can be
    # observed before its stacks are done.
    start_periodic = False

    def setUp(self):
        super().setUp()
        self.demo = self.as_user("demo")

    def call(self, path, method="GET", body=None, expect=None,
             headers=None):
        resp = self.request(path, method=method, body=body,
                            headers=headers or self.demo)
        if expect is not None:
            self.assertEqual(expect, resp.status_int, resp.text)
        return resp

    def wait(self, uuid, status, timeout=60):
        deadline = time.monotonic() + timeout
        row = None
        while time.monotonic() < deadline:
            status_sync.sync("conductor-a")
            row = db_clusters.get_by_uuid(uuid)
            if row.status == status and not row.pending_operation:
                return row
            if row.status.endswith("FAILED"):
                self.fail("%s: %s" % (row.status, row.status_reason))
            time.sleep(0.2)
        self.fail("cluster %s never reached %s: %s" % (
            uuid, status, row and row.status))

    def make(self, name="k1", tls_disabled=False):
        self.call(TEMPLATES, "POST", {
            "name": "t-" + name, "coe": "kubernetes",
            "image_id": "fedora-coreos-40", "flavor_id": "m1.small",
            "master_flavor_id": "m1.medium", "keypair_id": "default",
            "external_network_id": "public", "tls_disabled": tls_disabled,
            "labels": {"kube_tag": "v1.30.4"}}, expect=201)
        uuid = self.call(URL, "POST", {"name": name,
                                       "cluster_template_id": "t-" + name,
                                       "node_count": 1},
                         expect=202).json["uuid"]
        self.addCleanup(self.delete, uuid)
        return self.wait(uuid, "CREATE_COMPLETE")

    def delete(self, uuid, timeout=60):
        """The local cloud lives as long as the class: give its quota
        back."""
        self.call("%s/%s" % (URL, uuid), "DELETE")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status_sync.sync("conductor-a")
            if self.call("%s/%s" % (URL, uuid)).status_int == 404:
                return
            time.sleep(0.2)

    def ca(self, ident, ca_type=None, headers=None):
        path = "%s/%s" % (CERTS, ident)
        if ca_type:
            path += "?ca_cert_type=" + ca_type
        resp = self.call(path, headers=headers, expect=200)
        self.assertTrue(resp.json["cluster_uuid"])
        self.assertNotIn("PRIVATE", resp.text)
        return load_certs(resp.json["pem"])

    def sign(self, uuid, csr, expect=201, headers=None, **extra):
        return self.call(CERTS, "POST", dict(cluster_uuid=uuid, csr=csr,
                                             **extra),
                         expect=expect, headers=headers)

    # -- tests -----------------------------------------------------------
    def test_ca_types_and_signing_policy(self):
        row = self.make()
        kube, = self.ca(row.uuid)
        etcd, = self.ca(row.uuid, "etcd")
        proxy, = self.ca(row.uuid, "front_proxy")
        proxy2, = self.ca(row.uuid, "front-proxy")
        self.assertEqual(proxy, proxy2)
        self.assertEqual(3, len({kube, etcd, proxy}))
        self.assertEqual(kube, self.ca(row.name)[0])   # name works too

        sans = [x509.DNSName("alice.example"),
                x509.IPAddress(__import__("ipaddress").ip_address(
                    "10.0.0.7"))]
        resp = self.sign(row.uuid, make_csr(sans=sans))
        body = resp.json
        self.assertEqual(row.uuid, body["cluster_uuid"])
        self.assertIn("/v1/certificates/" + row.uuid,
                      body["links"][0]["href"])
        cert, = load_certs(body["pem"])
        cert.verify_directly_issued_by(kube)
        self.assertEqual("CN=alice,O=devs", cert.subject.rfc4514_string())
        self.assertEqual(sans, list(cert.extensions.get_extension_for_class(
            x509.SubjectAlternativeName).value))
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        self.assertTrue(usage.digital_signature and usage.key_encipherment)
        self.assertFalse(usage.key_cert_sign)     # filtered out
        self.assertEqual([ExtendedKeyUsageOID.CLIENT_AUTH], list(
            cert.extensions.get_extension_for_class(
                x509.ExtendedKeyUsage).value))
        self.assertFalse(cert.extensions.get_extension_for_class(
            x509.BasicConstraints).value.ca)
        days = (cert.not_valid_after_utc -
                datetime.datetime.now(datetime.UTC)).days
        self.assertIn(days, (364, 365))

        # An EC key on the etcd CA.
        ec_cert, = load_certs(self.sign(
            row.uuid, make_csr(key=ec.generate_private_key(ec.SECP256R1())),
            ca_cert_type="etcd").json["pem"])
        ec_cert.verify_directly_issued_by(etcd)

        issued = db_certs.list_issued(cluster_uuid=row.uuid)
        self.assertEqual(2, len(issued))
        self.assertEqual("%x" % ec_cert.serial_number, issued[0].serial)
        self.assertEqual("etcd_ca", issued[0].ca_cert_type)
        self.assertEqual(self.user_id("demo"), issued[1].requester_user_id)
        self.assertEqual(self.project_id("demo"),
                         issued[1].requester_project_id)

    def test_hostile_csrs_are_400(self):
        row = self.make()
        # A weak key, on purpose: the API must refuse it.
        weak = rsa.generate_private_key(public_exponent=65537,
                                        key_size=1024)  # noqa: S505
        good = make_csr()
        cases = {
            "garbage": "not a csr",
            "garbage PEM": "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"
                           "-----END CERTIFICATE REQUEST-----\n",
            "weak key": make_csr(key=weak),
            "EC P-192": None,
            "CA request": make_csr(ca=True),
            "critical unknown extension": make_csr(extra=[(
                x509.UnrecognizedExtension(
                    x509.ObjectIdentifier("1.2.3.4.5"), b"\x05\x00"),
                True)]),
            "two CSRs": good + good,
            "huge": good + "\n" + "A" * (70 * 1024),
            "empty": "",
        }
        try:
            cases["EC P-192"] = make_csr(
                key=ec.generate_private_key(ec.SECP192R1()))
        except Exception:
            cases.pop("EC P-192")
        for name, csr in cases.items():
            resp = self.sign(row.uuid, csr, expect=None)
            self.assertEqual(400, resp.status_int, "%s: %s" % (name,
                                                              resp.text))
            self.assert_error(resp, 400)
        self.assertEqual([], db_certs.list_issued(cluster_uuid=row.uuid))
        # An unknown cluster is a 400 on POST (Magnum), 404 on GET.
        self.sign("f2d3a4b5-0000-4000-8000-000000000001", good, expect=400)
        self.call(CERTS + "/nope", expect=404)

    def test_policies(self):
        row = self.make()
        other = self.as_user("alt_demo")
        self.call("%s/%s" % (CERTS, row.uuid), headers=other, expect=404)
        self.sign(row.uuid, make_csr(), headers=other, expect=400)
        self.call("%s/%s" % (CERTS, row.uuid), "PATCH", headers=other,
                  expect=404)
        admin = self.as_user("admin")        # stays project-scoped
        self.call("%s/%s" % (CERTS, row.uuid), headers=admin, expect=404)

    def trustee_token(self, row, trust=False):
        auth = v3.Password(
            auth_url=self.cloud.auth_url, user_id=row.trustee_user_id,
            password=crypto.decrypt(row.trustee_password),
            trust_id=row.trust_id if trust else None)
        return ks_session.Session(auth=auth).get_token()

    def test_the_trustee_signs_for_its_cluster_only(self):
        row = self.make()
        other = self.make("k2")
        for trust in (False, True):
            headers = dict(self.demo,
                           **{"X-Auth-Token": self.trustee_token(row,
                                                                 trust)})
            kube, = self.ca(row.uuid, headers=headers)
            cert, = load_certs(self.sign(
                row.uuid, make_csr(cn="system:node:k1-node-0",
                                   org="system:nodes"),
                headers=headers, ca_cert_type="kubelet").json["pem"])
            cert.verify_directly_issued_by(kube)
            if not trust:
                self.call("%s/%s" % (CERTS, other.uuid), headers=headers,
                          expect=404)
                self.sign(other.uuid, make_csr(), headers=headers,
                          expect=400)
                self.call("%s/%s" % (CERTS, row.uuid), "PATCH",
                          headers=headers, expect=403)

    def test_rotation_keeps_the_old_ca_until_complete(self):
        row = self.make()
        old_ca, = self.ca(row.uuid)
        old_etcd, = self.ca(row.uuid, "etcd")
        old_client, = load_certs(self.sign(row.uuid,
                                           make_csr()).json["pem"])
        resp = self.call("%s/%s" % (CERTS, row.uuid), "PATCH", expect=202)
        self.assertEqual({"uuid": row.uuid}, resp.json)
        rotating = db_clusters.get_by_uuid(row.uuid)
        self.assertEqual("UPDATE_IN_PROGRESS", rotating.status)
        self.assertNotEqual(row.ca_cert_ref, rotating.ca_cert_ref)
        # Both CAs while the stacks roll the new one out: old clients
        # still verify, new ones are signed by the new CA.
        new_ca, still_old = self.ca(row.uuid)
        self.assertEqual(old_ca, still_old)
        self.assertNotEqual(old_ca, new_ca)
        self.assertTrue(chains(old_client, self.ca(row.uuid)))
        self.assertEqual(old_etcd, self.ca(row.uuid, "etcd")[1])
        new_client, = load_certs(self.sign(row.uuid,
                                           make_csr()).json["pem"])
        new_client.verify_directly_issued_by(new_ca)
        stack = self.cloud.world.orchestration.get_stack(rotating.stack_id) \
            if hasattr(self.cloud.world, "orchestration") else None
        if stack is not None:
            self.assertTrue(stack["parameters"].get("ca_rotation_id"))
        # A second rotation while one runs is refused as busy.
        self.call("%s/%s" % (CERTS, row.uuid), "PATCH", expect=409)
        self.wait(row.uuid, "UPDATE_COMPLETE")
        current = self.ca(row.uuid)
        self.assertEqual([new_ca], current)
        self.assertFalse(chains(old_client, current))
        self.assertTrue(chains(new_client, current))

    def test_rotation_refused_without_tls(self):
        row = self.make("plain", tls_disabled=True)
        resp = self.call("%s/%s" % (CERTS, row.uuid), "PATCH", expect=400)
        self.assertIn("non-TLS", resp.text)
        self.assertEqual("CREATE_COMPLETE",
                         db_clusters.get_by_uuid(row.uuid).status)
