"""Route designer: named saved tours.

Revision ID: 0002_saved_routes
Revises: 0001_registry
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_saved_routes"
down_revision: str | None = "0001_registry"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "saved_routes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("stop_ids", sa.Text(), nullable=False),
        sa.Column("mode", sa.Text(), nullable=False),
        sa.Column("start_min", sa.Integer(), nullable=False),
        sa.Column("optimise", sa.Boolean(), nullable=False),
        sa.Column("round_trip", sa.Boolean(), nullable=False),
        sa.Column("fixed_end", sa.Boolean(), nullable=False),
        sa.Column("respect_hours", sa.Boolean(), nullable=False),
        sa.Column("saved_by", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "mode IN ('car', 'motorbike', 'bicycle', 'walk')", name=op.f("ck_saved_routes_mode")
        ),
        sa.CheckConstraint(
            "start_min >= 0 AND start_min < 1440", name=op.f("ck_saved_routes_start_min")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_routes")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_routes_name")),
    )


def downgrade() -> None:
    op.drop_table("saved_routes")
