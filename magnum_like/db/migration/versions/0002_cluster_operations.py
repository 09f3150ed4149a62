"""Cluster operations: the operation the API recorded before its cast,
until the conductor has handed it to Heat (or failed it).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from alembic import op
from oslo_db.sqlalchemy import types as db_types
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("cluster", sa.Column("pending_operation",
                                       db_types.JsonEncodedDict,
                                       nullable=True))
