"""Saved candidate sets (ocop_geo.candidates.saved) on real SQLite and PostgreSQL databases."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.candidates.reader import Candidate
from ocop_geo.candidates.saved import delete_set, list_sets, load_set, save_set
from ocop_geo.database.store import Store, StoreError, candidate_sets, head_revision

SET = (Candidate("Thôn Đoài, Cổ Loa", 105.87, 21.11), Candidate("Vân Hà", 105.8985, 21.1503))
WEIGHTS = {"airport": 3.0, "craft": 0.0}


def count(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(candidate_sets)).scalar_one()


def test_the_migration_is_the_head_revision(store: Store) -> None:
    assert store.current_revision() == head_revision()


def test_a_saved_set_loads_back_exactly(store: Store) -> None:
    saved = save_set(
        store,
        "  Phương án A ",
        SET,
        weights=WEIGHTS,
        anywhere=True,
        saved_by="Sở QH-KT",
        actor=OPERATOR,
    )
    loaded = load_set(store, "Phương án A")
    assert loaded.name == "Phương án A"
    assert loaded.candidates == SET
    assert loaded.weights == WEIGHTS
    assert loaded.anywhere is True
    assert loaded.saved_by == "Sở QH-KT"
    assert loaded.saved_at == saved.saved_at
    assert loaded.saved_at.tzinfo is not None


def test_a_taken_name_says_who_saved_it_and_needs_replace(store: Store) -> None:
    save_set(store, "Phương án A", SET, saved_by="Lan", actor=OPERATOR)
    other = SET[:1]
    with pytest.raises(
        StoreError, match=r"candidate set named 'Phương án A' exists already \(saved by Lan on "
    ):
        save_set(store, "Phương án A", other, saved_by="Minh", actor=OPERATOR)
    assert load_set(store, "Phương án A").candidates == SET
    save_set(store, "Phương án A", other, saved_by="Minh", actor=OPERATOR, replace=True)
    assert load_set(store, "Phương án A").candidates == other
    assert count(store) == 1


def test_list_is_newest_first_and_delete_removes_one(store: Store) -> None:
    for name in ("Một", "Hai", "Ba"):
        save_set(store, name, SET, saved_by="Lan", actor=OPERATOR)
    assert [s.name for s in list_sets(store)] == ["Ba", "Hai", "Một"]
    delete_set(store, "Hai", actor=OPERATOR)
    assert [s.name for s in list_sets(store)] == ["Ba", "Một"]
    with pytest.raises(StoreError, match="no saved candidate set named 'Hai'"):
        delete_set(store, "Hai", actor=OPERATOR)
    with pytest.raises(StoreError, match="no saved candidate set named 'Bốn'"):
        load_set(store, "Bốn")


@pytest.mark.parametrize(
    ("name", "by", "points", "weights", "message"),
    [
        ("", "Lan", SET, None, "name must not be empty"),
        ("A", " ", SET, None, "saved_by must not be empty"),
        ("A", "Lan", (), None, "it has no candidates"),
        ("A", "Lan", (SET[0], SET[0]), None, "candidate name 'Thôn Đoài, Cổ Loa' is repeated"),
        ("A", "Lan", (Candidate("X", 21.1, 105.8),), None, "look swapped"),
        ("A", "Lan", SET, {"parking": 1}, "valid keys are airport"),
        (
            "A",
            "Lan",
            SET,
            {"airport": 0, "centre": 0, "co_loa": 0, "pilots": 0, "craft": 0},
            "at least one weight",
        ),
    ],
)
def test_bad_sets_are_refused_and_nothing_is_written(
    store: Store, name: str, by: str, points: tuple, weights: dict | None, message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        save_set(store, name, points, weights=weights, saved_by=by, actor=OPERATOR)
    assert count(store) == 0


def test_a_refused_set_is_explained_in_vietnamese(store: Store) -> None:
    from ocop_geo.i18n import error_text

    points = (SET[0], SET[0], Candidate("X", 21.1, 105.8))
    with pytest.raises(StoreError) as caught:
        save_set(store, "Bộ A", points, weights={"parking": 1}, saved_by="Lan", actor=OPERATOR)
    shown = error_text(caught.value, "vi")
    assert shown.startswith(
        "chưa lưu bộ địa điểm ứng viên 'Bộ A': tên địa điểm ứng viên 'Thôn Đoài, Cổ Loa' bị lặp "
        "lại; địa điểm ứng viên 'X': vĩ độ"
    )
    assert shown.endswith("; trọng số 'parking' không tồn tại: các khóa hợp lệ là airport, "
                          "centre, co_loa, pilots, craft")  # fmt: skip
    assert str(caught.value).startswith(
        "candidate set 'Bộ A' was not saved: candidate name 'Thôn Đoài, Cổ Loa' is repeated; "
        "candidate 'X': "
    )
    assert count(store) == 0
