"""The runtime database (ocop_geo.store) on real SQLite and PostgreSQL databases.

PostgreSQL comes from ``OCOP_TEST_POSTGRES_URL`` (``source .ci/postgres.sh`` sets one up); each test
gets its own schema there (``search_path`` in the URL), dropped afterwards. Without the variable
the PostgreSQL cases are skipped, except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError

from ocop_geo import store as store_module
from ocop_geo.store import (
    PRODUCT_COLUMNS,
    Store,
    StoreError,
    head_revision,
    metadata,
    registry_products,
)

INJECTION = "x'); DROP TABLE registry_products; --"


def products(rows: int = 3, *, first_row: int = 2, stars: int = 4) -> pd.DataFrame:
    """A products frame as the registry library makes it: placed, ward-placed and unplaced rows."""
    kinds = [
        {
            "product_name": "Gốm sứ Bát Tràng “men lam”",
            "producer": "HTX Gốm sứ Bát Tràng",
            "product_group": "Thủ công mỹ nghệ",
            "lat": 20.9752,
            "lon": 105.9130,
            "address": "Thôn 3, xã Bát Tràng",
            "ward": "Bát Tràng",
            "district": "Gia Lâm",
            "placed_lon": 105.9130,
            "placed_lat": 20.9752,
            "ward_2025": "Bát Tràng",
            "ward_osm_id": 19364218,
            "district_2020": "Gia Lâm",
            "district_gso": "018",
            "method": "coordinates",
            "reason": "",
        },
        {
            "product_name": "Chè Shan tuyết Ba Vì",
            "producer": "Nguyễn Thị Hằng",
            "product_group": "Đồ uống",
            "lat": np.nan,
            "lon": np.nan,
            "address": "",
            "ward": "Ba Vì",
            "district": "Ba Vì",
            "placed_lon": 105.3625,
            "placed_lat": 21.0801,
            "ward_2025": "Ba Vì",
            "ward_osm_id": None,
            "district_2020": "Ba Vì",
            "district_gso": None,
            "method": "ward",
            "reason": "không có toạ độ; đặt ở tâm xã",
        },
        {
            "product_name": "Mây tre đan Phú Vinh",
            "producer": "Cơ sở Phú Vinh",
            "product_group": "Thủ công mỹ nghệ",
            "lat": np.nan,
            "lon": np.nan,
            "address": "",
            "ward": "",
            "district": "",
            "placed_lon": np.nan,
            "placed_lat": np.nan,
            "ward_2025": None,
            "ward_osm_id": None,
            "district_2020": None,
            "district_gso": None,
            "method": "unplaced",
            "reason": "không rõ địa chỉ",
        },
    ]
    records = [
        {"row": first_row + i, "stars": stars, "year_rated": 2020 + i % 5, **kinds[i % 3]}
        for i in range(rows)
    ]
    frame = pd.DataFrame.from_records(records, columns=list(PRODUCT_COLUMNS))
    frame["ward_osm_id"] = frame["ward_osm_id"].astype("Int64")
    return frame


def save(store: Store, name: str = "Danh sách OCOP 2024", **changes: object) -> object:
    arguments: dict[str, object] = {
        "name": name,
        "source_filename": "ocop_2024.xlsx",
        "sha256": "ab" * 32,
        "imported_by": "chuyên viên Sở NN",
        "products": products(),
    }
    return store.save_import(**(arguments | changes))


def count_products(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(registry_products)).scalar_one()


# -- schema -----------------------------------------------------------------------------------


def test_upgrade_creates_the_tables_and_twice_is_a_no_op(empty_store: Store) -> None:
    assert empty_store.current_revision() is None
    empty_store.upgrade()
    assert empty_store.current_revision() == head_revision()
    summary = save(empty_store)
    empty_store.upgrade()
    assert empty_store.current_revision() == head_revision()
    assert empty_store.list_imports() == [summary]


def test_migrations_create_exactly_the_metadata(store: Store) -> None:
    """A change to the tables in store.py without an Alembic revision fails here."""
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
        tables = set(inspect(conn).get_table_names())
    assert {"registry_imports", "registry_products", "saved_routes", "alembic_version"} <= tables


def test_a_database_that_was_never_upgraded_says_what_to_do(empty_store: Store) -> None:
    with pytest.raises(StoreError, match=r"ocop-geo db upgrade"):
        empty_store.list_imports()


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


# -- registry imports -------------------------------------------------------------------------


def test_products_round_trip_with_nan_none_and_vietnamese_text(store: Store) -> None:
    given = products(6)
    before = datetime.now(UTC)
    summary = save(store, products=given.sample(frac=1, random_state=1))  # shuffled rows

    loaded = store.load_products(summary.id)

    expected = given.astype(
        {
            "row": "int64",
            "stars": "int64",
            "year_rated": "int64",
            "ward_osm_id": "Int64",
            **dict.fromkeys(("lat", "lon", "placed_lon", "placed_lat"), "float64"),
        }
    )
    pd.testing.assert_frame_equal(loaded, expected)  # ordered by row, same dtypes
    assert loaded["lat"].isna().sum() == 4  # NaN went in as NULL and came back as NaN
    assert loaded["ward_osm_id"].isna().sum() == 4
    assert loaded["ward_2025"].isna().sum() == 2
    assert loaded.loc[0, "product_name"] == "Gốm sứ Bát Tràng “men lam”"
    assert (summary.row_count, summary.placed_count) == (6, 4)
    assert summary.imported_at.tzinfo is UTC
    assert before <= summary.imported_at <= datetime.now(UTC)
    assert store.list_imports() == [summary]


def test_numpy_object_columns_and_an_empty_import_are_accepted(store: Store) -> None:
    given = products(3)
    given["ward_osm_id"] = pd.Series([np.int64(19364218), None, None], dtype=object)
    summary = save(store, products=given)
    assert store.load_products(summary.id)["ward_osm_id"].tolist()[0] == 19364218

    empty = save(store, name="trống", products=products(0))
    loaded = store.load_products(empty.id)
    assert list(loaded.columns) == list(PRODUCT_COLUMNS)
    assert loaded.empty
    assert (empty.row_count, empty.placed_count) == (0, 0)


def test_list_imports_is_newest_first(store: Store) -> None:
    first = save(store, name="2023")
    second = save(store, name="2024")
    assert [s.name for s in store.list_imports()] == ["2024", "2023"]
    assert second.imported_at >= first.imported_at


@pytest.mark.parametrize("replace", [False, True], ids=["new-name", "replacing"])
def test_a_bad_row_writes_nothing_and_keeps_what_was_there(
    store: Store, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    kept = save(store)
    kept_rows = store.load_products(kept.id)
    bad = products(7)
    bad.loc[6, "stars"] = 6  # the last row, in the last of several INSERT batches
    monkeypatch.setattr(store_module, "CHUNK_ROWS", 2)

    with pytest.raises(StoreError) as excinfo:
        save(store, name=kept.name if replace else "hỏng", products=bad, replace=replace)

    assert isinstance(excinfo.value.__cause__, IntegrityError)  # the database's CHECK said no
    message = str(excinfo.value)
    assert "stars must be one of 3, 4, 5: row 8 (6)" in message
    assert "nothing was written" in message
    assert store.list_imports() == [kept]
    assert count_products(store) == 3
    pd.testing.assert_frame_equal(store.load_products(kept.id), kept_rows)


def test_unknown_method_and_missing_required_value_are_named(store: Store) -> None:
    bad = products(3)
    bad.loc[0, "method"] = "guess"
    bad.loc[1, "product_name"] = None
    with pytest.raises(StoreError) as excinfo:
        save(store, products=bad)
    message = str(excinfo.value)
    assert "method must be one of coordinates, ward, district, unplaced: row 2 ('guess')" in message
    assert "product_name is empty in row 3" in message
    assert store.list_imports() == []


def test_duplicate_name_says_who_imported_it_and_when(store: Store) -> None:
    first = save(store, imported_by="Trần Văn An")
    with pytest.raises(StoreError) as excinfo:
        save(store, imported_by="someone else", products=products(1))
    message = str(excinfo.value)
    assert "exists already" in message
    assert "Trần Văn An" in message
    assert f"{first.imported_at:%Y-%m-%d %H:%M} UTC" in message
    assert store.list_imports() == [first]
    assert count_products(store) == 3


def test_replace_swaps_the_rows(store: Store) -> None:
    old = save(store)
    other = save(store, name="khác", products=products(2, first_row=100))
    new = save(store, products=products(5, first_row=10, stars=5), replace=True, imported_by="B")

    assert new.id != old.id
    assert {s.name: s.id for s in store.list_imports()} == {old.name: new.id, "khác": other.id}
    loaded = store.load_products(new.id)
    assert loaded["row"].tolist() == [10, 11, 12, 13, 14]
    assert set(loaded["stars"]) == {5}
    assert count_products(store) == 5 + 2
    with pytest.raises(StoreError, match=f"no registry import with id {old.id}"):
        store.load_products(old.id)


def test_remove_deletes_the_import_and_cascades_to_its_products(store: Store) -> None:
    gone = save(store)
    kept = save(store, name="giữ lại", products=products(2))
    store.remove_import(gone.id)
    assert store.list_imports() == [kept]
    assert count_products(store) == 2
    with pytest.raises(StoreError, match=f"no registry import with id {gone.id}"):
        store.remove_import(gone.id)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "name must not be empty"),
        ({"imported_by": ""}, "imported_by must not be empty"),
        ({"products": products().drop(columns="reason")}, "missing reason"),
        ({"products": products().assign(extra=1)}, "unexpected extra"),
    ],
)
def test_incomplete_arguments_are_refused(store: Store, changes: dict, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        save(store, **changes)
    assert store.list_imports() == []


def test_sql_injection_looking_text_is_stored_verbatim(store: Store) -> None:
    frame = products(1)
    frame.loc[0, "product_name"] = INJECTION
    summary = save(store, name=INJECTION, imported_by=INJECTION, products=frame)
    assert store.list_imports()[0].name == INJECTION
    assert store.list_imports()[0].imported_by == INJECTION
    assert store.load_products(summary.id).loc[0, "product_name"] == INJECTION
    assert count_products(store) == 1  # the table is still there


# -- backup and restore -----------------------------------------------------------------------


def test_backup_and_restore_bring_back_every_row(store: Store, tmp_path: Path) -> None:
    first = save(store)
    second = save(store, name="2025", products=products(4, first_row=20))
    first_rows = store.load_products(first.id)
    backup = store.backup(tmp_path / "backups" / "ocop.sqlite3")
    assert sorted(p.name for p in backup.parent.iterdir()) == ["ocop.sqlite3"]

    store.remove_import(first.id)
    save(store, name="after the backup")
    store.restore(backup)

    assert store.list_imports() == [second, first]
    pd.testing.assert_frame_equal(store.load_products(first.id), first_rows)
    assert count_products(store) == 7
    later = save(store, name="after the restore")  # ids continue after the restored ones
    assert later.id > second.id


def test_restore_moves_data_between_databases(store: Store, tmp_path: Path) -> None:
    summary = save(store)
    backup = store.backup(tmp_path / "ocop.sqlite3")
    other = Store.from_url(f"sqlite:///{tmp_path / 'other' / 'ocop_geo.sqlite3'}")
    other.upgrade()
    other.restore(backup)
    assert other.list_imports() == [summary]
    pd.testing.assert_frame_equal(other.load_products(summary.id), store.load_products(summary.id))
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
    assert len(store.list_imports()) == 1


def test_backup_needs_an_upgraded_database(empty_store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `ocop-geo db upgrade` first"):
        empty_store.backup(tmp_path / "b.sqlite3")


def test_imported_at_is_stored_in_utc(store: Store) -> None:
    summary = save(store)
    with store.engine.connect() as conn:
        raw = conn.exec_driver_sql("SELECT imported_at FROM registry_imports").scalar_one()
    if isinstance(raw, str):  # SQLite keeps text
        raw = datetime.fromisoformat(raw).replace(tzinfo=UTC)
    assert raw == summary.imported_at
