"""OCOP product registry: imports and their products.

Revision ID: 0001_registry
Revises:
Create Date: 2025-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001_registry"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "registry_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("source_filename", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("placed_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_imports")),
        sa.UniqueConstraint("name", name=op.f("uq_registry_imports_name")),
    )
    op.create_table(
        "registry_products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("product_name", sa.Text(), nullable=False),
        sa.Column("producer", sa.Text(), nullable=False),
        sa.Column("stars", sa.SmallInteger(), nullable=False),
        sa.Column("product_group", sa.Text(), nullable=False),
        sa.Column("year_rated", sa.Integer(), nullable=False),
        sa.Column("lat", sa.Double(), nullable=True),
        sa.Column("lon", sa.Double(), nullable=True),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("ward", sa.Text(), nullable=False),
        sa.Column("district", sa.Text(), nullable=False),
        sa.Column("placed_lon", sa.Double(), nullable=True),
        sa.Column("placed_lat", sa.Double(), nullable=True),
        sa.Column("ward_2025", sa.Text(), nullable=True),
        sa.Column("ward_osm_id", sa.BigInteger(), nullable=True),
        sa.Column("district_2020", sa.Text(), nullable=True),
        sa.Column("district_gso", sa.Text(), nullable=True),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint("stars IN (3, 4, 5)", name=op.f("ck_registry_products_stars")),
        sa.CheckConstraint(
            "method IN ('coordinates', 'ward', 'district', 'unplaced')",
            name=op.f("ck_registry_products_method"),
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["registry_imports.id"],
            name=op.f("fk_registry_products_import_id_registry_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_products")),
    )
    op.create_index(
        op.f("ix_registry_products_import_id"), "registry_products", ["import_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_registry_products_import_id"), table_name="registry_products")
    op.drop_table("registry_products")
    op.drop_table("registry_imports")
