"""``ocop-geo roads import``: the summary, the graph file, and bad files that write nothing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ocop_geo.cli.entry import main
from ocop_geo.routing.roadgraph import RoadGraph
from tests.roads import WAYS, build, write_pbf, write_xml


def test_import_writes_a_graph_that_loads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_pbf(tmp_path / "hanoi.osm.pbf")
    dest = tmp_path / "var" / "roads.npz"
    assert main(["roads", "import", str(source), "--db", str(dest)]) == 0
    out = capsys.readouterr().out
    assert "hanoi.osm.pbf: 10 road ways kept, 1 outside Hanoi, 1 closed to every mode" in out
    assert "14 nodes; directed edges: car " in out
    assert f"wrote {dest} ({dest.stat().st_size:,} bytes)" in out
    loaded, (expected, _) = RoadGraph.load(dest), build(source)
    np.testing.assert_array_equal(loaded.lon, expected.lon)
    for mode, edges in expected.edges.items():
        np.testing.assert_array_equal(loaded.edges[mode].indices, edges.indices)
        np.testing.assert_array_equal(loaded.edges[mode].length_m, edges.length_m)


def test_import_writes_to_the_configured_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "graphs" / "city.npz"
    monkeypatch.setenv("OCOP_ROAD_GRAPH", str(dest))
    assert main(["roads", "import", str(write_xml(tmp_path / "hanoi.osm"))]) == 0
    assert f"wrote {dest}" in capsys.readouterr().out
    assert RoadGraph.load(dest).node_count == 14


def _fails_and_keeps(
    source: Path, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Import ``source`` over an existing graph: exit 1, ``message`` on stderr, graph untouched."""
    dest = tmp_path / "var" / "roads.npz"
    dest.parent.mkdir(exist_ok=True)
    dest.write_bytes(b"the previous graph")
    assert main(["roads", "import", str(source), "--db", str(dest)]) == 1
    captured = capsys.readouterr()
    assert str(source) in captured.err
    assert message in captured.err
    assert "nothing was written" in captured.err
    assert captured.out == ""
    assert dest.read_bytes() == b"the previous graph"
    assert [p.name for p in dest.parent.iterdir()] == ["roads.npz"]


def test_an_unreadable_file_is_exit_1_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "broken.osm.pbf"
    bad.write_bytes(b"not a protocol buffer" * 10)
    _fails_and_keeps(bad, "cannot read it as an OpenStreetMap PBF or XML file", tmp_path, capsys)


def test_a_missing_file_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fails_and_keeps(tmp_path / "nowhere.osm.pbf", "file not found", tmp_path, capsys)


def test_a_file_outside_hanoi_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = write_xml(tmp_path / "hai-duong.osm", {110: WAYS[110]})
    message = "no road usable by car, motorbike, bicycle, walk lies inside Hanoi (1 highway way(s)"
    _fails_and_keeps(outside, f"{message} read: 1 outside the city outline", tmp_path, capsys)


def test_a_file_without_usable_roads_is_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private = write_xml(tmp_path / "private.osm", {111: WAYS[111], 112: WAYS[112]})
    _fails_and_keeps(private, "1 closed to every mode", tmp_path, capsys)
