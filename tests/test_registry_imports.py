"""Saved registry imports (ocop_geo.registry.imports) on real SQLite and PostgreSQL databases.

PostgreSQL comes from ``OCOP_TEST_POSTGRES_URL`` (``source .ci/postgres.sh`` sets one up); each test
gets its own schema there, dropped afterwards (see tests/stores.py).
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.database.named_rows import MAX_NAME
from ocop_geo.database.store import Store, StoreError, registry_products
from ocop_geo.registry import imports as imports_module
from ocop_geo.registry.imports import (
    PRODUCT_COLUMNS,
    list_imports,
    load_products,
    remove_import,
    save_import,
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
            "matched": "coordinates",
            "accuracy_m": np.nan,
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
            "matched": "old name",
            "accuracy_m": 4120.0,
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
            "matched": "none",
            "accuracy_m": np.nan,
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
        "actor": OPERATOR,
    }
    return save_import(store, **(arguments | changes))


def count_products(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(registry_products)).scalar_one()


# -- registry imports -------------------------------------------------------------------------


def test_products_round_trip_with_nan_none_and_vietnamese_text(store: Store) -> None:
    given = products(6)
    before = datetime.now(UTC)
    summary = save(store, products=given.sample(frac=1, random_state=1))  # shuffled rows

    loaded = load_products(store, summary.id)

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
    assert list_imports(store) == [summary]


def test_numpy_object_columns_and_an_empty_import_are_accepted(store: Store) -> None:
    given = products(3)
    given["ward_osm_id"] = pd.Series([np.int64(19364218), None, None], dtype=object)
    summary = save(store, products=given)
    assert load_products(store, summary.id)["ward_osm_id"].tolist()[0] == 19364218

    empty = save(store, name="trống", products=products(0))
    loaded = load_products(store, empty.id)
    assert list(loaded.columns) == list(PRODUCT_COLUMNS)
    assert loaded.empty
    assert (empty.row_count, empty.placed_count) == (0, 0)


def test_list_imports_is_newest_first(store: Store) -> None:
    first = save(store, name="2023")
    second = save(store, name="2024")
    assert [s.name for s in list_imports(store)] == ["2024", "2023"]
    assert second.imported_at >= first.imported_at


@pytest.mark.parametrize("replace", [False, True], ids=["new-name", "replacing"])
def test_a_bad_row_writes_nothing_and_keeps_what_was_there(
    store: Store, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    kept = save(store)
    kept_rows = load_products(store, kept.id)
    bad = products(7)
    bad.loc[6, "stars"] = 6  # the last row, in the last of several INSERT batches
    monkeypatch.setattr(imports_module, "CHUNK_ROWS", 2)

    with pytest.raises(StoreError) as excinfo:
        save(store, name=kept.name if replace else "hỏng", products=bad, replace=replace)

    assert isinstance(excinfo.value.__cause__, IntegrityError)  # the database's CHECK said no
    message = str(excinfo.value)
    assert "stars must be one of 3, 4, 5: row 8 (6)" in message
    assert "nothing was written" in message
    assert list_imports(store) == [kept]
    assert count_products(store) == 3
    pd.testing.assert_frame_equal(load_products(store, kept.id), kept_rows)


def test_unknown_method_and_missing_required_value_are_named(store: Store) -> None:
    bad = products(3)
    bad.loc[0, "method"] = "guess"
    bad.loc[1, "product_name"] = None
    with pytest.raises(StoreError) as excinfo:
        save(store, products=bad)
    message = str(excinfo.value)
    assert "method must be one of coordinates, ward, district, unplaced: row 2 ('guess')" in message
    assert "product_name is empty in row 3" in message
    assert list_imports(store) == []


def test_duplicate_name_says_who_imported_it_and_when(store: Store) -> None:
    first = save(store, imported_by="Trần Văn An")
    with pytest.raises(StoreError) as excinfo:
        save(store, imported_by="someone else", products=products(1))
    message = str(excinfo.value)
    assert "exists already" in message
    assert "Trần Văn An" in message
    assert f"{first.imported_at:%Y-%m-%d %H:%M} UTC" in message
    assert list_imports(store) == [first]
    assert count_products(store) == 3


def test_replace_swaps_the_rows(store: Store) -> None:
    old = save(store)
    other = save(store, name="khác", products=products(2, first_row=100))
    new = save(store, products=products(5, first_row=10, stars=5), replace=True, imported_by="B")

    assert new.id != old.id
    assert {s.name: s.id for s in list_imports(store)} == {old.name: new.id, "khác": other.id}
    loaded = load_products(store, new.id)
    assert loaded["row"].tolist() == [10, 11, 12, 13, 14]
    assert set(loaded["stars"]) == {5}
    assert count_products(store) == 5 + 2
    with pytest.raises(StoreError, match=f"no registry import with id {old.id}"):
        load_products(store, old.id)


def test_remove_deletes_the_import_and_cascades_to_its_products(store: Store) -> None:
    gone = save(store)
    kept = save(store, name="giữ lại", products=products(2))
    remove_import(store, gone.id, actor=OPERATOR)
    assert list_imports(store) == [kept]
    assert count_products(store) == 2
    with pytest.raises(StoreError, match=f"no registry import with id {gone.id}"):
        remove_import(store, gone.id, actor=OPERATOR)


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
    assert list_imports(store) == []


def test_sql_injection_looking_text_is_stored_verbatim(store: Store) -> None:
    frame = products(1)
    frame.loc[0, "product_name"] = INJECTION
    summary = save(store, name=INJECTION, imported_by=INJECTION, products=frame)
    assert list_imports(store)[0].name == INJECTION
    assert list_imports(store)[0].imported_by == INJECTION
    assert load_products(store, summary.id).loc[0, "product_name"] == INJECTION
    assert count_products(store) == 1  # the table is still there


def test_imported_at_is_stored_in_utc(store: Store) -> None:
    summary = save(store)
    with store.engine.connect() as conn:
        raw = conn.exec_driver_sql("SELECT imported_at FROM registry_imports").scalar_one()
    if isinstance(raw, str):  # SQLite keeps text
        raw = datetime.fromisoformat(raw).replace(tzinfo=UTC)
    assert raw == summary.imported_at


def test_a_name_or_author_over_the_saved_names_limit_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match=f"name is {MAX_NAME + 1} characters long; at most"):
        save(store, name="d" * (MAX_NAME + 1))
    with pytest.raises(StoreError, match=f"imported_by is {MAX_NAME + 1} characters long"):
        save(store, imported_by="b" * (MAX_NAME + 1))
    with pytest.raises(StoreError, match="imported_by must not be empty"):
        save(store, imported_by=None)
    assert list_imports(store) == []
    assert save(store, name="d" * MAX_NAME).name == "d" * MAX_NAME


def test_a_missing_import_is_named_in_vietnamese(store: Store) -> None:
    from ocop_geo.i18n import error_text

    gone = save(store)
    remove_import(store, gone.id, actor=OPERATOR)
    with pytest.raises(StoreError) as caught:
        remove_import(store, gone.id, actor=OPERATOR)
    assert error_text(caught.value, "vi") == f"không có lần nhập danh sách nào có mã {gone.id}"
    assert str(caught.value) == f"there is no registry import with id {gone.id}"


def test_rows_the_database_refuses_are_named_in_the_page_language(store: Store) -> None:
    from ocop_geo.i18n import error_text

    bad = products(3)
    bad.loc[1, "product_name"] = None
    with pytest.raises(StoreError) as caught:
        save(store, products=bad)
    assert error_text(caught.value, "vi").startswith(
        "chưa lưu lần nhập danh sách 'Danh sách OCOP 2024' (không có dữ liệu nào được ghi): "
        "product_name"
    )
