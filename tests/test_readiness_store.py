"""Readiness checklist store (ocop_geo.readiness.store) on real SQLite and PostgreSQL databases."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, delete, exc, func, select, update

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.database.store import Store, StoreError, checklist_audit, checklist_state
from ocop_geo.readiness.store import (
    MAX_NOTE,
    Change,
    ConflictError,
    ItemState,
    ReadinessError,
    history,
    load_item,
    load_states,
    seed_evidence,
    update_item,
)

SITES = ("van-phuc", "bat-trang", "sai-son", "duong-lam", "khuyen-cong", "dong-anh")
KNOWN = {"bat-trang": {"showroom", "parking"}, "van-phuc": {"showroom", "signage"}}


def save(store: Store, change: Change, *, version: int = 0, by: str = "Lan", **where: str) -> Any:
    site, item = where.get("site", "bat-trang"), where.get("item", "showroom")
    return update_item(
        store,
        site,
        item,
        change,
        expected_version=version,
        by=by,
        actor=OPERATOR,
        known_items=KNOWN,
    )


def count(store: Store, table: Table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def rows(store: Store, table: Table) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key))]


def test_first_write_and_update_round_trip(store: Store) -> None:
    assert load_item(store, "bat-trang", "showroom") == ItemState("bat-trang", "showroom")
    first = save(
        store, Change(status="in_progress", note="Đang sửa mái", evidence_date="2024-05-02")
    )
    assert (first.version, first.updated_by, first.evidence_date) == (1, "Lan", date(2024, 5, 2))
    second = save(
        store,
        Change(status="done", evidence_url=" https://hanoi.gov.vn/bt "),
        version=1,
        by="  Sở Công Thương ",
    )
    assert second == load_item(store, "bat-trang", "showroom")
    assert load_states(store) == {("bat-trang", "showroom"): second}
    assert load_states(store, "van-phuc") == {}
    assert (second.status, second.note, second.version) == ("done", "Đang sửa mái", 2)
    assert second.evidence_url == "https://hanoi.gov.vn/bt"
    assert second.updated_by == "Sở Công Thương"
    assert second.updated_at.tzinfo is not None
    latest, oldest = history(store, "bat-trang", "showroom")
    assert (latest.version_after, latest.changed_by) == (2, "Sở Công Thương")
    assert latest.changes == {
        "status": ("in_progress", "done"),
        "evidence_url": (None, "https://hanoi.gov.vn/bt"),
    }
    assert oldest.before is None
    assert oldest.after["note"] == "Đang sửa mái"
    cleared = save(store, Change(evidence_url="", evidence_date=""), version=2)
    assert (cleared.evidence_url, cleared.evidence_date) == (None, None)


@pytest.mark.parametrize(
    ("where", "change", "by", "message"),
    [
        ({"site": "hoa-lac"}, Change(status="done"), "Lan", "site_id 'hoa-lac' is not a known"),
        ({"item": "toilets"}, Change(status="done"), "Lan", "item_id 'toilets' is not a check"),
        ({}, Change(status="finished"), "Lan", "status 'finished' is not one of not_started"),
        ({}, Change(note="x" * (MAX_NOTE + 1)), "Lan", "note is 2,001 characters long"),
        ({}, Change(evidence_date="2024-13-01"), "Lan", "evidence_date '2024-13-01' is not a"),
        ({}, Change(evidence_date="02/05/2024"), "Lan", "evidence_date '02/05/2024' is not a"),
        ({}, Change(evidence_url="javascript:alert(1)"), "Lan", "evidence_url 'javascript:"),
        ({}, Change(evidence_url="https://"), "Lan", "evidence_url 'https://' must be an http"),
        ({}, Change(status="done"), "   ", "by .* must not be empty"),
        ({}, Change(), "Lan", "change names no field"),
    ],
)
@pytest.mark.parametrize("version", [0, 1])
def test_a_refused_write_names_the_field_and_writes_nothing(
    store: Store, where: dict, change: Change, by: str, message: str, version: int
) -> None:
    if version:  # an item with a saved state, or the first write
        save(store, Change(status="blocked", note="chờ vốn"))
    before = rows(store, checklist_state), rows(store, checklist_audit)
    with pytest.raises(ReadinessError, match=message):
        save(store, change, version=version, by=by, **where)
    assert (rows(store, checklist_state), rows(store, checklist_audit)) == before


def test_a_note_of_exactly_the_limit_is_saved(store: Store) -> None:
    assert save(store, Change(note="ư" * MAX_NOTE)).note == "ư" * MAX_NOTE


def test_html_in_a_note_is_stored_verbatim(store: Store) -> None:
    note = "<script>alert('x')</script> & <b>'; DROP TABLE checklist_state; --"
    save(store, Change(note=note))
    assert load_item(store, "bat-trang", "showroom").note == note
    assert history(store, "bat-trang")[0].after["note"] == note


@pytest.mark.parametrize("start", [0, 1])
def test_two_editors_of_one_version_one_wins_and_the_other_is_told(
    store: Store, start: int
) -> None:
    if start:
        save(store, Change(status="in_progress"), by="Hà")
    winner = save(store, Change(status="done", note="Nghiệm thu xong"), version=start, by="Lan")
    with pytest.raises(ConflictError, match=r"changed by Lan on .* \(status done, note 'Ngh") as e:
        save(store, Change(status="blocked", note="Thiếu hồ sơ"), version=start, by="Minh")
    assert e.value.current == winner
    assert load_item(store, "bat-trang", "showroom") == winner
    assert history(store, "bat-trang", "showroom")[0].changed_by == "Lan"
    assert count(store, checklist_audit) == start + 1


@pytest.mark.slow
def test_twenty_concurrent_writers_lose_nothing(store: Store) -> None:
    """20 writers (5 sessions on each of 4 app servers) × 200 saves on 12 items, each save
    retried after a conflict with the version the conflict reports, as a user would."""
    writers, updates = 20, 200
    known = {site: {"showroom", "signage"} for site in SITES}
    items = [(site, item) for site in SITES for item in sorted(known[site])]
    url = store.engine.url.render_as_string(hide_password=False)
    servers = [store, *(Store.from_url(url) for _ in range(3))]
    done: Counter[tuple[str, str]] = Counter()
    lock, start = threading.Lock(), threading.Barrier(writers)

    def writer(w: int) -> None:
        seen: dict[tuple[str, str], int] = {}
        start.wait()
        for k in range(updates):
            site, item = items[(w + k) % len(items)]
            version = seen.get((site, item), 0)
            while True:
                try:
                    saved = update_item(
                        servers[w % len(servers)], site, item, Change(note=f"w{w} #{k}"),
                        expected_version=version, by=f"w{w}", actor=OPERATOR, known_items=known,
                    )  # fmt: skip
                    break
                except ConflictError as conflict:
                    version = conflict.current.version
            seen[site, item] = saved.version
            with lock:
                done[site, item] += 1

    try:
        with ThreadPoolExecutor(writers) as pool:
            list(pool.map(writer, range(writers)))
    finally:
        for server in servers[1:]:
            server.close()
    assert sum(done.values()) == writers * updates
    states = load_states(store)
    assert set(states) == set(items)
    for key in items:
        log = history(store, *key)
        assert states[key].version == done[key] == len(log)
        assert [a.version_after for a in log] == list(range(done[key], 0, -1))
        assert all(a.before["version"] == a.version_after - 1 for a in log[:-1])  # one chain
        assert log[0].after["note"] == states[key].note
    assert count(store, checklist_audit) == writers * updates


@contextmanager
def failing_audit_inserts(store: Store) -> Iterator[None]:
    """A real database failure on the second statement of a write: audit inserts are refused."""
    if store.is_sqlite:
        create = [
            "CREATE TRIGGER test_fail BEFORE INSERT ON checklist_audit "
            "BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END"
        ]
        drop = ["DROP TRIGGER test_fail"]
    else:
        create = [
            "CREATE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$",
            "CREATE TRIGGER test_fail BEFORE INSERT ON checklist_audit "
            "FOR EACH ROW EXECUTE FUNCTION test_fail()",
        ]
        drop = ["DROP TRIGGER test_fail ON checklist_audit", "DROP FUNCTION test_fail()"]
    with store.transaction(write=True) as conn:
        for statement in create:
            conn.exec_driver_sql(statement)
    yield
    with store.transaction(write=True) as conn:
        for statement in drop:
            conn.exec_driver_sql(statement)


def test_a_write_interrupted_after_the_update_leaves_the_database_as_before(
    store: Store,
) -> None:
    first = save(store, Change(status="in_progress"))
    before = rows(store, checklist_state), rows(store, checklist_audit)
    with failing_audit_inserts(store):
        with pytest.raises(StoreError, match="disk full"):
            save(store, Change(status="done"), version=1)
        with pytest.raises(StoreError, match="disk full"):
            save(store, Change(status="done"), item="parking")
    assert (rows(store, checklist_state), rows(store, checklist_audit)) == before
    assert save(store, Change(status="done"), version=1).version == first.version + 1


def test_the_database_refuses_to_change_audit_rows(store: Store) -> None:
    save(store, Change(status="done"))
    before = rows(store, checklist_audit)
    with pytest.raises(exc.DBAPIError, match="append-only"), store.transaction(write=True) as c:
        c.execute(update(checklist_audit).values(changed_by="someone else"))
    assert rows(store, checklist_audit) == before
    with pytest.raises(exc.DBAPIError, match="append-only"), store.transaction(write=True) as c:
        c.execute(delete(checklist_audit))
    assert rows(store, checklist_audit) == before


def test_backup_and_restore_reproduce_every_row_with_the_audit_log(
    store: Store, tmp_path: Path
) -> None:
    save(store, Change(status="in_progress", note="<i>bắt đầu</i>", evidence_date=date(2021, 3, 1)))
    save(store, Change(status="done", evidence_url="https://x.vn/a?b=1"), version=1)
    seed_evidence(store, [("van-phuc", "signage", "done", "Biển đã lắp", None, "2020-09-30")])
    saved = rows(store, checklist_state), rows(store, checklist_audit)
    backup = store.backup(tmp_path / "backup.sqlite3")
    empty = Store.from_url(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        empty.upgrade()
        empty.restore(backup)
        assert (rows(empty, checklist_state), rows(empty, checklist_audit)) == saved
    finally:
        empty.close()
    save(store, Change(status="blocked"), version=2)
    store.restore(backup)
    assert (rows(store, checklist_state), rows(store, checklist_audit)) == saved
    assert save(store, Change(status="blocked"), version=2).version == 3  # ids continue
    assert len(history(store, "bat-trang", "showroom")) == 3


def test_seeding_fills_only_items_without_state_and_is_idempotent(store: Store) -> None:
    save(store, Change(status="blocked", note="chờ vốn"), by="Lan")
    seeds = [
        ("bat-trang", "showroom", "done", "từ báo cáo", None, None),
        ("bat-trang", "parking", "done", "Bãi xe 2021", "https://x.vn/p", date(2021, 6, 1)),
    ]
    saved = seed_evidence(store, seeds, by="báo cáo 2022")
    assert [(s.item_id, s.updated_by, s.version) for s in saved] == [("parking", "báo cáo 2022", 1)]
    assert seed_evidence(store, seeds) == []
    assert load_item(store, "bat-trang", "showroom").status == "blocked"
    assert load_item(store, "bat-trang", "parking").evidence_date == date(2021, 6, 1)
    assert count(store, checklist_audit) == 2
    with pytest.raises(ReadinessError, match="status 'ok'"):
        seed_evidence(store, [("van-phuc", "signage", "ok", "", None, None)])
    assert count(store, checklist_state) == 2


def test_history_of_a_site_is_newest_first(store: Store) -> None:
    save(store, Change(status="in_progress"))
    save(store, Change(status="done"), item="parking", by="Minh")
    save(store, Change(status="done"), version=1, by="Hà")
    log = history(store, "bat-trang")
    assert [(a.item_id, a.changed_by, a.version_after) for a in log] == [
        ("showroom", "Hà", 2),
        ("parking", "Minh", 1),
        ("showroom", "Lan", 1),
    ]
    assert history(store, "van-phuc") == []


def test_history_of_several_sites_is_one_newest_first_log(store: Store) -> None:
    save(store, Change(status="in_progress"))
    save(store, Change(status="done"), site="van-phuc", item="signage", by="Minh")
    save(store, Change(status="done"), version=1, by="Hà")
    log = history(store, ["van-phuc", "bat-trang"])
    assert [(a.site_id, a.changed_by, a.version_after) for a in log] == [
        ("bat-trang", "Hà", 2),
        ("van-phuc", "Minh", 1),
        ("bat-trang", "Lan", 1),
    ]
    assert history(store, {"van-phuc"}) == history(store, "van-phuc")
    assert history(store, ["sai-son"]) == []
    assert history(store, []) == []


def test_refused_writes_are_explained_in_vietnamese(store: Store) -> None:
    from ocop_geo.i18n import error_text

    with pytest.raises(ReadinessError) as unknown:
        save(store, Change(status="done"), site="hoan-kiem")
    assert error_text(unknown.value, "vi") == (
        "site_id 'hoan-kiem' không phải là điểm đã biết (các điểm đã biết: bat-trang, van-phuc)"
    )
    assert (
        str(unknown.value) == "site_id 'hoan-kiem' is not a known site (known: bat-trang, van-phuc)"
    )
    with pytest.raises(ReadinessError) as item:
        save(store, Change(status="done"), item="toilets")
    assert error_text(item.value, "vi") == (
        "item_id 'toilets' không phải là hạng mục trong danh sách kiểm tra của điểm 'bat-trang'"
    )
    with pytest.raises(ReadinessError) as empty:
        save(store, Change())
    assert error_text(empty.value, "vi") == (
        "thay đổi không có trường nào để lưu (status, note, evidence_url hoặc evidence_date)"
    )
    with pytest.raises(ReadinessError) as version:
        save(store, Change(status="done"), version=-1)
    assert error_text(version.value, "vi") == (
        "expected_version phải từ 0 (chưa có trạng thái) trở lên, không phải -1"
    )
    assert count(store, checklist_state) == 0


def test_days_months_and_fonts_are_explained_in_vietnamese(tmp_path: Path) -> None:
    from ocop_geo.i18n import error_text
    from ocop_geo.readiness.command import parse_day
    from ocop_geo.readiness.export import FONT_PACKAGE, FontMissingError, font_files
    from ocop_geo.readiness.items import month_bounds

    with pytest.raises(ValueError, match="YYYY-MM") as month:
        month_bounds("2020-13")
    assert error_text(month.value, "vi") == "'2020-13' không phải là tháng viết theo dạng YYYY-MM"
    assert str(month.value) == "'2020-13' is not a month written YYYY-MM"
    with pytest.raises(ValueError, match="calendar day") as day:
        parse_day("2020-02-30")
    assert error_text(day.value, "vi").startswith("'2020-02-30' không phải là ngày có thật")
    assert str(day.value).startswith("'2020-02-30' is not a calendar day (")
    with pytest.raises(FontMissingError) as font:
        font_files([tmp_path])
    assert error_text(font.value, "vi") == (
        f"không tìm thấy phông Noto Sans (NotoSans-Regular.ttf, NotoSans-Bold.ttf) trong "
        f"{tmp_path}; hãy cài gói {FONT_PACKAGE} (apt-get install {FONT_PACKAGE})"
    )
    assert str(font.value).startswith("Noto Sans (NotoSans-Regular.ttf, NotoSans-Bold.ttf) not")
