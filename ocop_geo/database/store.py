"""Persistence: the runtime database (SQLAlchemy Core), SQLite by default, PostgreSQL by URL.

One :data:`metadata` holds every table (defined in :mod:`ocop_geo.database.tables`, re-exported
here) and
one Alembic history (``ocop_geo/migrations``) creates them.
SQL goes only through SQLAlchemy with bound parameters.

SQLite connections run in WAL mode with ``foreign_keys=ON``; transactions are real (``BEGIN`` is
emitted by us, ``BEGIN IMMEDIATE`` for writes), so a failed write leaves nothing behind on either
database. Every database error reaches callers as a :class:`StoreError` with a readable message.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

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

from ocop_geo.database import audit_chain
from ocop_geo.database.tables import (
    NAMING_CONVENTION,
    UTCDateTime,
    candidate_sets,
    checklist_audit,
    checklist_state,
    login_throttle,
    metadata,
    registry_imports,
    registry_products,
    saved_routes,
    user_agencies,
    user_sites,
    users,
)
from ocop_geo.i18n import Message, MessageError

__all__ = [
    "NAMING_CONVENTION",
    "Store",
    "StoreError",
    "UTCDateTime",
    "alembic_config",
    "candidate_sets",
    "checklist_audit",
    "checklist_state",
    "first_line",
    "head_revision",
    "login_throttle",
    "metadata",
    "registry_imports",
    "registry_products",
    "saved_routes",
    "user_agencies",
    "user_sites",
    "users",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: PostgreSQL advisory lock key held while migrating ("OCOPGEO" in ASCII).
_MIGRATION_LOCK = 0x4F434F5047454F

#: Rows written per INSERT batch (executemany); bounds memory for large registries.
CHUNK_ROWS = 5_000


class StoreError(MessageError, RuntimeError):
    """A database operation failed; the message is meant for the user (UI or CLI): a catalogue
    :class:`~ocop_geo.i18n.Message` the page renders in its language, or plain text."""


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
            raise StoreError(Message("store.error.url", error=str(error))) from error
        backend = parsed.get_backend_name()
        if parsed.drivername in {"postgres", "postgresql"}:
            parsed = parsed.set(drivername="postgresql+psycopg")
        if backend == "sqlite" and parsed.get_driver_name() == "pysqlite":
            return cls(_sqlite_engine(parsed))
        if parsed.drivername == "postgresql+psycopg":
            return cls(create_engine(parsed, pool_pre_ping=True))
        raise StoreError(Message("store.error.unsupported", driver=repr(parsed.drivername)))

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
                            rows = str(broken[:5])
                            raise StoreError(Message("store.error.foreign_keys", rows=rows))
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
            upgrading = Message("store.action.upgrade")
            raise self.error_for(upgrading, error, hint=False) from error
        except CommandError as error:  # e.g. a revision this version does not know
            newer = Message("store.error.upgrade_newer", url=self.url, error=str(error))
            raise StoreError(newer) from error

    def current_revision(self) -> str | None:
        """The revision the database is at; ``None`` for an empty (never upgraded) database."""
        try:
            with self.engine.connect() as conn:
                return MigrationContext.configure(conn).get_current_revision()
        except exc.DBAPIError as error:
            reading = Message("store.action.revision")
            raise self.error_for(reading, error, hint=False) from error

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
        if target.exists() or target.is_symlink():  # a dangling link too: never replaced
            raise StoreError(Message("store.error.backup_exists", path=str(target)))
        self.require_head(Message("store.action.backing_up"))
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
            backing_up = Message("store.action.backup_to", path=str(target))
            raise self.error_for(backing_up, error) from error
        finally:
            copy.close()
        partial.replace(target)
        return target

    def restore(self, path: str | Path) -> None:
        """Replace every table's content with a backup made by :meth:`backup`, in one transaction.

        An older backup is upgraded (on a temporary copy) first. This database must be at the
        newest revision (run :meth:`upgrade`). The audit log's hash chain is copied as it is and
        verified before the transaction commits (:func:`ocop_geo.audit_chain.verify`).

        Raises
        ------
        StoreError
            If ``path`` is not a backup, was made by a newer version of OCOP Geo, its audit log
            fails verification, or this database is not at the newest revision. Then nothing is
            changed.
        """
        source_path = Path(path)
        if not source_path.is_file():
            raise StoreError(Message("store.error.no_backup", path=str(source_path)))
        self.require_head(Message("store.action.restoring"))
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
                    newer = Message(
                        "store.error.backup_newer", path=str(source_path), revision=revision
                    )
                    raise StoreError(newer)
                backup.upgrade()
                with backup._snapshot() as source, self.transaction(write=True) as dest:
                    with audit_chain.guards_lifted(dest):
                        for table in reversed(metadata.sorted_tables):
                            dest.execute(delete(table))
                    _copy_tables(source, dest)
                    if not self.is_sqlite:
                        _reset_sequences(dest)
                    _require_intact(dest, source_path)
            except exc.DBAPIError as error:
                restoring = Message("store.action.restore_from", path=str(source_path))
                raise self.error_for(restoring, error) from error
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

    def require_head(self, action: Message | str) -> None:
        """Raise StoreError (saying to run ``db upgrade``) unless at the newest revision;
        ``action`` names what needs it (a catalogue message, or text shown as it is)."""
        current, head = self.current_revision(), head_revision()
        if current != head:
            message = Message(
                "store.error.not_head",
                action=action,
                head=head,
                url=self.url,
                current=current or Message("store.error.no_revision"),
            )
            raise StoreError(message)

    def error_for(
        self, action: Message | str, error: exc.DBAPIError, *, hint: bool = True
    ) -> StoreError:
        """A :class:`StoreError` for a failed database call (``action`` names it: a catalogue
        message, or text shown as it is; the driver's words are kept as they are); says when
        the schema is outdated."""
        key = "store.error.failed"
        if hint and not isinstance(error, exc.IntegrityError):
            try:
                outdated = self.current_revision() != head_revision()
            except StoreError:  # the database cannot be reached at all: the message says so
                outdated = False
            if outdated:
                key = "store.error.failed_outdated"
        return StoreError(Message(key, action=action, url=self.url, detail=first_line(error.orig)))


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
            cannot = Message("store.error.folder", folder=str(folder), reason=error.strerror)
            raise StoreError(cannot) from error
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
        raise StoreError(Message("store.error.not_backup_sqlite", path=str(path))) from error
    if revision is None:
        raise StoreError(Message("store.error.not_backup_revision", path=str(path)))
    return revision


def _copy_tables(source: Connection, dest: Connection) -> None:
    for table in metadata.sorted_tables:
        result = source.execution_options(yield_per=CHUNK_ROWS).execute(
            select(table).order_by(*table.primary_key.columns)
        )
        for part in result.mappings().partitions():
            dest.execute(insert(table), [dict(row) for row in part])


def _require_intact(conn: Connection, path: Path) -> None:
    """Raise StoreError (rolling the restore back) when the restored audit chain is broken."""
    report = audit_chain.verify(conn)
    if not report.intact:
        shown = "; ".join(report.problems[:5])
        extra = len(report.problems) - 5
        more = Message("store.error.audit_more", n=extra) if extra > 0 else ""
        message = Message("store.error.audit_broken", path=str(path), problems=shown, more=more)
        raise StoreError(message)


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


def first_line(error: BaseException | None) -> str:
    text_ = str(error or "").strip()
    return text_.splitlines()[0] if text_ else type(error).__name__
