"""Plan tasks: the agencies an editor works for (they update the tasks those agencies lead).

Revision ID: 0007_user_agencies
Revises: 0006_registry_matched
Create Date: 2026-12-06

Progress on KH 100's tasks is kept in ``checklist_state``/``checklist_audit`` (the same optimistic
locking and append-only log as the checklists), so only the assignment table is new.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_user_agencies"
down_revision: str | None = "0006_registry_matched"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_agencies",
        sa.Column("username", sa.Text(), nullable=False),
        sa.Column("agency_id", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["username"],
            ["users.username"],
            name=op.f("fk_user_agencies_username_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("username", "agency_id", name=op.f("pk_user_agencies")),
    )


def downgrade() -> None:
    op.drop_table("user_agencies")
