"""Every table of the runtime database (SQLAlchemy Core), in one :data:`metadata`.

Change a table only together with a new Alembic revision in
``ocop_geo/database/migrations/versions``; ``tests/test_store.py`` compares this metadata with
the migrated database on SQLite and PostgreSQL. :mod:`ocop_geo.database.store` re-exports
every name here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    Table,
    Text,
    TypeDecorator,
)

__all__ = [
    "NAMING_CONVENTION",
    "UTCDateTime",
    "candidate_sets",
    "checklist_audit",
    "checklist_state",
    "login_throttle",
    "metadata",
    "registry_imports",
    "registry_products",
    "saved_routes",
    "user_agencies",
    "user_sites",
    "users",
]


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp: ``timestamptz`` on PostgreSQL, UTC text on SQLite.

    Naive datetimes are refused on the way in; values always come back tz-aware in UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            msg = f"naive datetime {value!r}: give a timezone-aware (UTC) value"
            raise ValueError(msg)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


#: Constraint names are predictable on every database, so migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Every table of the runtime database. Change it only together with a new Alembic revision.
metadata = MetaData(naming_convention=NAMING_CONVENTION)

registry_imports = Table(
    "registry_imports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("source_filename", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("imported_by", Text, nullable=False),
    Column("imported_at", UTCDateTime, nullable=False),
    Column("row_count", Integer, nullable=False),
    Column("placed_count", Integer, nullable=False),
)

registry_products = Table(
    "registry_products",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "import_id",
        Integer,
        ForeignKey("registry_imports.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("row", Integer, nullable=False),
    Column("product_name", Text, nullable=False),
    Column("producer", Text, nullable=False),
    Column("stars", SmallInteger, nullable=False),
    Column("product_group", Text, nullable=False),
    Column("year_rated", Integer, nullable=False),
    Column("lat", Double),
    Column("lon", Double),
    Column("address", Text, nullable=False),
    Column("ward", Text, nullable=False),
    Column("district", Text, nullable=False),
    Column("placed_lon", Double),
    Column("placed_lat", Double),
    Column("ward_2025", Text),
    Column("ward_osm_id", BigInteger),
    Column("district_2020", Text),
    Column("district_gso", Text),
    Column("method", Text, nullable=False),
    Column("reason", Text, nullable=False),
    # how the place was found (placement.MATCHES) and how far off it may be (m); 0006
    Column("matched", Text, nullable=False, server_default="none"),
    Column("accuracy_m", Double),
    CheckConstraint("stars IN (3, 4, 5)", name="stars"),
    CheckConstraint(
        "method IN ('coordinates', 'ward', 'district', 'unplaced')",
        name="method",
    ),
)

#: Named tours saved from the route designer: what to plan, not the planned figures (those are
#: recomputed with the router of the day). ``stop_ids`` is a JSON array of site/POI ids.
saved_routes = Table(
    "saved_routes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("stop_ids", Text, nullable=False),
    Column("mode", Text, nullable=False),
    Column("start_min", Integer, nullable=False),
    Column("optimise", Boolean, nullable=False),
    Column("round_trip", Boolean, nullable=False),
    Column("fixed_end", Boolean, nullable=False),
    Column("respect_hours", Boolean, nullable=False),
    Column("saved_by", Text, nullable=False),
    Column("saved_at", UTCDateTime, nullable=False),
    CheckConstraint("mode IN ('car', 'motorbike', 'bicycle', 'walk')", name="mode"),
    CheckConstraint("start_min >= 0 AND start_min < 1440", name="start_min"),
)

#: Named sets of candidate sites for the Đông Anh centre (ocop_geo.candidates.saved): the points
#: (``points``, a JSON array of ``{"name", "lon", "lat"}``), the weights (JSON object) and the
#: "anywhere in Hanoi" switch; distances and scores are recomputed when a set is loaded.
candidate_sets = Table(
    "candidates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("points", Text, nullable=False),
    Column("weights", Text, nullable=False),
    Column("anywhere", Boolean, nullable=False),
    Column("saved_by", Text, nullable=False),
    Column("saved_at", UTCDateTime, nullable=False),
)

#: Readiness checklist: the current state of one item at one site (ocop_geo.readiness.store).
#: ``version`` counts the writes (optimistic locking); a missing row means "unknown", version 0.
checklist_state = Table(
    "checklist_state",
    metadata,
    Column("site_id", Text, primary_key=True),
    Column("item_id", Text, primary_key=True),
    Column("status", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("evidence_url", Text),
    Column("evidence_date", Date),
    Column("updated_by", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    CheckConstraint(
        "status IN ('not_started', 'in_progress', 'done', 'not_applicable', 'blocked', 'unknown')",
        name="status",
    ),
    CheckConstraint("version >= 1", name="version"),
    CheckConstraint("length(note) <= 2000", name="note"),
)

#: Append-only, hash-chained log of checklist writes: ``before``/``after`` are JSON objects of
#: the state (``before`` is NULL for the first write); ``row_hash`` chains each row to the one
#: before (``prev_hash``; ocop_geo.database.audit_chain). The database refuses UPDATE, DELETE and
#: INSERT OR REPLACE (triggers, 0004 and 0008).
checklist_audit = Table(
    "checklist_audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site_id", Text, nullable=False),
    Column("item_id", Text, nullable=False),
    Column("changed_by", Text, nullable=False),
    Column("changed_at", UTCDateTime, nullable=False),
    Column("before", Text),
    Column("after", Text, nullable=False),
    Column("version_after", Integer, nullable=False),
    Column("prev_hash", Text, nullable=False),
    Column("row_hash", Text, nullable=False),
    CheckConstraint("version_after >= 1", name="version_after"),
    Index(None, "site_id", "item_id"),
)

#: Accounts (ocop_geo.auth.users): lower-case ``username``; ``password_hash`` is an argon2id
#: hash, NULL for accounts that log in through OIDC (the username is then their e-mail).
#: Failed log-ins are counted in :data:`login_throttle` (0007 dropped the lock-out columns).
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", Text, nullable=False, unique=True),
    Column("display_name", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("password_hash", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("email", Text, unique=True),
    CheckConstraint("role IN ('viewer', 'editor', 'admin')", name="role"),
    CheckConstraint("username = lower(username)", name="username_lower"),
    CheckConstraint("email = lower(email)", name="email_lower"),
)


def _assignments(name: str, column: str) -> Table:
    """An editor's assignments: (username, ``column``) pairs, removed with the account."""
    return Table(
        name,
        metadata,
        Column(
            "username",
            Text,
            ForeignKey("users.username", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column(column, Text, primary_key=True),
    )


#: The sites an editor may edit (site ids of geo/sites.geojson).
user_sites = _assignments("user_sites", "site_id")
#: The agencies (ids of data/agencies.csv) an editor works for: they may update the plan tasks
#: those agencies lead (ocop_geo.plan.tracking).
user_agencies = _assignments("user_agencies", "agency_id")

#: Failed log-ins in a row per name tried (ocop_geo.auth.throttle): ``name_key`` is the SHA-256
#: (hex) of the lower-cased name, known account or not; the row goes at the next success.
login_throttle = Table(
    "login_throttle",
    metadata,
    Column("name_key", Text, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("last_failure", UTCDateTime, nullable=False),
    CheckConstraint("failures >= 1", name="failures"),
    Index(None, "last_failure"),
)
