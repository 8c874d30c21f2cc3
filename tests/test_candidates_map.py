"""The candidate page's pure pieces: a map click as a candidate, the map's layers (escaped names,
rings labelled as estimates), the ranking table as shown and the chart's data and encodings."""

from __future__ import annotations

import pytest

from ocop_geo.candidates.anchors import load_anchors
from ocop_geo.candidates.area import place_candidates
from ocop_geo.candidates.candidate_map import candidate_from_click, candidates_map
from ocop_geo.candidates.present import display_frame, score_chart
from ocop_geo.candidates.reader import Candidate
from ocop_geo.candidates.rings import rings
from ocop_geo.candidates.scoring import criteria_from, score_candidates
from ocop_geo.config import Settings
from ocop_geo.layers.catalog import Catalog

CLICK = {"last_clicked": {"lat": 21.1234567, "lng": 105.8456789}}


def test_a_click_becomes_the_next_free_site_name_rounded_to_six_decimals() -> None:
    assert candidate_from_click(CLICK, [], "vi") == Candidate("Điểm 1", 105.845679, 21.123457)
    assert candidate_from_click(CLICK, ["điểm 1", "Điểm 3"], "vi").name == "Điểm 2"
    assert candidate_from_click(CLICK, ["Site 1"], "en").name == "Site 2"


@pytest.mark.parametrize(
    "state", [None, {}, {"last_clicked": None}, {"last_clicked": {"lat": None, "lng": 105.8}}]
)
def test_no_click_adds_nothing(state: dict | None) -> None:
    assert candidate_from_click(state, [], "vi") is None


@pytest.fixture(scope="module")
def anchors() -> dict:
    return load_anchors(Settings().data_dir)


def test_the_map_escapes_names_and_labels_the_rings_as_estimates(
    catalog: Catalog, anchors: dict
) -> None:
    cands = [Candidate("<b>Bãi</b>", 105.87, 21.08), Candidate("Bắc", 105.80, 21.18)]
    html = (
        candidates_map(
            catalog, anchors, cands, Settings(), "vi", selected=0, rings=rings(105.87, 21.08)
        )
        .get_root()
        .render()
    )
    assert "<b>Bãi</b>" not in html
    assert "1. &lt;b&gt;Bãi&lt;/b&gt;" in html
    assert "2. Bắc" in html
    for minutes in (15, 30, 45):
        assert f"{minutes} phút ô tô (ước tính)" in html
    assert "Sân bay quốc tế Nội Bài · sai số ±2.000 m · độ tin cậy V" in html
    assert "Làng nghề gỗ mỹ nghệ Vân Hà" in html  # the craft villages
    plain = candidates_map(catalog, anchors, cands, Settings(), "en").get_root().render()
    assert "min by car (estimate)" not in plain  # no rings without a selection


@pytest.fixture(scope="module")
def ranking(catalog: Catalog, anchors: dict):
    cands = [Candidate("Nam", 105.87, 21.08), Candidate("Bắc", 105.80, 21.18)]
    criteria = criteria_from(catalog, anchors)
    return score_candidates(place_candidates(cands, catalog), criteria)


def test_the_table_shows_km_scores_and_the_commune_in_the_language(ranking) -> None:
    vi = display_frame(ranking, "vi")
    assert list(vi["Tên"]) == list(ranking.table["name"])
    assert vi["Sân bay Nội Bài (km)"].iloc[0] == round(ranking.table["airport_m"].iloc[0] / 1000, 1)
    assert "Sân bay Nội Bài (km đường bộ)" not in vi.columns  # no road figures: no column
    en = display_frame(ranking, "en")
    assert set(en["Ward/commune (since 1/7/2025)"]) == {"Dong Anh Commune", "Phuc Thinh Commune"}


def test_the_chart_has_one_bar_per_candidate_and_criterion(ranking) -> None:
    chart = score_chart(ranking, "en")
    data = chart.data
    assert len(data) == 2 * 5
    assert set(data["criterion"]) == {
        "Nội Bài airport",
        "City centre (Hoàn Kiếm)",
        "Cổ Loa citadel",
        "5 pilot points (mean)",
        "Nearest craft village",
    }
    first = ranking.table.iloc[0]
    bar = data[
        (data["candidate"] == f"1. {first['name']}") & (data["criterion"] == "Cổ Loa citadel")
    ]
    assert bar["score"].iloc[0] == round(first["co_loa_score"], 1)
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["field"] == "score"
    assert spec["encoding"]["x"]["scale"]["domain"] == [0, 100]
    assert spec["encoding"]["color"]["field"] == "criterion"


def test_the_candidate_district_is_the_one_the_site_links_to(catalog: Catalog) -> None:
    from ocop_geo.candidates.area import DONG_ANH, candidate_district

    district = candidate_district(catalog)
    assert list(district["name_vi"]) == [DONG_ANH]
    linked = catalog.sites.loc[catalog.sites["kind"] == "candidate_area", "district_2020_gso"]
    assert list(district["gso_code"]) == list(linked)
