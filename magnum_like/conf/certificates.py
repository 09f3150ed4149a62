"""[certificates] and [x509] options."""

from oslo_config import cfg

certificates_group = cfg.OptGroup(
    name="certificates", title="Certificate manager options")
x509_group = cfg.OptGroup(name="x509", title="X.509 signing options")

certificates_opts = [
    cfg.StrOpt(
        "cert_manager_type", default="x509keypair",
        help="Certificate manager backend (an entry point of "
             "magnum_like.cert_manager.backend): x509keypair (the "
             "database, keys encrypted), local (files, for tests) or "
             "barbican (Barbican secrets in the project of the "
             "[keystone_auth] service user, endpoint chosen by "
             "[barbican_client]; needs python-barbicanclient, the "
             "`barbican` extra)."),
    cfg.StrOpt(
        "storage_path", default="$state_path/certificates",
        help="Directory of the `local` certificate manager."),
    cfg.StrOpt(
        "encryption_key", secret=True,
        help="Fernet key (urlsafe base64, 32 bytes) that encrypts the "
             "private keys stored by the x509keypair backend. Required "
             "in production; the all-in-one generates one."),
]

x509_opts = [
    cfg.BoolOpt(
        "allow_ca", default=False,
        help="Honour a CA:true basic constraint in signed CSRs."),
    cfg.ListOpt(
        "allowed_extensions",
        default=["keyUsage", "extendedKeyUsage", "subjectAltName",
                 "basicConstraints", "subjectKeyIdentifier"],
        help="Extensions a CSR may carry into the signed certificate."),
    cfg.ListOpt(
        "allowed_key_usage",
        default=["Digital Signature", "Key Encipherment",
                 "Non Repudiation"],
        help="Key usages a signed certificate may carry."),
    cfg.IntOpt(
        "term_of_validity", default=365, min=1,
        help="Days a signed certificate stays valid."),
    cfg.IntOpt(
        "rsa_key_size", default=2048, min=2048,
        help="Size in bits of the RSA keys of cluster CAs."),
]


def register_opts(conf):
    conf.register_group(certificates_group)
    conf.register_opts(certificates_opts, group=certificates_group)
    conf.register_group(x509_group)
    conf.register_opts(x509_opts, group=x509_group)


def list_opts():
    return {certificates_group: certificates_opts, x509_group: x509_opts}
