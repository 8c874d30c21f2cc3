"""What the ranking section says about its road figures: from a road network, none (the estimate
router), a router that failed, and road figures with some pairs no road connects. The choice
rests on ``Ranking.road_backend``/``road_failed``, not on the note's wording."""

from __future__ import annotations

import dataclasses

import pytest
from streamlit.testing.v1 import AppTest

from ocop_geo.candidates.anchors import load_anchors
from ocop_geo.candidates.area import place_candidates
from ocop_geo.candidates.reader import Candidate
from ocop_geo.candidates.scoring import Ranking, criteria_from, score_candidates
from ocop_geo.config import Settings
from ocop_geo.layers.catalog import Catalog


def _section(result: object, criteria: object, lang: str) -> None:
    """The section on its own (AppTest runs this function's source as the script: builtins only
    in the annotations)."""
    from ocop_geo.ui.candidates_results import show

    show(result, criteria, lang)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def scored(catalog: Catalog) -> tuple[Ranking, tuple]:
    criteria = criteria_from(catalog, load_anchors(Settings().data_dir))
    placed = place_candidates([Candidate("Nam Đông Anh", 105.87, 21.08)], catalog)
    return score_candidates(placed, criteria), criteria


def _run(result: Ranking, criteria: tuple, lang: str = "en") -> AppTest:
    at = AppTest.from_function(_section, args=(result, criteria, lang), default_timeout=30)
    at.run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    "note",
    [
        "no road network (the router is the estimate)",
        None,
        "no road figures: stop 0 is far from the roads",  # a wording change must not matter
    ],
)
def test_no_road_figures_without_a_failure_is_the_estimate_caption(
    scored: tuple[Ranking, tuple], note: str | None
) -> None:
    ranking, criteria = scored
    at = _run(dataclasses.replace(ranking, road_note=note, road_failed=False), criteria)
    assert not at.warning
    assert any("No road network is configured" in c.value for c in at.caption)


def test_a_failed_router_is_a_warning_with_its_note(scored: tuple[Ranking, tuple]) -> None:
    ranking, criteria = scored
    note = "no road network reachable: stop 0 is 9 km from the nearest road"  # starts alike
    for lang, text in (("en", "Road distances could not be computed"),
                       ("vi", "Không tính được quãng đường bộ")):  # fmt: skip
        at = _run(dataclasses.replace(ranking, road_note=note, road_failed=True), criteria, lang)
        assert [w.value for w in at.warning] == [f"{text}: {note}"]
        assert not any("No road network" in c.value for c in at.caption)


def test_road_figures_with_unreached_pairs_show_the_backend_and_the_note(
    scored: tuple[Ranking, tuple],
) -> None:
    ranking, criteria = scored
    at = _run(dataclasses.replace(ranking, road_backend="roads"), criteria)
    assert any("Road distances (car) from “roads”" in c.value for c in at.caption)
    assert not at.warning
    note = "no road route by car for 1 candidate–target pair(s), e.g. …"
    at = _run(dataclasses.replace(ranking, road_backend="roads", road_note=note), criteria)
    assert any("Road distances (car) from “roads”" in c.value for c in at.caption)
    assert [w.value for w in at.warning] == [
        f"Some road distances are left empty (no route by car): {note}"
    ]
