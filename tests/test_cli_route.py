"""``ocop-geo route``: what a tour designer sees on the command line, with the committed data."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import gpxpy
import pytest

from ocop_geo.cli.entry import main
from ocop_geo.routing.command import ROUTE_FORMATS
from ocop_geo.routing.export import FORMATS
from ocop_geo.routing.stops import load_stops

TRIO = ("van-phuc", "duong-lam", "bat-trang")  # entered west, far west, then east
KNOWN = load_stops()


@pytest.fixture(autouse=True)
def _estimate_router(monkeypatch: pytest.MonkeyPatch) -> None:
    """The offline back end, whatever the machine's environment configures."""
    monkeypatch.setenv("OCOP_ROUTER", "estimate")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["route", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_stops_in_order_legs_and_totals(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *TRIO, "--start", "07:30")
    assert code == 0, err
    doc = json.loads(out)
    assert [s["id"] for s in doc["stops"]] == list(TRIO)
    assert [s["name_vi"] for s in doc["stops"]] == [KNOWN[i].name_vi for i in TRIO]
    assert doc["stops"][0]["depart"] >= doc["stops"][0]["arrive"] == "07:30"
    assert [(leg["from"], leg["to"]) for leg in doc["legs"]] == [TRIO[:2], TRIO[1:]]
    assert all(leg["distance_m"] > 0 and leg["duration_s"] > 0 for leg in doc["legs"])
    assert sum(leg["distance_m"] for leg in doc["legs"]) == pytest.approx(doc["distance_m"])
    assert sum(leg["duration_s"] for leg in doc["legs"]) == pytest.approx(doc["travel_s"])
    assert doc["backend"] == "estimate"
    assert doc["estimate"] is True
    assert isinstance(doc["warnings"], list)
    assert "3 stops" in err
    assert "Estimate" in err


def test_optimize_is_never_longer_than_the_order_entered(
    capsys: pytest.CaptureFixture[str],
) -> None:
    entered = json.loads(run(capsys, *TRIO, "sai-son")[1])
    code, out, _err = run(capsys, *TRIO, "sai-son", "--optimize")
    assert code == 0
    optimised = json.loads(out)
    assert optimised["stops"][0]["id"] == TRIO[0]  # the start stays first
    assert sorted(s["id"] for s in optimised["stops"]) == sorted((*TRIO, "sai-son"))
    assert optimised["travel_s"] <= entered["travel_s"] + 1e-6  # what the optimiser minimises
    assert optimised["distance_m"] <= entered["distance_m"] + 1e-6  # estimate: ∝ time
    assert optimised["entered_distance_m"] == pytest.approx(entered["distance_m"])
    assert optimised["saving_m"] == pytest.approx(entered["distance_m"] - optimised["distance_m"])


def test_round_trip_comes_back_to_the_start(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "bat-trang", "khuyen-cong", "--round-trip", "--mode", "bicycle")
    assert code == 0
    doc = json.loads(out)
    assert [s["id"] for s in doc["stops"]] == ["bat-trang", "khuyen-cong", "bat-trang"]
    assert doc["mode"] == "bicycle"


def _gpx(path: Path) -> list[str]:
    return [p.name for p in gpxpy.parse(path.read_text(encoding="utf-8")).routes[0].points]


def _kml(path: Path) -> list[str]:
    root = ET.parse(path).getroot()  # noqa: S314 (our own output)
    ns = "{http://www.opengis.net/kml/2.2}"
    folder = root.find(f"{ns}Document/{ns}Folder")
    return [p.findtext(f"{ns}name").split(". ", 1)[1] for p in folder.iter(f"{ns}Placemark")]


def _geojson(path: Path) -> list[str]:
    frame = gpd.read_file(path)
    return list(frame[frame.geometry.geom_type == "Point"]["name_vi"])


def _csv(path: Path) -> list[str]:
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    return [row["name_vi"] for row in rows]


def _html(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return sorted((KNOWN[i].name_vi for i in TRIO), key=text.index)


def _json(path: Path) -> list[str]:
    return [s["name_vi"] for s in json.loads(path.read_text(encoding="utf-8"))["stops"]]


#: How to read each format back: the stop names in the order the file lists them.
READERS: dict[str, Callable[[Path], list[str]]] = {
    "gpx": _gpx, "kml": _kml, "geojson": _geojson, "csv": _csv, "html": _html, "json": _json,
}  # fmt: skip


def test_every_format_has_a_reader_and_the_cli_offers_them_all() -> None:
    assert sorted(READERS) == sorted(FORMATS) == sorted(ROUTE_FORMATS)


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_every_format_writes_a_file_that_parses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    out_file = tmp_path / f"tour{FORMATS[fmt].suffix}"
    code, out, err = run(capsys, *TRIO, "--format", fmt, "-o", str(out_file))
    assert code == 0, err
    assert out == ""
    assert READERS[fmt](out_file) == [KNOWN[i].name_vi for i in TRIO]
    assert [p.name for p in tmp_path.iterdir()] == [out_file.name]  # no temporary file left


def test_gpx_to_stdout_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, *TRIO[:2], "--format", "gpx", "--lang", "en", "--name", "Day 1")
    assert code == 0
    gpx = gpxpy.parse(out)
    assert gpx.name == "Day 1"
    assert "Arrive" in gpx.routes[0].points[0].description


ERRORS: list[tuple[tuple[str, ...], int, str]] = [
    (("van-phuc", "bat-trag"), 2, "did you mean 'bat-trang'"),
    (("van-phuc", "bat-trang", "van-phuc"), 2, "more than once: 'van-phuc'"),
    (("van-phuc",), 2, "at least 2 stops, got 1"),
    (("van-phuc", "bat-trang", "--start", "25:70"), 2, "--start '25:70'"),
    (("van-phuc", "bat-trang", "--start", "8h"), 2, "--start '8h'"),
]


@pytest.mark.parametrize(("args", "code", "message"), ERRORS)
def test_errors_say_what_is_wrong_and_write_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: Any, code: int, message: str
) -> None:
    out_file = tmp_path / "tour.gpx"
    got, out, err = run(capsys, *args, "--format", "gpx", "-o", str(out_file))
    assert got == code
    assert message in err
    assert err.startswith("error: ")
    assert out == ""
    assert list(tmp_path.iterdir()) == []


def test_round_trip_with_a_fixed_end_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["route", *TRIO, "--round-trip", "--fixed-end"])
    assert exc.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_bad_mode_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["route", "van-phuc", "bat-trang", "--mode", "plane"])
    assert exc.value.code == 2
    assert "invalid choice: 'plane'" in capsys.readouterr().err


def test_an_unwritable_output_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = run(capsys, *TRIO, "-o", str(tmp_path / "missing" / "tour.json"))
    assert code == 2
    assert "cannot write" in err
