"""Readiness: checklist state per (site, item) and its append-only audit log.

Revision ID: 0004_readiness
Revises: 0003_candidates
Create Date: 2026-12-01

The database refuses UPDATE on ``checklist_audit`` (a trigger on SQLite and PostgreSQL). DELETE
stays possible: ``Store.restore`` empties every table before copying a backup in.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_readiness"
down_revision: str | None = "0003_candidates"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MESSAGE = "checklist_audit is append-only: its rows cannot be changed"

_SQLITE_TRIGGER = f"""
CREATE TRIGGER checklist_audit_no_update BEFORE UPDATE ON checklist_audit
BEGIN
    SELECT RAISE(ABORT, '{_MESSAGE}');
END
"""

_POSTGRES_FUNCTION = f"""
CREATE FUNCTION checklist_audit_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{_MESSAGE}' USING ERRCODE = 'raise_exception';
END
$$
"""

_POSTGRES_TRIGGER = """
CREATE TRIGGER checklist_audit_no_update BEFORE UPDATE ON checklist_audit
FOR EACH ROW EXECUTE FUNCTION checklist_audit_no_update()
"""


def upgrade() -> None:
    op.create_table(
        "checklist_state",
        sa.Column("site_id", sa.Text(), nullable=False),
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence_url", sa.Text(), nullable=True),
        sa.Column("evidence_date", sa.Date(), nullable=True),
        sa.Column("updated_by", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('not_started', 'in_progress', 'done', 'not_applicable', 'blocked', "
            "'unknown')",
            name=op.f("ck_checklist_state_status"),
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_checklist_state_version")),
        sa.CheckConstraint("length(note) <= 2000", name=op.f("ck_checklist_state_note")),
        sa.PrimaryKeyConstraint("site_id", "item_id", name=op.f("pk_checklist_state")),
    )
    op.create_table(
        "checklist_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Text(), nullable=False),
        sa.Column("item_id", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("version_after", sa.Integer(), nullable=False),
        sa.CheckConstraint("version_after >= 1", name=op.f("ck_checklist_audit_version_after")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_audit")),
    )
    op.create_index(op.f("ix_checklist_audit_site_id"), "checklist_audit", ["site_id", "item_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_POSTGRES_FUNCTION)
        op.execute(_POSTGRES_TRIGGER)
    else:
        op.execute(_SQLITE_TRIGGER)


def downgrade() -> None:
    op.drop_index(op.f("ix_checklist_audit_site_id"), table_name="checklist_audit")
    op.drop_table("checklist_audit")  # drops its trigger too
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS checklist_audit_no_update()")
    op.drop_table("checklist_state")
