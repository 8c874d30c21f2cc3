"""The committed readiness checklist (data/criteria.yaml) and the checks of a broken one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.layers.catalog import Catalog
from ocop_geo.layers.validate import DataError
from ocop_geo.readiness.criteria import load_criteria

CRITERIA = REPO_ROOT / "data" / "criteria.yaml"
PILOTS = ("van-phuc", "bat-trang", "sai-son", "duong-lam", "khuyen-cong")


@pytest.fixture(scope="module")
def criteria():
    return load_criteria(CRITERIA, site_ids=list(Catalog.load().sites.index))


def test_the_committed_file_covers_the_facts_checklist(criteria) -> None:
    ids = [i.id for i in criteria.items]
    assert ids == [
        "location-category", "traffic-footfall", "products-3star", "product-quality",
        "signboard", "display-area", "safety-pricing", "floor-area", "operator-staff",
        "survey", "premises", "conference", "training", "opening",
    ]  # fmt: skip
    assert criteria.item("signboard").title_vi.startswith("Biển hiệu")
    assert "QĐ 3041/QĐ-BCT" in criteria.item("signboard").sources[0].document
    assert criteria.item("display-area").sources[0].document.startswith("CV 2959/SCT-QLTM")


def test_every_item_has_a_sourced_document_with_a_url(criteria) -> None:
    for item in criteria.items:
        assert item.sources, item.id
        for source in item.sources:
            assert source.document.strip()
            assert source.url.startswith(("http://", "https://")), item.id
    location = criteria.item("location-category").sources
    assert [s.document.split(" (")[0] for s in location] == ["QĐ 920/QĐ-BCT", "QĐ 950/QĐ-BCT"]


def test_items_the_facts_could_not_verify_are_marked(criteria) -> None:
    unverified = {i.id: i.confidence for i in criteria.items if not i.verified}
    assert unverified == {
        "safety-pricing": "P", "floor-area": "NF", "operator-staff": "NF",
    }  # fmt: skip
    assert all(i.confidence == "V" for i in criteria.items if i.verified)


def test_milestones_are_the_plans_months(criteria) -> None:
    periods = {m.id: (m.planned_start, m.planned_end) for m in criteria.milestones}
    assert periods == {
        "survey": (date(2020, 6, 1), date(2020, 6, 30)),
        "premises": (date(2020, 6, 1), date(2020, 12, 31)),
        "conference": (date(2020, 11, 1), date(2020, 11, 30)),
        "training": (date(2020, 7, 1), date(2020, 8, 31)),
        "opening": (date(2020, 9, 1), date(2020, 10, 31)),
    }
    rows = {m.id: m.sources[0].document for m in criteria.milestones}
    assert rows == {
        m: f"Kế hoạch 100/KH-UBND ngày 15/5/2020, Phụ lục dòng {n}"
        for m, n in (("survey", 5), ("premises", 6), ("conference", 7), ("training", 8),
                     ("opening", 9))
    }  # fmt: skip


def test_the_pilot_points_get_every_item_and_dong_anh_none(criteria) -> None:
    for site in PILOTS:
        assert len(criteria.items_for(site)) == 14
    assert criteria.items_for("dong-anh") == ()
    assert "nhiệm vụ 10–15 của phụ lục" in criteria.sites["dong-anh"].reason("vi")
    assert "tasks 10–15 of KH 100's appendix" in criteria.sites["dong-anh"].reason("en")


def test_seeds_are_the_known_outcomes(criteria) -> None:
    seeds = {(s.site_id, s.item_id): s for s in criteria.seeds}
    assert {k for k, s in seeds.items() if s.status == "done"} == {
        ("bat-trang", "opening"), ("bat-trang", "premises"), ("bat-trang", "products-3star"),
    }  # fmt: skip
    assert all(s.evidence_date == date(2020, 10, 8) for s in seeds.values() if s.status == "done")
    assert "3.300 m²" in seeds["bat-trang", "premises"].note
    assert "26 gian hàng" in seeds["bat-trang", "premises"].note
    for site in ("van-phuc", "duong-lam"):  # [P]: a note, not a claim that the point opened
        seed = seeds[site, "opening"]
        assert (seed.status, seed.evidence_date, seed.confidence) == ("unknown", None, "P")


BROKEN = """
items:
  - id: signboard
    group: facilities
    title_vi: Biển hiệu
    title_en: Signboard
    colour: red
    sources: [{document: QĐ 3041/QĐ-BCT, url: https://example.org/3041}]
    confidence: V
    verified: false
  - id: signboard
    group: facilities
    title_vi: Trùng
    sources: [{document: X, url: ftp://example.org}]
    confidence: P
    verified: false
milestones:
  - id: opening
    title_vi: Khai trương
    title_en: Opening
    planned_start: "2020-13"
    planned_end: "2020-09"
    sources: [{document: KH 100, url: https://example.org/kh100}]
    confidence: P
    verified: false
  - id: survey
    title_vi: Khảo sát
    title_en: Survey
    planned_start: "2020-10"
    planned_end: "2020-06"
    sources: [{document: KH 100, url: https://example.org/kh100}]
    confidence: P
    verified: false
sites:
  bat-trang: {checklist: all}
  nowhere: {checklist: some}
seeds:
  - {site: bat-trang, item: signage, status: finished, note: x, confidence: V}
"""


def problems_of(tmp_path: Path, text: str, sites: tuple[str, ...] = ("bat-trang",)) -> list[str]:
    path = tmp_path / "criteria.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_criteria(path, site_ids=sites)
    return [str(p) for p in caught.value.problems]


def test_a_broken_file_names_file_item_and_field(tmp_path: Path) -> None:
    found = problems_of(tmp_path, BROKEN)
    expected = [
        "criteria.yaml: field 'items[signboard].colour': unknown key",
        "criteria.yaml: field 'items[signboard].verified': must be true for confidence V",
        "criteria.yaml: field 'items[signboard].id': duplicate id",
        "criteria.yaml: field 'items[signboard].title_en': missing",
        "criteria.yaml: field 'items[signboard].sources[1].url': 'ftp://example.org' is not an "
        "http(s) URL",
        "criteria.yaml: field 'milestones[opening].planned_start': '2020-13' is not a month",
        "criteria.yaml: field 'milestones[survey].planned_end': ends before planned_start",
        "criteria.yaml: field 'sites[nowhere]': unknown site",
        "criteria.yaml: field 'sites[nowhere].checklist': 'some' must be all or none",
        "criteria.yaml: field 'seeds[bat-trang/signage].item': not an item or milestone id",
        "criteria.yaml: field 'seeds[bat-trang/signage].status': 'finished' is not one of",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in found), (start, found)
    assert len(found) == len(expected)


def test_a_missing_section_and_unparsable_yaml_are_reported(tmp_path: Path) -> None:
    assert problems_of(
        tmp_path, "items: []\nmilestones: []\nsites: {bat-trang: {checklist: all}}\n"
    ) == [
        "criteria.yaml: field 'seeds': missing",
        "criteria.yaml: field 'seeds': must be a list",
    ]
    assert problems_of(tmp_path, "items: [unclosed\n")[0].startswith(
        "criteria.yaml: not valid YAML"
    )


def test_a_date_written_as_a_day_is_not_a_month(tmp_path: Path) -> None:
    text = CRITERIA.read_text(encoding="utf-8").replace(
        'planned_end: "2020-06"', "planned_end: 2020-06-30"
    )
    assert problems_of(tmp_path, text, (*PILOTS, "dong-anh")) == [
        "criteria.yaml: field 'milestones[survey].planned_end': datetime.date(2020, 6, 30) is not "
        "a month written YYYY-MM (quote it)"
    ]


SMALL = """
items:
  - id: signboard
    group: facilities
    title_vi: Biển hiệu
    title_en: Signboard
    sources: [{document: QĐ 3041/QĐ-BCT, url: "SOURCE_URL"}]
    confidence: V
    verified: true
milestones: []
sites:
  bat-trang: {checklist: all}
seeds:
  - site: bat-trang
    item: signboard
    status: done
    evidence_url: "SEED_URL"
    note: "SEED_NOTE"
    confidence: V
"""


def small(source: str = "https://example.org/3041", url: str = "https://example.org/bt",
          note: str = "Đã đặt biển") -> str:  # fmt: skip
    return SMALL.replace("SOURCE_URL", source).replace("SEED_URL", url).replace("SEED_NOTE", note)


def test_the_small_file_passes_and_its_seed_is_what_the_store_accepts(tmp_path: Path) -> None:
    path = tmp_path / "criteria.yaml"
    path.write_text(small(), encoding="utf-8")
    (seed,) = load_criteria(path, site_ids=("bat-trang",)).seeds
    assert seed.as_seed() == (
        "bat-trang", "signboard", "done", "Đã đặt biển", "https://example.org/bt", None
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            small(source="https://"),
            "criteria.yaml: field 'items[signboard].sources[1].url': 'https://' is not an http(s) "
            "URL (must be an http:// or https:// address with a host)",
        ),
        (
            small(url="http:///no-host"),
            "criteria.yaml: field 'seeds[bat-trang/signboard].evidence_url': 'http:///no-host' is "
            "not an http(s) URL (must be an http:// or https:// address with a host)",
        ),
        (
            small(url="https://example.org/" + "x" * 2_000),
            "criteria.yaml: field 'seeds[bat-trang/signboard].evidence_url': 'https://example.org/"
            "xxx",
        ),
        (
            small(note="n" * 2_001),
            "criteria.yaml: field 'seeds[bat-trang/signboard].note': 'nnn",
        ),
    ],
)
def test_the_file_check_refuses_what_seeding_would_refuse(
    tmp_path: Path, text: str, problem: str
) -> None:
    found = problems_of(tmp_path, text)
    assert found[0].startswith(problem), found
    assert len(found) == 1 or found[1:] == [  # a broken item's seeds are refused too
        "criteria.yaml: field 'seeds[bat-trang/signboard].item': not an item or milestone id of "
        "this file"
    ]


def test_a_too_long_note_and_url_are_named_with_the_stores_limits(tmp_path: Path) -> None:
    (note,) = problems_of(tmp_path, small(note="n" * 2_001))
    assert note.endswith("is 2,001 characters long; at most 2,000")
    (url,) = problems_of(tmp_path, small(url="https://example.org/" + "x" * 2_000))
    assert "is not an http(s) URL (is too long (at most 2,000)" in url


def test_a_seed_date_with_a_time_is_not_a_date(tmp_path: Path) -> None:
    text = small().replace(
        "    status: done\n", "    status: done\n    evidence_date: 2020-10-08 10:00:00\n"
    )
    (found,) = problems_of(tmp_path, text)
    assert found.startswith(
        "criteria.yaml: field 'seeds[bat-trang/signboard].evidence_date': datetime.datetime("
    )
    assert found.endswith("is not a date (YYYY-MM-DD)")
