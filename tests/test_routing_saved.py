"""Saved tours (ocop_geo.routing.saved) on real SQLite and PostgreSQL databases, and the link form
of a tour (ocop_geo.routing.request)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.database.store import Store, StoreError
from ocop_geo.routing.request import RequestError, RouteRequest, parse_start
from ocop_geo.routing.saved import delete_route, list_routes, load_route, save_route

TOUR = RouteRequest(
    stop_ids=("bat-trang", "van-phuc", "duong-lam"),
    mode="bicycle",
    start_min=7 * 60 + 45,
    optimise=True,
    round_trip=True,
)


def test_a_saved_tour_loads_back_exactly(store: Store) -> None:
    saved = save_route(store, "  Làng nghề phía Tây  ", TOUR, saved_by="Sở Du lịch", actor=OPERATOR)
    loaded = load_route(store, "Làng nghề phía Tây")
    assert loaded.name == "Làng nghề phía Tây"
    assert loaded.request == TOUR
    assert loaded.saved_by == "Sở Du lịch"
    assert loaded.saved_at == saved.saved_at
    assert loaded.saved_at.tzinfo is not None


def test_saving_under_a_taken_name_says_who_saved_it_and_needs_replace(store: Store) -> None:
    save_route(store, "Tour A", TOUR, saved_by="Lan", actor=OPERATOR)
    other = RouteRequest(stop_ids=("sai-son", "duong-lam"))
    with pytest.raises(StoreError, match=r"exists already \(saved by Lan on "):
        save_route(store, "Tour A", other, saved_by="Minh", actor=OPERATOR)
    assert load_route(store, "Tour A").request == TOUR
    save_route(store, "Tour A", other, saved_by="Minh", actor=OPERATOR, replace=True)
    assert load_route(store, "Tour A").request == other
    assert [r.name for r in list_routes(store)] == ["Tour A"]


def test_list_is_newest_first_and_delete_removes_one(store: Store) -> None:
    for name in ("Một", "Hai", "Ba"):
        save_route(store, name, TOUR, saved_by="Lan", actor=OPERATOR)
    assert [r.name for r in list_routes(store)] == ["Ba", "Hai", "Một"]
    delete_route(store, "Hai", actor=OPERATOR)
    assert [r.name for r in list_routes(store)] == ["Ba", "Một"]
    with pytest.raises(StoreError, match="no saved tour named 'Hai'"):
        delete_route(store, "Hai", actor=OPERATOR)
    with pytest.raises(StoreError, match="no saved tour named 'Bốn'"):
        load_route(store, "Bốn")


@pytest.mark.parametrize(
    ("name", "by", "request_", "message"),
    [
        ("", "Lan", TOUR, "name must not be empty"),
        ("Tour", "   ", TOUR, "saved_by must not be empty"),
        ("x" * 121, "Lan", TOUR, "at most 120"),
        ("Tour", "Lan", RouteRequest(stop_ids=("bat-trang",)), "at least two stops"),
    ],
)
def test_bad_saves_write_nothing(
    store: Store, name: str, by: str, request_: RouteRequest, message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        save_route(store, name, request_, saved_by=by, actor=OPERATOR)
    assert list_routes(store) == []


def test_a_name_with_sql_in_it_is_stored_as_text(store: Store) -> None:
    name = "x'); DROP TABLE saved_routes; --"
    save_route(store, name, TOUR, saved_by="Lan", actor=OPERATOR)
    assert load_route(store, name).name == name


def test_saved_tours_survive_backup_and_restore(store: Store, tmp_path: Path) -> None:
    save_route(store, "Tour A", TOUR, saved_by="Lan", actor=OPERATOR)
    backup = store.backup(tmp_path / "backup.sqlite3")
    delete_route(store, "Tour A", actor=OPERATOR)
    store.restore(backup)
    assert load_route(store, "Tour A").request == TOUR


def test_an_unmigrated_database_says_to_run_upgrade(empty_store: Store) -> None:
    with pytest.raises(StoreError, match="ocop-geo db upgrade"):
        list_routes(empty_store)


def test_a_link_round_trips_the_request() -> None:
    query = TOUR.to_query()
    assert query == {
        "stops": "bat-trang,van-phuc,duong-lam",
        "mode": "bicycle",
        "start": "07:45",
        "opt": "1",
        "rt": "1",
        "end": "0",
        "hours": "0",
    }
    assert RouteRequest.from_query(query) == TOUR
    assert RouteRequest.from_query({"mode": "car"}) is None


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"stops": "bat-trang,van-phuc", "mode": "plane"}, "mode 'plane'"),
        ({"stops": "bat-trang,van-phuc", "start": "25:00"}, "start time '25:00'"),
        ({"stops": "bat-trang,van-phuc", "opt": "yes"}, "opt='yes' must be 0 or 1"),
        ({"stops": "bat-trang,<script>"}, "stop id '<script>' is not a valid id"),
        ({"stops": ",".join(f"s{i}" for i in range(81))}, "at most 80"),
    ],
)
def test_a_malformed_link_names_the_bad_part(params: dict[str, str], message: str) -> None:
    with pytest.raises(RequestError, match=message):
        RouteRequest.from_query(params)


def test_start_times() -> None:
    assert parse_start("8:30") == 510
    assert parse_start(" 00:00 ") == 0
    assert parse_start("23:59") == 1439
    for bad in ("24:00", "8h30", "08:60", ""):
        with pytest.raises(RequestError):
            parse_start(bad)
