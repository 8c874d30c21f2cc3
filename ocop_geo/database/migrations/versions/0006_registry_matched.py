"""Registry products: how each row's place was found (``matched``) and its accuracy (m).

Revision ID: 0006_registry_matched
Revises: 0005_users
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_registry_matched"
down_revision: str | None = "0005_users"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("registry_products") as batch:
        batch.add_column(sa.Column("matched", sa.Text(), nullable=False, server_default="none"))
        batch.add_column(sa.Column("accuracy_m", sa.Double(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("registry_products") as batch:
        batch.drop_column("accuracy_m")
        batch.drop_column("matched")
