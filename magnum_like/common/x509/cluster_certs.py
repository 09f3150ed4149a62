"""The certificates of a cluster (facts §8.5): three CAs (kubernetes,
etcd, front-proxy) and the service's client certificate (CN admin,
O system:masters) signed by the kubernetes CA."""

import dataclasses

from magnum_like.common.x509 import operations

# cluster column -> CA kind, in the order Magnum generates them.
CA_REFS = (("ca_cert_ref", "kubernetes"),
           ("etcd_ca_cert_ref", "etcd"),
           ("front_proxy_ca_cert_ref", "front-proxy"))
CLIENT_REF = "magnum_cert_ref"
REF_COLUMNS = tuple(col for col, _ in CA_REFS) + (CLIENT_REF,)
CLIENT_CN = "admin"
CLIENT_ORG = "system:masters"


@dataclasses.dataclass(frozen=True)
class ClusterCertificates:
    """{ref column: KeyPair}; the client pair's `intermediates` is the
    kubernetes CA certificate."""

    pairs: dict

    @property
    def client(self):
        return self.pairs[CLIENT_REF]

    @property
    def ca(self):
        return self.pairs["ca_cert_ref"]


def generate(cluster_name, key_size=None, client_key=None):
    """Fresh CAs and client certificate for a cluster; `client_key`
    (PEM) keeps the client's key (a CA rotation)."""
    pairs = {col: operations.generate_ca(cluster_name, key_size)
             for col, _ in CA_REFS}
    pairs[CLIENT_REF] = operations.generate_client_cert(
        pairs["ca_cert_ref"], CLIENT_CN, CLIENT_ORG, key_size,
        private_key=client_key)
    return ClusterCertificates(pairs)
