"""SQLAlchemy models: the tables of Magnum (facts §13) plus our own.

JSON columns hold JSON text. Magnum 22's trust columns are kept on
cluster, and `reservation`/`reserved_at` implement the per-cluster lock
(architecture.md "Locking").
"""

from oslo_db.sqlalchemy import models
from oslo_db.sqlalchemy import types as db_types
import sqlalchemy as sa
from sqlalchemy import orm


def table_args():
    """Options the MySQL/MariaDB dialect honours; others ignore them."""
    return {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4"}


class Base(models.TimestampMixin, models.ModelBase, orm.DeclarativeBase):
    """created_at/updated_at on every table, dict-like access."""

    def as_dict(self):
        return {c.name: getattr(self, c.key)
                for c in self.__table__.columns}


def _str(length=255, **kwargs):
    return sa.Column(sa.String(length), **kwargs)


class ClusterTemplate(Base):
    __tablename__ = "cluster_template"
    __table_args__ = (
        sa.UniqueConstraint("uuid", name="uniq_cluster_template0uuid"),
        table_args())
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = _str(36)
    project_id = _str()
    user_id = _str()
    name = _str()
    image_id = _str()
    flavor_id = _str()
    master_flavor_id = _str()
    keypair_id = _str()
    external_network_id = _str()
    fixed_network = _str()
    fixed_subnet = _str()
    network_driver = _str()
    volume_driver = _str()
    dns_nameserver = _str()
    apiserver_port = sa.Column(sa.Integer)
    docker_volume_size = sa.Column(sa.Integer)
    docker_storage_driver = _str()
    cluster_distro = _str()
    coe = _str()
    http_proxy = _str()
    https_proxy = _str()
    no_proxy = _str()
    registry_enabled = sa.Column(sa.Boolean, default=False)
    labels = sa.Column(db_types.JsonEncodedDict)
    tls_disabled = sa.Column(sa.Boolean, default=False)
    public = sa.Column(sa.Boolean, default=False)
    server_type = _str()
    insecure_registry = _str()
    master_lb_enabled = sa.Column(sa.Boolean, default=False)
    floating_ip_enabled = sa.Column(sa.Boolean, default=True)
    hidden = sa.Column(sa.Boolean, default=False)
    tags = _str()
    driver = _str()


class Cluster(Base):
    __tablename__ = "cluster"
    __table_args__ = (
        sa.UniqueConstraint("uuid", name="uniq_cluster0uuid"),
        sa.Index("cluster_status_idx", "status"),
        sa.Index("cluster_project_id_idx", "project_id"),
        table_args())
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = _str(36)
    project_id = _str()
    user_id = _str()
    name = _str()
    cluster_template_id = _str()
    keypair = _str()
    docker_volume_size = sa.Column(sa.Integer)
    labels = sa.Column(db_types.JsonEncodedDict)
    master_flavor_id = _str()
    flavor_id = _str()
    stack_id = _str()
    api_address = _str()
    status = _str(20)
    status_reason = sa.Column(sa.Text)
    health_status = _str(20)
    health_status_reason = sa.Column(db_types.JsonEncodedDict)
    create_timeout = sa.Column(sa.Integer)
    discovery_url = _str()
    coe_version = _str()
    container_version = _str()
    ca_cert_ref = _str(512)
    magnum_cert_ref = _str(512)
    etcd_ca_cert_ref = _str(512)
    front_proxy_ca_cert_ref = _str(512)
    fixed_network = _str()
    fixed_subnet = _str()
    floating_ip_enabled = sa.Column(sa.Boolean, default=True)
    master_lb_enabled = sa.Column(sa.Boolean, default=False)
    # Magnum 22's trust columns.
    trust_id = _str()
    trustee_username = _str()
    trustee_user_id = _str()
    trustee_password = _str()
    # The per-cluster lock: which conductor holds it, since when, for what.
    reservation = _str()
    reserved_at = sa.Column(sa.DateTime)
    reserved_for = _str()
    # The operation the API recorded before casting, until the conductor
    # has handed it to Heat (or failed it): {"op", "params",
    # "requested_at"}.
    pending_operation = sa.Column(db_types.JsonEncodedDict, nullable=True)


class NodeGroup(Base):
    __tablename__ = "nodegroup"
    __table_args__ = (
        sa.UniqueConstraint("uuid", name="uniq_nodegroup0uuid"),
        sa.UniqueConstraint("cluster_id", "name",
                            name="uniq_nodegroup0cluster_id0name"),
        table_args())
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = _str(36)
    name = _str()
    cluster_id = _str()
    project_id = _str()
    docker_volume_size = sa.Column(sa.Integer, nullable=True)
    labels = sa.Column(db_types.JsonEncodedDict, nullable=True)
    flavor_id = _str(nullable=True)
    image_id = _str(nullable=True)
    node_addresses = sa.Column(db_types.JsonEncodedList, nullable=True)
    node_count = sa.Column(sa.Integer)
    role = _str()
    max_node_count = sa.Column(sa.Integer)
    min_node_count = sa.Column(sa.Integer)
    is_default = sa.Column(sa.Boolean, default=False)
    stack_id = _str()
    status = _str(20)
    status_reason = sa.Column(sa.Text)
    version = _str(20)
    node_labels = sa.Column(db_types.JsonEncodedDict, nullable=True)
    node_taints = sa.Column(db_types.JsonEncodedList, nullable=True)


class X509KeyPair(Base):
    __tablename__ = "x509keypair"
    __table_args__ = (
        sa.UniqueConstraint("uuid", name="uniq_x509keypair0uuid"),
        table_args())
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = _str(36)
    certificate = sa.Column(sa.Text)
    private_key = sa.Column(sa.Text)
    private_key_passphrase = sa.Column(sa.Text)
    intermediates = sa.Column(sa.Text)
    project_id = _str()
    user_id = _str()


class MagnumService(Base):
    __tablename__ = "magnum_service"
    __table_args__ = (
        sa.UniqueConstraint("host", "binary",
                            name="uniq_magnum_service0host0binary"),
        table_args())
    id = sa.Column(sa.Integer, primary_key=True)
    host = _str()
    binary = _str()
    disabled = sa.Column(sa.Boolean, default=False)
    disabled_reason = _str()
    last_seen_up = sa.Column(sa.DateTime, nullable=True)
    forced_down = sa.Column(sa.Boolean, default=False)
    report_count = sa.Column(sa.Integer, nullable=False, default=0)


class Quota(Base):
    __tablename__ = "quotas"
    __table_args__ = (
        sa.UniqueConstraint("project_id", "resource",
                            name="uniq_quotas0project_id0resource"),
        table_args())
    id = sa.Column(sa.Integer, primary_key=True)
    project_id = _str()
    resource = _str()
    hard_limit = sa.Column(sa.Integer)


class Federation(Base):
    __tablename__ = "federation"
    __table_args__ = (
        sa.UniqueConstraint("uuid", name="uniq_federation0uuid"),
        table_args())
    id = sa.Column(sa.Integer, primary_key=True)
    project_id = _str()
    uuid = _str(36)
    name = _str()
    hostcluster_id = _str()
    member_ids = sa.Column(db_types.JsonEncodedList)
    status = _str(20)
    status_reason = sa.Column(sa.Text)
    properties = sa.Column(db_types.JsonEncodedDict)


class IssuedCertificate(Base):
    """Every certificate the certificates API signed (no key, no PEM)."""

    __tablename__ = "issued_certificate"
    __table_args__ = (
        sa.Index("issued_certificate_cluster_idx", "cluster_uuid"),
        table_args())
    id = sa.Column(sa.Integer, primary_key=True)
    serial = _str(64, nullable=False)
    subject = sa.Column(sa.Text)
    cluster_uuid = _str(36, nullable=False)
    ca_cert_type = _str(32)
    requester_user_id = _str()
    requester_project_id = _str()
    not_after = sa.Column(sa.DateTime)


class CaRotation(Base):
    """A CA rotation of a cluster: the refs it replaced, trusted until
    the cluster's stacks finished rolling the new CAs out."""

    __tablename__ = "ca_rotation"
    __table_args__ = (
        sa.UniqueConstraint("uuid", name="uniq_ca_rotation0uuid"),
        sa.Index("ca_rotation_cluster_idx", "cluster_uuid"),
        table_args())
    id = sa.Column(sa.Integer, primary_key=True)
    uuid = _str(36)
    cluster_uuid = _str(36, nullable=False)
    state = _str(20)
    previous_refs = sa.Column(db_types.JsonEncodedDict)
    completed_at = sa.Column(sa.DateTime, nullable=True)
