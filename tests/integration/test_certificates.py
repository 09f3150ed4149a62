"""`openstack coe cluster config` and `coe ca show/sign/rotate` (the
real CLI) against the API and conductor processes and the local cloud:
the kubeconfig the client writes loads with the `kubernetes` client, its
certificate chains to the cluster's CA and its server is the cluster's
api_address; a rotation bundles both CAs until it completes."""

import os
import subprocess
import tempfile

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from kubernetes import client as k8s_client
from kubernetes import config as k8s_config

from tests.integration import processes
from tests.integration import test_clusters


def _certs(pem):
    return x509.load_pem_x509_certificates(pem.encode())


class TestCertificatesCLI(test_clusters.ClusterCLITestCase):
    def test_config_show_sign_rotate(self):
        self.template("k8s", "v1.30.4")
        self.coe(0, "cluster", "create", "k1", "--cluster-template", "k8s",
                 "--node-count", "1", json_output=False)
        cluster = self.wait("k1", "CREATE_COMPLETE")

        # coe cluster config: GET cluster, template, CA; POST a CSR.
        workdir = tempfile.mkdtemp()
        self.addCleanup(subprocess.run, ["rm", "-rf", workdir])
        out = self.coe(1, "cluster", "config", "k1", "--dir", workdir,
                       "--force", json_output=False)
        path = os.path.join(workdir, "config")
        self.assertIn(path, out)
        conf = k8s_client.Configuration()
        k8s_config.load_kube_config(config_file=path,
                                    client_configuration=conf)
        self.assertEqual(cluster["api_address"], conf.host)
        with open(conf.ssl_ca_cert) as f:
            ca, = _certs(f.read())
        with open(conf.cert_file) as f:
            client_cert, = _certs(f.read())
        client_cert.verify_directly_issued_by(ca)
        self.assertEqual("O=system:masters,CN=admin",
                         client_cert.subject.rfc4514_string())

        # coe ca show: the same CA.
        shown = self.coe(0, "ca", "show", "k1", json_output=False)
        self.assertEqual([ca], _certs(shown))

        # coe ca sign with a CSR file.
        key = rsa.generate_private_key(public_exponent=65537,
                                       key_size=2048)
        csr = x509.CertificateSigningRequestBuilder().subject_name(
            x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bob")])
        ).sign(key, hashes.SHA256())
        csr_path = os.path.join(workdir, "bob.csr")
        with open(csr_path, "wb") as f:
            f.write(csr.public_bytes(serialization.Encoding.PEM))
        signed = self.coe(1, "ca", "sign", "k1", csr_path,
                          json_output=False)
        bob, = _certs(signed)
        bob.verify_directly_issued_by(ca)
        with open(csr_path, "w") as f:
            f.write("garbage")
        failed = self.assertRaises(
            processes.CommandFailed, self.coe, 0, "ca", "sign", "k1",
            csr_path, json_output=False)
        self.assertIn("invalid csr", (failed.stderr + failed.stdout).lower())

        # coe ca rotate: both CAs until the stacks are done.
        self.coe(0, "ca", "rotate", "k1", json_output=False)
        during = _certs(self.coe(1, "ca", "show", "k1", json_output=False))
        if len(during) == 2:            # the sync may already be done
            self.assertEqual(ca, during[1])
        self.wait("k1", "UPDATE_COMPLETE")
        after = _certs(self.coe(1, "ca", "show", "k1", json_output=False))
        self.assertEqual(1, len(after))
        self.assertNotEqual(ca, after[0])
        self.assertRaises((ValueError, InvalidSignature),
                          client_cert.verify_directly_issued_by, after[0])
        # A fresh kubeconfig trusts the new CA.
        self.coe(0, "cluster", "config", "k1", "--dir", workdir, "--force",
                 json_output=False)
        conf = k8s_client.Configuration()
        k8s_config.load_kube_config(config_file=path,
                                    client_configuration=conf)
        with open(conf.cert_file) as f:
            _certs(f.read())[0].verify_directly_issued_by(after[0])

        # The operator's record of what was signed.
        listed = subprocess.run(
            [os.path.join(processes.BIN, "magnum-like-status"),
             "--config-file", self.deploy.config,
             "issued-certificates", "--cluster", cluster["uuid"]],
            capture_output=True, text=True, check=True).stdout
        self.assertIn("CN=bob", listed)
        self.assertEqual(2, listed.count("O=system:masters,CN=admin"))
        self.coe(0, "cluster", "delete", "k1", json_output=False)
        self.wait("k1", None)
