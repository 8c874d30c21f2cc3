"""Candidate input (CSV/GeoJSON) with errors naming file, row/feature and field; the CSV and
GeoJSON exports read back; the committed anchors and centre-status tables and their checks."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from ocop_geo.candidates import export
from ocop_geo.candidates.anchors import load_anchors
from ocop_geo.candidates.area import place_candidates
from ocop_geo.candidates.project import load_status
from ocop_geo.candidates.reader import Candidate, CandidateError, read_candidates
from ocop_geo.candidates.scoring import criteria_from, score_candidates
from ocop_geo.candidates.weights import CRITERIA
from ocop_geo.config import Settings
from ocop_geo.i18n import date
from ocop_geo.layers.catalog import Catalog
from ocop_geo.layers.validate import DataError

DATA = Settings().data_dir


def problems(data: bytes | str, filename: str) -> list[str]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(CandidateError) as caught:
        read_candidates(raw, filename)
    return [str(p) for p in caught.value.problems]


def test_csv_with_bom_any_case_headers_semicolons_and_decimal_commas() -> None:
    text = "\ufeffTÊN;Vĩ độ;Kinh Độ\nThôn Đoài, Cổ Loa;21,11;105,87\n  Vân  Hà ;21.15;105.9\n\n"
    assert read_candidates(text.encode("utf-8"), "diem.csv") == [
        Candidate("Thôn Đoài, Cổ Loa", 105.87, 21.11),
        Candidate("Vân Hà", 105.9, 21.15),
    ]
    plain = "Name,LAT,Lon\nA,21.1,105.8\n"
    assert read_candidates(plain.encode(), "a.csv") == [Candidate("A", 105.8, 21.1)]


def test_csv_errors_name_the_file_row_and_column() -> None:
    text = (
        "name,lat,lon\n"
        "Một,21.11,105.87\n"
        "Hai,abc,105.87\n"
        "Ba,105.87,21.11\n"
        "một,21.12,105.86\n"
        ",21.12,105.86\n"
        "Sáu,95,105.86\n"
    )
    assert problems(text, "ds.csv") == [
        "ds.csv: row 3, column 'lat': 'abc' is not a number",
        "ds.csv: row 4: lat 105.87 and lon 21.11 look swapped (Hanoi is near lat 21, lon 105.8)",
        "ds.csv: row 5, column 'name': 'một' repeats row 2: names must be unique",
        "ds.csv: row 6, column 'name': empty: every candidate needs a name",
        "ds.csv: row 7, column 'lat': 95.0 is outside [-90, 90]",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("", "ds.csv: the file is empty"),
        ("name,lat,lon\n", "ds.csv: the file has no candidates"),
        ("ten,lat\nA,21\n", "ds.csv: missing column(s) lon (the header has: ten, lat)"),
        (b"name,lat,lon\nB\xe0i,21,105\n", "ds.csv: not UTF-8 text (byte 14)"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data: bytes | str, message: str) -> None:
    assert problems(data, "ds.csv")[0].startswith(message)


def feature(name: object, coords: list | None, kind: str = "Point") -> dict:
    geometry = None if coords is None else {"type": kind, "coordinates": coords}
    return {"type": "Feature", "properties": {"name": name}, "geometry": geometry}


def test_geojson_points_with_names() -> None:
    doc = {"type": "FeatureCollection", "features": [feature("Cổ Loa", [105.873, 21.113])]}
    assert read_candidates(json.dumps(doc).encode(), "c.geojson") == [
        Candidate("Cổ Loa", 105.873, 21.113)
    ]


def test_geojson_errors_name_the_feature_and_field() -> None:
    features = [
        feature(None, [105.87, 21.11]),
        feature("B", [[105.8, 21.1], [105.9, 21.2]], "LineString"),
        feature("C", [21.11, 105.87]),
        feature("D", ["x", 21.1]),
    ]
    doc = json.dumps({"type": "FeatureCollection", "features": features})
    assert problems(doc, "c.geojson") == [
        "c.geojson: feature 1, field 'name': empty: every candidate needs a name",
        "c.geojson: feature 2, field 'geometry': expected a Point geometry [lon, lat], got "
        "LineString",
        "c.geojson: feature 3: lat 105.87 and lon 21.11 look swapped (Hanoi is near lat 21, lon "
        "105.8)",
        "c.geojson: feature 4, field 'lon': 'x' is not a number",
    ]
    assert problems("{nope", "c.geojson")[0].startswith("c.geojson: not valid JSON")
    assert problems('{"type": "Point"}', "c.geojson") == [
        "c.geojson: not a GeoJSON FeatureCollection"
    ]


@pytest.fixture(scope="module")
def ranking(catalog: Catalog):
    cands = [
        Candidate('=HYPERLINK("http://x")', 105.87, 21.08),
        Candidate("Bắc Đông Anh", 105.80, 21.18),
    ]
    criteria = criteria_from(catalog, load_anchors(DATA))
    return score_candidates(place_candidates(cands, catalog), criteria, {"airport": 2})


def test_csv_export_reads_back_with_every_criterion(ranking) -> None:
    data = export.to_csv(ranking)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["rank"] for r in rows] == ["1", "2"]
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == {'\'=HYPERLINK("http://x")', "Bắc Đông Anh"}  # defused
    table = ranking.table.set_index("order")
    for row in rows:
        source = table.loc[int(row["order"])]
        assert row["commune_2025"] == source["commune_2025"]
        for key in CRITERIA:
            assert float(row[f"{key}_m"]) == pytest.approx(source[f"{key}_m"], abs=0.05)
            assert float(row[f"{key}_score"]) == pytest.approx(source[f"{key}_score"], abs=0.005)
            assert row[f"{key}_road_m"] == ""  # the estimate router: no road figures
        assert float(row["total"]) == pytest.approx(source["total"], abs=0.005)
        assert float(row["airport_weight"]) == pytest.approx(2 / 6, abs=1e-4)
        assert row["road_figures"] == "no road network"


def test_geojson_export_is_rfc7946_points_with_the_same_properties(ranking) -> None:
    doc = json.loads(export.to_geojson(ranking))
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc
    assert doc["weights"]["airport"] == pytest.approx(2 / 6, abs=1e-4)
    rows = list(csv.DictReader(io.StringIO(export.to_csv(ranking).decode("utf-8-sig"))))
    for feat, row in zip(doc["features"], rows, strict=True):
        props = feat["properties"]
        assert feat["geometry"] == {"type": "Point", "coordinates": [props["lon"], props["lat"]]}
        assert props["rank"] == int(row["rank"])
        assert props["total"] == float(row["total"])
        assert props["airport_road_m"] is None
        assert props["commune_2025"] == row["commune_2025"]
    names = {f["properties"]["name"] for f in doc["features"]}
    assert '=HYPERLINK("http://x")' in names  # JSON is not a spreadsheet: kept as written


def test_the_committed_anchors_are_the_sourced_ones() -> None:
    anchors = load_anchors(DATA)
    assert list(anchors) == ["airport", "centre", "co_loa"]
    got = {k: (a.lat, a.lon, a.coord_accuracy_m, a.confidence) for k, a in anchors.items()}
    assert got == {
        "airport": (21.2212, 105.807, 2000, "V"),
        "centre": (21.02889, 105.8525, 400, "V"),
        "co_loa": (21.113408, 105.873206, 1700, "P"),
    }
    assert anchors["centre"].source == (
        "https://humazur.univ-cotedazur.fr/omeka-s-dev/s/humazur/item/10197"
    )


def test_broken_anchor_rows_are_named(tmp_path: Path) -> None:
    shutil.copy(DATA / "anchors.csv", tmp_path / "anchors.csv")
    path = tmp_path / "anchors.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("21.2212,105.807", "105.807,21.2212")
    lines[2] = lines[2].replace("https://humazur", "humazur")
    path.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_anchors(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "anchors.csv: row 3, column 'source': must be a URL",
    ]
    lines[2] = lines[2].replace(",humazur", ",https://humazur")
    path.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_anchors(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "anchors.csv: row 2: (105.807, 21.2212) is not in Hanoi (lat ≈ 21, lon ≈ 105.8: are lat "
        "and lon swapped?)",
        "anchors.csv: no anchor for criterion co_loa",
    ]


def test_the_centre_status_after_2020_is_sourced_and_dated() -> None:
    items = load_status(DATA)
    assert [i.document for i in items][:1] == ["KH 276/KH-UBND"]
    assert {i.id for i in items} >= {"kh-276", "kh-49", "qd-6385", "van-ha-2025"}
    assert all(i.source.startswith("https://") and i.confidence == "V" for i in items)
    assert date("2023-12-14", "vi") == "14/12/2023"
    assert date("2025-01", "en") == "Jan 2025"
    with pytest.raises(ValueError, match="2023-13"):
        date("2023-13", "vi")
