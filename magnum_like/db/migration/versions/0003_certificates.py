"""Certificates: the record of issued certificates and CA rotations.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from alembic import op
from oslo_db.sqlalchemy import types as db_types
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TABLE_ARGS = {"mysql_engine": "InnoDB", "mysql_charset": "utf8mb4"}


def upgrade():
    op.create_table(
        "issued_certificate",
        sa.Column("created_at", sa.DateTime),
        sa.Column("updated_at", sa.DateTime),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("serial", sa.String(64), nullable=False),
        sa.Column("subject", sa.Text),
        sa.Column("cluster_uuid", sa.String(36), nullable=False),
        sa.Column("ca_cert_type", sa.String(32)),
        sa.Column("requester_user_id", sa.String(255)),
        sa.Column("requester_project_id", sa.String(255)),
        sa.Column("not_after", sa.DateTime),
        **_TABLE_ARGS)
    op.create_index("issued_certificate_cluster_idx", "issued_certificate",
                    ["cluster_uuid"])
    op.create_table(
        "ca_rotation",
        sa.Column("created_at", sa.DateTime),
        sa.Column("updated_at", sa.DateTime),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36)),
        sa.Column("cluster_uuid", sa.String(36), nullable=False),
        sa.Column("state", sa.String(20)),
        sa.Column("previous_refs", db_types.JsonEncodedDict),
        sa.Column("completed_at", sa.DateTime, nullable=True),
        sa.UniqueConstraint("uuid", name="uniq_ca_rotation0uuid"),
        **_TABLE_ARGS)
    op.create_index("ca_rotation_cluster_idx", "ca_rotation",
                    ["cluster_uuid"])
