"""Initial schema: Magnum's tables, trust columns and the cluster lock.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from alembic import op
from oslo_db.sqlalchemy import types as db_types
import sqlalchemy as sa

from magnum_like.conf import CONF

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_OPTS = {"mysql_engine": CONF.database.mysql_engine,
         "mysql_charset": "utf8mb4"}


def _s(name, length=255, **kwargs):
    return sa.Column(name, sa.String(length), **kwargs)


def _common(*columns):
    return (sa.Column("created_at", sa.DateTime),
            sa.Column("updated_at", sa.DateTime),
            sa.Column("id", sa.Integer, primary_key=True, nullable=False),
            ) + columns


def _cluster_template():
    op.create_table(
        "cluster_template",
        *_common(
            _s("uuid", 36), _s("project_id"), _s("user_id"), _s("name"),
            _s("image_id"), _s("flavor_id"), _s("master_flavor_id"),
            _s("keypair_id"), _s("external_network_id"),
            _s("fixed_network"), _s("fixed_subnet"), _s("network_driver"),
            _s("volume_driver"), _s("dns_nameserver"),
            sa.Column("apiserver_port", sa.Integer),
            sa.Column("docker_volume_size", sa.Integer),
            _s("docker_storage_driver"), _s("cluster_distro"), _s("coe"),
            _s("http_proxy"), _s("https_proxy"), _s("no_proxy"),
            sa.Column("registry_enabled", sa.Boolean),
            sa.Column("labels", db_types.JsonEncodedDict),
            sa.Column("tls_disabled", sa.Boolean),
            sa.Column("public", sa.Boolean),
            _s("server_type"), _s("insecure_registry"),
            sa.Column("master_lb_enabled", sa.Boolean),
            sa.Column("floating_ip_enabled", sa.Boolean),
            sa.Column("hidden", sa.Boolean),
            _s("tags"), _s("driver"),
            sa.UniqueConstraint("uuid", name="uniq_cluster_template0uuid")),
        **_OPTS)


def _cluster():
    op.create_table(
        "cluster",
        *_common(
            _s("uuid", 36), _s("project_id"), _s("user_id"), _s("name"),
            _s("cluster_template_id"), _s("keypair"),
            sa.Column("docker_volume_size", sa.Integer),
            sa.Column("labels", db_types.JsonEncodedDict),
            _s("master_flavor_id"), _s("flavor_id"), _s("stack_id"),
            _s("api_address"), _s("status", 20),
            sa.Column("status_reason", sa.Text),
            _s("health_status", 20),
            sa.Column("health_status_reason", db_types.JsonEncodedDict),
            sa.Column("create_timeout", sa.Integer),
            _s("discovery_url"), _s("coe_version"),
            _s("container_version"), _s("ca_cert_ref", 512),
            _s("magnum_cert_ref", 512), _s("etcd_ca_cert_ref", 512),
            _s("front_proxy_ca_cert_ref", 512), _s("fixed_network"),
            _s("fixed_subnet"),
            sa.Column("floating_ip_enabled", sa.Boolean),
            sa.Column("master_lb_enabled", sa.Boolean),
            _s("trust_id"), _s("trustee_username"), _s("trustee_user_id"),
            _s("trustee_password"), _s("reservation"),
            sa.Column("reserved_at", sa.DateTime), _s("reserved_for"),
            sa.UniqueConstraint("uuid", name="uniq_cluster0uuid")),
        **_OPTS)
    op.create_index("cluster_status_idx", "cluster", ["status"])
    op.create_index("cluster_project_id_idx", "cluster", ["project_id"])


def _nodegroup():
    op.create_table(
        "nodegroup",
        *_common(
            _s("uuid", 36), _s("name"), _s("cluster_id"), _s("project_id"),
            sa.Column("docker_volume_size", sa.Integer, nullable=True),
            sa.Column("labels", db_types.JsonEncodedDict, nullable=True),
            _s("flavor_id", nullable=True), _s("image_id", nullable=True),
            sa.Column("node_addresses", db_types.JsonEncodedList,
                      nullable=True),
            sa.Column("node_count", sa.Integer), _s("role"),
            sa.Column("max_node_count", sa.Integer),
            sa.Column("min_node_count", sa.Integer),
            sa.Column("is_default", sa.Boolean), _s("stack_id"),
            _s("status", 20), sa.Column("status_reason", sa.Text),
            _s("version", 20),
            sa.Column("node_labels", db_types.JsonEncodedDict,
                      nullable=True),
            sa.Column("node_taints", db_types.JsonEncodedList,
                      nullable=True),
            sa.UniqueConstraint("uuid", name="uniq_nodegroup0uuid"),
            sa.UniqueConstraint("cluster_id", "name",
                                name="uniq_nodegroup0cluster_id0name")),
        **_OPTS)


def _small_tables():
    op.create_table(
        "x509keypair",
        *_common(
            _s("uuid", 36), sa.Column("certificate", sa.Text),
            sa.Column("private_key", sa.Text),
            sa.Column("private_key_passphrase", sa.Text),
            sa.Column("intermediates", sa.Text), _s("project_id"),
            _s("user_id"),
            sa.UniqueConstraint("uuid", name="uniq_x509keypair0uuid")),
        **_OPTS)
    op.create_table(
        "magnum_service",
        *_common(
            _s("host"), _s("binary"), sa.Column("disabled", sa.Boolean),
            _s("disabled_reason"),
            sa.Column("last_seen_up", sa.DateTime, nullable=True),
            sa.Column("forced_down", sa.Boolean),
            sa.Column("report_count", sa.Integer, nullable=False),
            sa.UniqueConstraint("host", "binary",
                                name="uniq_magnum_service0host0binary")),
        **_OPTS)
    op.create_table(
        "quotas",
        *_common(
            _s("project_id"), _s("resource"),
            sa.Column("hard_limit", sa.Integer),
            sa.UniqueConstraint("project_id", "resource",
                                name="uniq_quotas0project_id0resource")),
        **_OPTS)
    op.create_table(
        "federation",
        *_common(
            _s("project_id"), _s("uuid", 36), _s("name"),
            _s("hostcluster_id"),
            sa.Column("member_ids", db_types.JsonEncodedList),
            _s("status", 20), sa.Column("status_reason", sa.Text),
            sa.Column("properties", db_types.JsonEncodedDict),
            sa.UniqueConstraint("uuid", name="uniq_federation0uuid")),
        **_OPTS)


def upgrade():
    _cluster_template()
    _cluster()
    _nodegroup()
    _small_tables()
