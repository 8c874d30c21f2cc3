"""The committed boundary layers are reproducible from the raw sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.prepare.boundaries import PrepareError, build, read_district_figures

RAW = REPO_ROOT.parent / "shared" / "data" / "raw"
needs_raw = pytest.mark.skipif(
    not (RAW / "hanoi_districts_2019_2025.geojson").exists(),
    reason=f"the raw layers are not at {RAW}",
)


@needs_raw
def test_build_reproduces_the_committed_layers(tmp_path: Path) -> None:
    report = build(RAW, tmp_path, REPO_ROOT / "data")
    for path in report.written:
        committed = REPO_ROOT / "geo" / path.name
        assert path.read_bytes() == committed.read_bytes(), f"{path.name} differs from geo/"
    assert report.vertices_after["districts"] < 0.7 * report.vertices_before["districts"]
    assert report.max_deviation_m["districts"] < 30  # "about 20 m"


def test_unknown_district_in_figures_is_named(tmp_path: Path) -> None:
    path = tmp_path / "district_ocop_figures.csv"
    path.write_text(
        "name_vi,figure,value,period,confidence,source\n"
        "Thanh Oai,ocop_4star_2024,15,2024,V,https://a.b\n"
        "Hà Tây,ocop_4star_2024,3,2024,V,https://a.b\n",
        encoding="utf-8",
    )
    with pytest.raises(PrepareError, match=r"row 3: field 'name_vi': unknown district 'Hà Tây'"):
        read_district_figures(path, {"Thanh Oai"})


def test_figure_without_source_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "district_ocop_figures.csv"
    path.write_text(
        "name_vi,figure,value,period,confidence,source\nThanh Oai,ocop_4star_2024,15,2024,V,\n",
        encoding="utf-8",
    )
    with pytest.raises(PrepareError, match=r"row 2: field 'source'"):
        read_district_figures(path, {"Thanh Oai"})
