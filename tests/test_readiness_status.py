"""Readiness as of a date: replaying 2020 from the seeded evidence, late milestones, scores."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.config import REPO_ROOT
from ocop_geo.database.store import Store
from ocop_geo.readiness.criteria import load_criteria
from ocop_geo.readiness.records import Change, ItemState
from ocop_geo.readiness.status import DONE_LATER, done_on, overview, site_readiness
from ocop_geo.readiness.store import load_states, seed_evidence, update_item

SITES = ("van-phuc", "bat-trang", "sai-son", "duong-lam", "khuyen-cong", "dong-anh")


@pytest.fixture(scope="module")
def criteria():
    return load_criteria(REPO_ROOT / "data" / "criteria.yaml", site_ids=SITES)


@pytest.fixture
def seeded(store: Store, criteria):
    """The real database with the committed known outcomes."""
    seed_evidence(store, [s.as_seed() for s in criteria.seeds])
    return store


def test_bat_trang_opening_is_done_from_8_october_2020(seeded: Store, criteria) -> None:
    states = load_states(seeded)
    before = site_readiness(criteria, "bat-trang", states, date(2020, 10, 7))
    after = site_readiness(criteria, "bat-trang", states, date(2020, 10, 8))
    opening = {s.item.id: s for s in before.items}["opening"]
    assert (opening.done, opening.as_of) == (False, DONE_LATER)
    assert opening.done_date == date(2020, 10, 8)
    assert {s.item.id: s for s in after.items}["opening"].done
    assert (before.done, after.done, after.applicable) == (0, 3, 14)
    assert after.share == pytest.approx(3 / 14)
    assert not after.ready


def test_milestones_turn_late_after_their_planned_month(seeded: Store, criteria) -> None:
    states = load_states(seeded)

    def late(day: date) -> dict[str, list[str]]:
        view = overview(criteria, SITES, states, day)
        return {s.site_id: [i.item.id for i in s.items if i.late] for s in view.sites}

    assert late(date(2020, 6, 30))["sai-son"] == []  # the survey month is not over
    assert late(date(2020, 7, 1))["sai-son"] == ["survey"]
    assert late(date(2020, 9, 1))["sai-son"] == ["survey", "training"]
    on_1_nov = late(date(2020, 11, 1))
    assert on_1_nov["sai-son"] == ["survey", "training", "opening"]
    assert on_1_nov["bat-trang"] == ["survey", "training"]  # opened and premises ready 8/10
    assert on_1_nov["dong-anh"] == []  # no checklist
    assert late(date(2020, 12, 1))["sai-son"] == ["survey", "conference", "training", "opening"]
    assert late(date(2021, 1, 1))["sai-son"] == [
        "survey", "premises", "conference", "training", "opening"
    ]  # fmt: skip
    view = overview(criteria, SITES, states, date(2021, 1, 1))
    assert view.milestones_late == 4 * 5 + 3  # Bát Tràng: survey, conference, training unrecorded


def test_the_overview_counts_sites_items_and_leaves_dong_anh_out(seeded: Store, criteria) -> None:
    view = overview(criteria, SITES, load_states(seeded), date(2020, 12, 31))
    assert (view.with_checklist, view.ready) == (5, 0)
    assert (view.items_done, view.items_applicable) == (3, 5 * 14)
    dong_anh = view.site("dong-anh")
    assert (dong_anh.checklist, dong_anh.share, dong_anh.ready) == (False, None, False)


def test_not_applicable_is_left_out_and_all_done_is_ready(store: Store, criteria) -> None:
    known = criteria.known_items()
    for n, item in enumerate(criteria.items_for("sai-son")):
        status = "not_applicable" if item.id == "floor-area" else "done"
        change = Change(status=status, evidence_date="2020-09-15" if n else "2020-11-02")
        update_item(
            store,
            "sai-son",
            item.id,
            change,
            expected_version=0,
            by="t",
            actor=OPERATOR,
            known_items=known,
        )
    states = load_states(store)
    mid = site_readiness(criteria, "sai-son", states, date(2020, 10, 1))
    assert (mid.done, mid.applicable, mid.ready) == (12, 13, False)  # location-category on 2/11
    end = site_readiness(criteria, "sai-son", states, date(2020, 11, 2))
    assert (end.done, end.applicable, end.ready, end.share) == (13, 13, True, 1.0)
    assert overview(criteria, SITES, states, date(2020, 11, 2)).ready == 1


def test_a_done_item_without_evidence_date_counts_from_its_hanoi_save_day() -> None:
    saved = datetime(2020, 10, 7, 18, 30, tzinfo=UTC)  # 01:30 on 8/10 in Hanoi
    state = ItemState("bat-trang", "training", "done", updated_at=saved, version=1)
    assert done_on(state) == date(2020, 10, 8)
    assert done_on(ItemState("bat-trang", "training", "in_progress", version=1)) is None


def test_other_statuses_show_as_recorded_and_count_as_not_done(criteria) -> None:
    states = {
        ("van-phuc", "survey"): ItemState("van-phuc", "survey", "blocked", version=2),
        ("van-phuc", "signboard"): ItemState("van-phuc", "signboard", "in_progress", version=1),
    }
    site = site_readiness(criteria, "van-phuc", states, date(2020, 5, 15))
    shown = {s.item.id: s.as_of for s in site.items}
    assert (shown["survey"], shown["signboard"], shown["display-area"]) == (
        "blocked", "in_progress", "unknown",
    )  # fmt: skip
    assert (site.done, site.late, site.share) == (0, 0, 0.0)
