"""``ocop-geo candidates score``: what a planner sees on the command line (committed data)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ocop_geo.cli.entry import build_parser, main

GOOD = "name,lat,lon\nNam Đông Anh,21.08,105.87\nBắc Đông Anh,21.18,105.80\n"


@pytest.fixture(autouse=True)
def _estimate_router(monkeypatch: pytest.MonkeyPatch) -> None:
    """The offline back end, whatever the machine's environment configures."""
    monkeypatch.setenv("OCOP_ROUTER", "estimate")


@pytest.fixture
def sites(tmp_path: Path) -> Path:
    path = tmp_path / "sites.csv"
    path.write_text(GOOD, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["candidates", "score", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_ranks_with_communes_distances_and_scores(capsys, sites: Path) -> None:
    code, out, err = run(capsys, str(sites))
    assert code == 0, err
    header, first, second = out.splitlines()
    for column in ("rank", "commune_2025", "total", "airport_km", "airport_score", "craft_score"):
        assert column in header
    assert "airport_road_km" not in header  # the estimate router: no road column
    assert first.split()[:3] == ["1", "Nam", "Đông"]
    assert "Xã Đông Anh" in first
    assert "Xã Phúc Thịnh" in second
    assert "2 candidate(s) ranked; weights airport 0.20" in err
    assert "road distances: no road network" in err


def test_weights_change_the_order(capsys, sites: Path) -> None:
    out = run(capsys, str(sites), "--weights", "airport=1,centre=0,co_loa=0,pilots=0,craft=0")[1]
    assert out.splitlines()[1].split()[:3] == ["1", "Bắc", "Đông"]


def test_csv_and_geojson_outputs_parse(capsys, sites: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, str(sites), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert [r["name"] for r in rows] == ["Nam Đông Anh", "Bắc Đông Anh"]
    assert all(r["co_loa_road_m"] == "" and float(r["co_loa_m"]) > 0 for r in rows)
    target = tmp_path / "ranked.geojson"
    code, out, _ = run(capsys, str(sites), "--format", "geojson", "-o", str(target))
    assert (code, out) == (0, "")
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert [f["properties"]["rank"] for f in doc["features"]] == [1, 2]
    assert doc["features"][0]["geometry"] == {"type": "Point", "coordinates": [105.87, 21.08]}
    assert doc["road_figures"] == "no road network"


def test_geojson_input_is_read_too(capsys, tmp_path: Path) -> None:
    path = tmp_path / "c.geojson"
    point = {"type": "Point", "coordinates": [105.873206, 21.113408]}
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"name": "Cổ Loa"}, "geometry": point}
                ],
            }
        )
    )
    code, out, _ = run(capsys, str(path), "--format", "csv")
    assert code == 0
    row = next(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert (row["name"], float(row["co_loa_m"]), float(row["co_loa_score"])) == ("Cổ Loa", 0, 100)


def test_bad_weights_are_a_usage_error(capsys, sites: Path) -> None:
    code, out, err = run(capsys, str(sites), "--weights", "parking=2")
    assert (code, out) == (2, "")
    assert "unknown weight 'parking': valid keys are airport, centre, co_loa, pilots, craft" in err
    code, _, err = run(
        capsys, str(sites), "--weights", "airport=0,centre=0,co_loa=0,pilots=0,craft=0"
    )
    assert code == 2
    assert "at least one weight must be above 0" in err


def test_a_candidate_outside_dong_anh_is_a_data_error_unless_anywhere(
    capsys, tmp_path: Path
) -> None:
    path = tmp_path / "city.csv"
    path.write_text(GOOD + "Hồ Gươm,21.02889,105.8525\n", encoding="utf-8")
    code, out, err = run(capsys, str(path))
    assert (code, out) == (1, "")
    assert (
        "candidate 'Hồ Gươm' (lat 21.02889, lon 105.8525) lies outside the former Đông Anh" in err
    )
    code, out, err = run(capsys, str(path), "--anywhere")
    assert code == 0, err
    assert "Phường Hoàn Kiếm" in out


def test_a_malformed_file_names_row_and_column(capsys, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,lat,lon\nA,21.1,105.87\nB,north,105.8\n", encoding="utf-8")
    code, out, err = run(capsys, str(path))
    assert (code, out) == (1, "")
    assert "bad.csv: row 3, column 'lat': 'north' is not a number" in err
    assert "nothing was scored" in err
    code, _, err = run(capsys, str(tmp_path / "missing.csv"))
    assert code == 1
    assert "missing.csv" in err


def test_help_documents_the_weight_keys(capsys) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["candidates", "score", "--help"])
    text = capsys.readouterr().out
    for key in ("airport", "centre", "co_loa", "pilots", "craft", "--anywhere"):
        assert key in text
