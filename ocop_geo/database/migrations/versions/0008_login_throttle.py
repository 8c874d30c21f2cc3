"""Log-in throttle: failed log-ins per name tried (a growing delay) instead of a lock-out.

Revision ID: 0008_login_throttle
Revises: 0006_registry_matched
Create Date: 2026-12-06

Drops ``users.failed_logins`` and ``users.locked_until`` (a lock-out anyone could keep on): the
counts move to ``login_throttle``, keyed by the SHA-256 of the lower-cased name tried, so that
unknown names are slowed down like known ones (ocop_geo.auth.throttle). Existing counts and
locks are not carried over: every account starts with no failures.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_login_throttle"
down_revision: str | None = "0007_user_agencies"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("name_key", sa.Text(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("failures >= 1", name=op.f("ck_login_throttle_failures")),
        sa.PrimaryKeyConstraint("name_key", name=op.f("pk_login_throttle")),
    )
    op.create_index(op.f("ix_login_throttle_last_failure"), "login_throttle", ["last_failure"])
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("ck_users_failed_logins"), type_="check")
        batch.drop_column("failed_logins")
        batch.drop_column("locked_until")


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True))
        batch.create_check_constraint(op.f("ck_users_failed_logins"), "failed_logins >= 0")
    op.drop_index(op.f("ix_login_throttle_last_failure"), table_name="login_throttle")
    op.drop_table("login_throttle")
