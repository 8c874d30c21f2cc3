"""Tamper-evident audit: hash-chained ``checklist_audit`` rows; no DELETE or REPLACE either.

Revision ID: 0009_audit_chain
Revises: 0008_login_throttle
Create Date: 2026-12-06

Adds ``prev_hash`` and ``row_hash`` (ocop_geo.database.audit_chain) and fills them for the rows
there are, oldest first, then makes them NOT NULL. The guards of 0004 (no UPDATE) are replaced
by ocop_geo.database.audit_chain.GUARDS: no UPDATE, no DELETE and no ``INSERT OR REPLACE`` on
SQLite; no UPDATE, DELETE or TRUNCATE on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ocop_geo.database import audit_chain
from ocop_geo.database.tables import checklist_audit

revision: str = "0009_audit_chain"
down_revision: str | None = "0008_login_throttle"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD_FUNCTION = "checklist_audit_no_update()"  # 0004's PostgreSQL trigger function


def upgrade() -> None:
    conn = op.get_bind()
    audit_chain.drop_guards(conn)  # 0004's no_update trigger is one of them
    if conn.dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {_OLD_FUNCTION}")
    with op.batch_alter_table("checklist_audit") as batch:
        batch.add_column(sa.Column("prev_hash", sa.Text(), nullable=True))
        batch.add_column(sa.Column("row_hash", sa.Text(), nullable=True))
    prev = audit_chain.GENESIS
    c = checklist_audit.c
    fields = [c[name] for name in audit_chain.FIELDS]
    rows = conn.execute(sa.select(c.id, *fields).order_by(c.id)).mappings().all()
    for row in rows:
        digest = audit_chain.row_hash(row, prev)
        conn.execute(
            sa.update(checklist_audit)
            .where(c.id == row["id"])
            .values(prev_hash=prev, row_hash=digest)
        )
        prev = digest
    with op.batch_alter_table("checklist_audit") as batch:
        batch.alter_column("prev_hash", existing_type=sa.Text(), nullable=False)
        batch.alter_column("row_hash", existing_type=sa.Text(), nullable=False)
    audit_chain.create_guards(conn)


def downgrade() -> None:
    conn = op.get_bind()
    audit_chain.drop_guards(conn)
    with op.batch_alter_table("checklist_audit") as batch:
        batch.drop_column("row_hash")
        batch.drop_column("prev_hash")
    message = "checklist_audit is append-only: its rows cannot be changed"
    if conn.dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {_OLD_FUNCTION} RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION '{message}' USING ERRCODE = 'raise_exception'; END $$"
        )
        op.execute(
            "CREATE TRIGGER checklist_audit_no_update BEFORE UPDATE ON checklist_audit "
            f"FOR EACH ROW EXECUTE FUNCTION {_OLD_FUNCTION}"
        )
    else:
        op.execute(
            "CREATE TRIGGER checklist_audit_no_update BEFORE UPDATE ON checklist_audit "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
