"""Persistence: the runtime database (SQLAlchemy Core), SQLite by default, PostgreSQL by URL.

One :data:`metadata` holds every table (defined in :mod:`ocop_geo.tables`, re-exported here) and
one Alembic history (``ocop_geo/migrations``) creates them.
SQL goes only through SQLAlchemy with bound parameters.

SQLite connections run in WAL mode with ``foreign_keys=ON``; transactions are real (``BEGIN`` is
emitted by us, ``BEGIN IMMEDIATE`` for writes), so a failed write leaves nothing behind on either
database. Every database error reaches callers as a :class:`StoreError` with a readable message.
"""

from __future__ import annotations

import math
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import (
    Engine,
    create_engine,
    delete,
    event,
    exc,
    func,
    insert,
    select,
)
from sqlalchemy.engine import URL, Connection, make_url

from ocop_geo.tables import (
    NAMING_CONVENTION,
    UTCDateTime,
    candidate_sets,
    checklist_audit,
    checklist_state,
    metadata,
    registry_imports,
    registry_products,
    saved_routes,
    user_sites,
    users,
)

__all__ = [
    "METHODS",
    "NAMING_CONVENTION",
    "PRODUCT_COLUMNS",
    "STARS",
    "ImportSummary",
    "Store",
    "StoreError",
    "UTCDateTime",
    "alembic_config",
    "candidate_sets",
    "checklist_audit",
    "checklist_state",
    "head_revision",
    "metadata",
    "registry_imports",
    "registry_products",
    "saved_routes",
    "user_sites",
    "users",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: The star ratings a registry row may have.
STARS = (3, 4, 5)
#: How a product was placed on the map, best first.
METHODS = ("coordinates", "ward", "district", "unplaced")

#: PostgreSQL advisory lock key held while migrating ("OCOPGEO" in ASCII).
_MIGRATION_LOCK = 0x4F434F5047454F

#: Rows written per INSERT batch (executemany); bounds memory for large registries.
CHUNK_ROWS = 5_000


class StoreError(RuntimeError):
    """A database operation failed; the message is meant for the user (UI or CLI)."""


#: The columns of a products frame, in the order :meth:`Store.load_products` returns them.
PRODUCT_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in registry_products.columns if c.name not in {"id", "import_id"}
)
#: dtypes of the loaded frame; text columns take pandas' default string dtype (missing → NaN).
_DTYPES = {
    "row": "int64",
    "stars": "int64",
    "year_rated": "int64",
    "lat": "float64",
    "lon": "float64",
    "placed_lon": "float64",
    "placed_lat": "float64",
    "ward_osm_id": "Int64",
}
_REQUIRED = tuple(
    c.name for c in registry_products.columns if not c.nullable and c.name in PRODUCT_COLUMNS
)


@dataclass(frozen=True)
class ImportSummary:
    """One saved registry import. ``imported_at`` is tz-aware UTC; ``placed_count`` counts the
    rows whose ``method`` is not ``"unplaced"``."""

    id: int
    name: str
    source_filename: str
    sha256: str
    imported_by: str
    imported_at: datetime
    row_count: int
    placed_count: int


def alembic_config(store: Store | None = None) -> Config:
    """An Alembic configuration for ``ocop_geo/migrations`` (no ``alembic.ini`` needed).

    With ``store``, ``env.py`` migrates that database; new revision files are named after their
    revision id (pass ``rev_id="0002_checklists"`` to :func:`alembic.command.revision`).
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.set_main_option("file_template", "%%(rev)s")
    if store is not None:
        config.attributes["store"] = store
    return config


def head_revision() -> str:
    """The newest revision of the migration history (what :meth:`Store.upgrade` reaches)."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the history ships with the package
        msg = f"no migrations found in {MIGRATIONS_DIR}"
        raise StoreError(msg)
    return head


class Store:
    """The runtime database. Thread-safe (one pooled engine); cache one per process.

    Build it with :meth:`from_url`; create or update the tables with :meth:`upgrade`.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- connection ---------------------------------------------------------------------------

    @classmethod
    def from_url(cls, url: str) -> Store:
        """Open the database at ``url`` (nothing is connected or created until first use, except
        the folder of an SQLite file).

        ``sqlite:///path/file.sqlite3`` or ``postgresql+psycopg://user:pw@host:port/db``;
        ``postgresql://`` and ``postgres://`` mean the psycopg driver.

        Raises
        ------
        StoreError
            If ``url`` is not a database URL, names an unsupported database, or the folder of an
            SQLite file cannot be created.
        """
        try:
            parsed = make_url(url)
        except exc.ArgumentError as error:
            msg = f"not a database URL: {error}"
            raise StoreError(msg) from error
        backend = parsed.get_backend_name()
        if parsed.drivername in {"postgres", "postgresql"}:
            parsed = parsed.set(drivername="postgresql+psycopg")
        if backend == "sqlite" and parsed.get_driver_name() == "pysqlite":
            return cls(_sqlite_engine(parsed))
        if parsed.drivername == "postgresql+psycopg":
            return cls(create_engine(parsed, pool_pre_ping=True))
        msg = (
            f"unsupported database {parsed.drivername!r}: use sqlite:///PATH or "
            "postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE"
        )
        raise StoreError(msg)

    @property
    def url(self) -> str:
        """The database URL with the password hidden (for messages and logs)."""
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def close(self) -> None:
        """Close all pooled connections."""
        self.engine.dispose()

    @contextmanager
    def transaction(self, *, write: bool = False) -> Iterator[Connection]:
        """A connection inside one transaction, committed on success, rolled back on error.

        On SQLite a writing transaction takes the write lock at once (``BEGIN IMMEDIATE``), so two
        writers queue up instead of failing half-way; this process's writers first take turns on
        one lock per database file, since many writers waiting in SQLite's busy handler can
        outlast its timeout (other processes on the same file still queue in SQLite).
        """
        sqlite_write = write and self.is_sqlite
        turn = _sqlite_writer(self.engine) if sqlite_write else nullcontext()
        with turn, self.engine.connect() as conn:
            if sqlite_write:
                conn.execution_options(ocop_sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    @contextmanager
    def migration_connection(self) -> Iterator[Connection]:
        """A connection in one transaction for Alembic (used by ``migrations/env.py``).

        Concurrent upgrades (several app processes starting at once) run one after the other:
        SQLite takes the write lock first (``BEGIN IMMEDIATE``), PostgreSQL an advisory lock.
        On SQLite, foreign keys are off while migrating (as SQLite's ALTER TABLE procedure
        requires: a table rebuilt by a batch migration must not cascade deletes) and are checked
        with ``PRAGMA foreign_key_check`` before commit.
        """
        with self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection if self.is_sqlite else None
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, else ignored
                conn.execution_options(ocop_sqlite_begin="IMMEDIATE")
            try:
                with conn.begin():
                    if raw is None:
                        conn.execute(select(func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
                    yield conn
                    if raw is not None:
                        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if broken:
                            msg = f"migration would break foreign keys: {broken[:5]}"
                            raise StoreError(msg)
            finally:
                if raw is not None:
                    raw.execute("PRAGMA foreign_keys=ON")

    # -- schema -------------------------------------------------------------------------------

    def upgrade(self) -> None:
        """Create or update every table to the newest revision (Alembic ``upgrade head``), in one
        transaction. Running it again is a no-op.

        Raises
        ------
        StoreError
            If the database cannot be reached or the migration fails (nothing is changed).
        """
        try:
            command.upgrade(alembic_config(self), "head")
        except exc.DBAPIError as error:
            raise self.error_for("upgrading the database", error, hint=False) from error
        except CommandError as error:  # e.g. a revision this version does not know
            msg = (
                f"upgrading the database failed on {self.url}: {error} (was it created by a newer "
                "version of OCOP Geo?)"
            )
            raise StoreError(msg) from error

    def current_revision(self) -> str | None:
        """The revision the database is at; ``None`` for an empty (never upgraded) database."""
        try:
            with self.engine.connect() as conn:
                return MigrationContext.configure(conn).get_current_revision()
        except exc.DBAPIError as error:
            raise self.error_for("reading the schema revision", error, hint=False) from error

    # -- OCOP product registry ----------------------------------------------------------------

    def save_import(
        self,
        *,
        name: str,
        source_filename: str,
        sha256: str,
        imported_by: str,
        products: pd.DataFrame,
        replace: bool = False,
    ) -> ImportSummary:
        """Save one registry import and all its product rows in one transaction.

        Parameters
        ----------
        name
            Unique, user-chosen name of the import (surrounding spaces are removed, as from
            ``imported_by``).
        source_filename, sha256
            The uploaded file's name and SHA-256 (hex).
        imported_by
            Who imports (user name).
        products
            Exactly the columns :data:`PRODUCT_COLUMNS`; NaN/None are stored as NULL.
        replace
            Replace an existing import of the same ``name`` (old rows deleted in the same
            transaction).

        Raises
        ------
        StoreError
            If ``name`` or ``imported_by`` is empty, the columns are wrong, ``name`` exists and
            ``replace`` is false (the message says who imported it and when), or a row breaks a
            rule (stars 3/4/5, a known method, a required value). Then nothing is written.
        """
        name = _required_text("name", name)
        imported_by = _required_text("imported_by", imported_by)
        _check_columns(products)
        header = {
            "name": name,
            "source_filename": source_filename,
            "sha256": sha256,
            "imported_by": imported_by,
            "imported_at": datetime.now(UTC),
            "row_count": len(products),
            "placed_count": int((products["method"] != "unplaced").sum()),
        }
        try:
            with self.transaction(write=True) as conn:
                existing = conn.execute(
                    select(registry_imports).where(registry_imports.c.name == name)
                ).one_or_none()
                if existing is not None:
                    if not replace:
                        raise StoreError(_duplicate_message(_summary(existing)))
                    conn.execute(
                        delete(registry_imports).where(registry_imports.c.id == existing.id)
                    )
                import_id = conn.execute(
                    insert(registry_imports).values(header)
                ).inserted_primary_key[0]
                for chunk in _chunks(_product_records(products, import_id), CHUNK_ROWS):
                    conn.execute(insert(registry_products), chunk)
        except exc.IntegrityError as error:
            raise StoreError(self._integrity_message(name, products, error)) from error
        except exc.DBAPIError as error:
            raise self.error_for(f"saving registry import {name!r}", error) from error
        return ImportSummary(id=import_id, **header)

    def list_imports(self) -> list[ImportSummary]:
        """Every saved import, newest first."""
        query = select(registry_imports).order_by(
            registry_imports.c.imported_at.desc(), registry_imports.c.id.desc()
        )
        try:
            with self.transaction() as conn:
                return [_summary(row) for row in conn.execute(query)]
        except exc.DBAPIError as error:
            raise self.error_for("listing registry imports", error) from error

    def load_products(self, import_id: int) -> pd.DataFrame:
        """The products of one import, ordered by ``row``: the columns :data:`PRODUCT_COLUMNS`
        with int64 ``row``/``stars``/``year_rated``, float64 coordinates (NaN where missing),
        nullable ``Int64`` ``ward_osm_id`` and pandas' string dtype for text (NaN where missing).

        Raises
        ------
        StoreError
            If there is no import ``import_id``.
        """
        columns = [registry_products.c[name] for name in PRODUCT_COLUMNS]
        query = (
            select(*columns)
            .where(registry_products.c.import_id == import_id)
            .order_by(registry_products.c.row, registry_products.c.id)
        )
        try:
            with self.transaction() as conn:
                self._require_import(conn, import_id)
                rows = conn.execute(query).all()
        except exc.DBAPIError as error:
            raise self.error_for(f"loading registry import {import_id}", error) from error
        values = list(zip(*rows, strict=True)) if rows else [()] * len(PRODUCT_COLUMNS)
        return pd.DataFrame(
            {
                name: pd.Series(list(column), dtype=_DTYPES.get(name, _TEXT_DTYPE))
                for name, column in zip(PRODUCT_COLUMNS, values, strict=True)
            }
        )

    def remove_import(self, import_id: int) -> None:
        """Delete one import and its products.

        Raises
        ------
        StoreError
            If there is no import ``import_id``.
        """
        try:
            with self.transaction(write=True) as conn:
                self._require_import(conn, import_id)
                conn.execute(delete(registry_imports).where(registry_imports.c.id == import_id))
        except exc.DBAPIError as error:
            raise self.error_for(f"removing registry import {import_id}", error) from error

    # -- backup -------------------------------------------------------------------------------

    def backup(self, path: str | Path) -> Path:
        """Write a consistent snapshot of every table to a new SQLite file at ``path``.

        Works from SQLite and PostgreSQL alike, so a backup also moves data between them
        (see :meth:`restore`). The file is written beside ``path`` and renamed when complete.

        Raises
        ------
        StoreError
            If ``path`` exists, or this database is not at the newest revision.
        """
        target = Path(path)
        if target.exists():
            msg = f"{target} exists already; choose a new file for the backup"
            raise StoreError(msg)
        self._require_head("backing up")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.unlink(missing_ok=True)
        copy = Store.from_url(_sqlite_url(partial))
        try:
            copy.upgrade()
            with self._snapshot() as source, copy.transaction(write=True) as dest:
                _copy_tables(source, dest)
            with copy.engine.connect() as conn:  # one self-contained file, no -wal/-shm beside it
                conn.connection.dbapi_connection.execute("PRAGMA journal_mode=DELETE")
        except exc.DBAPIError as error:
            raise self.error_for(f"backing up to {target}", error) from error
        finally:
            copy.close()
        partial.replace(target)
        return target

    def restore(self, path: str | Path) -> None:
        """Replace every table's content with a backup made by :meth:`backup`, in one transaction.

        An older backup is upgraded (on a temporary copy) first. This database must be at the
        newest revision (run :meth:`upgrade`).

        Raises
        ------
        StoreError
            If ``path`` is not a backup, was made by a newer version of OCOP Geo, or this
            database is not at the newest revision. Then nothing is changed.
        """
        source_path = Path(path)
        if not source_path.is_file():
            msg = f"no backup file at {source_path}"
            raise StoreError(msg)
        self._require_head("restoring")
        with tempfile.TemporaryDirectory(prefix="ocop-restore-") as tmp:
            working = Path(tmp) / "backup.sqlite3"
            shutil.copyfile(source_path, working)
            backup = Store.from_url(_sqlite_url(working))
            try:
                revision = _backup_revision(backup, source_path)
                known = {
                    s.revision
                    for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()
                }
                if revision not in known:
                    msg = (
                        f"{source_path} was made by a newer version of OCOP Geo (schema revision "
                        f"{revision}); update OCOP Geo first"
                    )
                    raise StoreError(msg)
                backup.upgrade()
                with backup._snapshot() as source, self.transaction(write=True) as dest:
                    for table in reversed(metadata.sorted_tables):
                        dest.execute(delete(table))
                    _copy_tables(source, dest)
                    if not self.is_sqlite:
                        _reset_sequences(dest)
            except exc.DBAPIError as error:
                raise self.error_for(f"restoring from {source_path}", error) from error
            finally:
                backup.close()

    # -- helpers ------------------------------------------------------------------------------

    @contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        """A read transaction that sees one consistent state of all tables."""
        with self.engine.connect() as conn:
            if not self.is_sqlite:
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    def _require_head(self, action: str) -> None:
        current, head = self.current_revision(), head_revision()
        if current != head:
            msg = (
                f"{action} needs the database at schema revision {head}, but {self.url} is at "
                f"{current or 'no revision (empty)'}; run `ocop-geo db upgrade` first"
            )
            raise StoreError(msg)

    @staticmethod
    def _require_import(conn: Connection, import_id: int) -> None:
        found = conn.execute(
            select(registry_imports.c.id).where(registry_imports.c.id == import_id)
        ).first()
        if found is None:
            msg = f"there is no registry import with id {import_id}"
            raise StoreError(msg)

    def _integrity_message(
        self, name: str, products: pd.DataFrame, error: exc.IntegrityError
    ) -> str:
        problems = _product_problems(products)
        if problems:
            return f"registry import {name!r} was not saved (nothing was written): " + "; ".join(
                problems
            )
        try:
            with self.transaction() as conn:
                existing = conn.execute(
                    select(registry_imports).where(registry_imports.c.name == name)
                ).one_or_none()
        except exc.DBAPIError:
            existing = None
        if existing is not None:  # saved by someone else at the same moment
            return _duplicate_message(_summary(existing))
        return (
            f"registry import {name!r} was not saved (nothing was written): "
            f"{_first_line(error.orig)}"
        )

    def error_for(self, action: str, error: exc.DBAPIError, *, hint: bool = True) -> StoreError:
        """A :class:`StoreError` for a failed database call; says when the schema is outdated."""
        message = f"{action} failed on {self.url}: {_first_line(error.orig)}"
        if hint and not isinstance(error, exc.IntegrityError):
            try:
                outdated = self.current_revision() != head_revision()
            except StoreError:  # the database cannot be reached at all: the message says so
                outdated = False
            if outdated:
                message += " (the database schema is not up to date: run `ocop-geo db upgrade`)"
        return StoreError(message)


# -- module helpers ---------------------------------------------------------------------------


#: One re-entrant lock per SQLite database file, shared by every Store of this process.
_SQLITE_WRITERS: dict[str, threading.RLock] = {}
_SQLITE_WRITERS_GUARD = threading.Lock()


def _sqlite_writer(engine: Engine) -> threading.RLock:
    """The lock this process's writers to ``engine``'s SQLite file take in turn."""
    with _SQLITE_WRITERS_GUARD:
        return _SQLITE_WRITERS.setdefault(engine.url.database or "", threading.RLock())


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not url.query.get("uri"):
        folder = Path(database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            msg = f"cannot create the database folder {folder}: {error.strerror}"
            raise StoreError(msg) from error
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=10000")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("ocop_sqlite_begin", "DEFERRED")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")

    return engine


def _sqlite_url(path: Path) -> str:
    return URL.create("sqlite", database=str(path)).render_as_string()


def _backup_revision(backup: Store, path: Path) -> str:
    try:
        revision = backup.current_revision()
    except StoreError as error:
        msg = f"{path} is not an OCOP Geo backup (not an SQLite database)"
        raise StoreError(msg) from error
    if revision is None:
        msg = f"{path} is not an OCOP Geo backup (no schema revision)"
        raise StoreError(msg)
    return revision


def _copy_tables(source: Connection, dest: Connection) -> None:
    for table in metadata.sorted_tables:
        result = source.execution_options(yield_per=CHUNK_ROWS).execute(
            select(table).order_by(*table.primary_key.columns)
        )
        for part in result.mappings().partitions():
            dest.execute(insert(table), [dict(row) for row in part])


def _reset_sequences(conn: Connection) -> None:
    """After inserting explicit ids on PostgreSQL, move each id sequence past the largest id."""
    for table in metadata.sorted_tables:
        column = table.autoincrement_column
        if column is not None:
            conn.execute(
                select(
                    func.setval(
                        func.pg_get_serial_sequence(table.name, column.name),
                        select(func.coalesce(func.max(column), 0) + 1).scalar_subquery(),
                        False,
                    )
                )
            )


def _required_text(field: str, value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        msg = f"{field} must not be empty"
        raise StoreError(msg)
    return value.strip()


def _check_columns(products: pd.DataFrame) -> None:
    if not isinstance(products, pd.DataFrame):
        msg = f"products must be a pandas DataFrame, not {type(products).__name__}"
        raise StoreError(msg)
    missing = [c for c in PRODUCT_COLUMNS if c not in products.columns]
    extra = [str(c) for c in products.columns if c not in PRODUCT_COLUMNS]
    if missing or extra:
        parts = [f"missing {', '.join(missing)}"] if missing else []
        parts += [f"unexpected {', '.join(extra)}"] if extra else []
        msg = f"products have the wrong columns: {'; '.join(parts)}"
        raise StoreError(msg)


def _is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _product_records(products: pd.DataFrame, import_id: int) -> Iterator[dict[str, Any]]:
    """Rows as dicts of plain Python values (numpy scalars → int/float, NaN/NA/None → None)."""
    columns = []
    for name in PRODUCT_COLUMNS:
        series = products[name]
        values = series.tolist()  # numpy scalars become int/float, except in object columns
        if series.dtype == object:
            values = [v.item() if isinstance(v, np.generic) else v for v in values]
        missing = series.isna()
        if missing.any():
            values = [None if m else v for v, m in zip(values, missing.tolist(), strict=True)]
        columns.append(values)
    keys = ("import_id", *PRODUCT_COLUMNS)
    for values in zip(*columns, strict=True):
        yield dict(zip(keys, (import_id, *values), strict=True))


def _chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for record in records:
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


#: pandas' default dtype for text: ``str`` on pandas 3 (missing → NaN), ``object`` before.
_TEXT_DTYPE = pd.Series(["x"]).dtype


def _rows_label(products: pd.DataFrame, mask: pd.Series, column: str | None = None) -> str:
    bad = products[mask]
    labels = []
    for position, (_, record) in enumerate(bad.iterrows()):
        if position == 5:
            labels.append(f"and {len(bad) - 5} more")
            break
        label = f"row {record['row']}" if not _is_missing(record["row"]) else "a row"
        labels.append(f"{label} ({record[column]!r})" if column else label)
    return ", ".join(labels)


def _product_problems(products: pd.DataFrame) -> list[str]:
    """Readable reasons why ``products`` break a table rule (those rules the database checks)."""
    problems = []
    for column in _REQUIRED:
        mask = products[column].isna()
        if mask.any():
            problems.append(f"{column} is empty in {_rows_label(products, mask)}")
    for column, allowed in (("stars", STARS), ("method", METHODS)):
        mask = products[column].notna() & ~products[column].isin(allowed)
        if mask.any():
            choices = ", ".join(str(a) for a in allowed)
            problems.append(
                f"{column} must be one of {choices}: {_rows_label(products, mask, column)}"
            )
    return problems


def _summary(row: Any) -> ImportSummary:
    return ImportSummary(
        id=row.id,
        name=row.name,
        source_filename=row.source_filename,
        sha256=row.sha256,
        imported_by=row.imported_by,
        imported_at=row.imported_at,
        row_count=row.row_count,
        placed_count=row.placed_count,
    )


def _duplicate_message(existing: ImportSummary) -> str:
    return (
        f"a registry import named {existing.name!r} exists already: imported by "
        f"{existing.imported_by} on {existing.imported_at:%Y-%m-%d %H:%M} UTC "
        f"from {existing.source_filename}; choose another name or replace it"
    )


def _first_line(error: BaseException | None) -> str:
    text_ = str(error or "").strip()
    return text_.splitlines()[0] if text_ else type(error).__name__
