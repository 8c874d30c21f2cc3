"""The runtime database (ocop_geo.database.store) on real SQLite and PostgreSQL databases.

PostgreSQL comes from ``OCOP_TEST_POSTGRES_URL`` (``source .ci/postgres.sh`` sets one up); each test
gets its own schema there (``search_path`` in the URL), dropped afterwards. Without the variable
the PostgreSQL cases are skipped, except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.database.store import (
    Store,
    StoreError,
    head_revision,
    metadata,
)
from ocop_geo.registry.imports import list_imports, load_products, remove_import
from tests.test_registry_imports import count_products, products, save

# -- schema -----------------------------------------------------------------------------------


def test_upgrade_creates_the_tables_and_twice_is_a_no_op(empty_store: Store) -> None:
    assert empty_store.current_revision() is None
    empty_store.upgrade()
    assert empty_store.current_revision() == head_revision()
    summary = save(empty_store)
    empty_store.upgrade()
    assert empty_store.current_revision() == head_revision()
    assert list_imports(empty_store) == [summary]


def test_migrations_create_exactly_the_metadata(store: Store) -> None:
    """A change to the tables in store.py without an Alembic revision fails here."""
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
        tables = set(inspect(conn).get_table_names())
    assert {"registry_imports", "registry_products", "saved_routes", "alembic_version"} <= tables


def test_a_database_that_was_never_upgraded_says_what_to_do(empty_store: Store) -> None:
    with pytest.raises(StoreError, match=r"ocop-geo db upgrade"):
        list_imports(empty_store)


def test_sqlite_file_is_created_under_var_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "var" / "nested" / "ocop_geo.sqlite3"
    store = Store.from_url(f"sqlite:///{path}")
    store.upgrade()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    store.close()
    with sqlite3.connect(path) as raw:  # WAL is a property of the file itself
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database URL"),
        ("mysql://u:secret@db/ocop", "unsupported database 'mysql'"),
    ],
)
def test_from_url_refuses_what_it_cannot_open(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as excinfo:
        Store.from_url(url)
    assert "secret" not in str(excinfo.value)


def test_postgresql_url_without_driver_means_psycopg() -> None:
    store = Store.from_url("postgresql://ocop:secret@127.0.0.1:1/ocop")
    assert store.engine.url.drivername == "postgresql+psycopg"
    assert "secret" not in store.url


# -- backup and restore -----------------------------------------------------------------------


def test_backup_and_restore_bring_back_every_row(store: Store, tmp_path: Path) -> None:
    first = save(store)
    second = save(store, name="2025", products=products(4, first_row=20))
    first_rows = load_products(store, first.id)
    backup = store.backup(tmp_path / "backups" / "ocop.sqlite3")
    assert sorted(p.name for p in backup.parent.iterdir()) == ["ocop.sqlite3"]

    remove_import(store, first.id, actor=OPERATOR)
    save(store, name="after the backup")
    store.restore(backup)

    assert list_imports(store) == [second, first]
    pd.testing.assert_frame_equal(load_products(store, first.id), first_rows)
    assert count_products(store) == 7
    later = save(store, name="after the restore")  # ids continue after the restored ones
    assert later.id > second.id


def test_restore_moves_data_between_databases(store: Store, tmp_path: Path) -> None:
    summary = save(store)
    backup = store.backup(tmp_path / "ocop.sqlite3")
    other = Store.from_url(f"sqlite:///{tmp_path / 'other' / 'ocop_geo.sqlite3'}")
    other.upgrade()
    other.restore(backup)
    assert list_imports(other) == [summary]
    pd.testing.assert_frame_equal(
        load_products(other, summary.id), load_products(store, summary.id)
    )
    other.close()


def test_backup_refuses_to_overwrite_and_restore_refuses_non_backups(
    store: Store, tmp_path: Path
) -> None:
    existing = tmp_path / "exists.sqlite3"
    existing.write_bytes(b"")
    with pytest.raises(StoreError, match="exists already"):
        store.backup(existing)
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello", encoding="utf-8")
    save(store)
    with pytest.raises(StoreError, match="not an OCOP Geo backup"):
        store.restore(not_a_backup)
    with pytest.raises(StoreError, match="no backup file"):
        store.restore(tmp_path / "missing.sqlite3")
    assert len(list_imports(store)) == 1


def test_backup_needs_an_upgraded_database(empty_store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `ocop-geo db upgrade` first"):
        empty_store.backup(tmp_path / "b.sqlite3")
