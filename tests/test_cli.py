"""``ocop-geo validate``: exit codes and messages a data editor reads."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from ocop_geo.config import REPO_ROOT
from tests import processes
from tests.conftest import site


def ocop_geo(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ocop_geo.cli.entry", *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
        timeout=120,
        env=None if env is None else os.environ | env,
    )


def test_validate_committed_data() -> None:
    result = ocop_geo("validate")
    assert result.returncode == 0, result.stderr
    assert "sites.geojson  (6 features)" in result.stdout
    assert "wards_2025.geojson  (126 features)" in result.stdout
    # The data tables the app reads get an ok line each, with what they hold.
    for line in (
        "events.csv  (13 rows)",
        "anchors.csv  (3 anchors)",
        "centre_status.csv  (",
        "criteria.yaml  (",
        "figures.csv  (",
    ):
        assert line in result.stdout, result.stdout


def test_validate_reports_every_broken_data_table_by_file_row_and_field(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    anchors = (data / "anchors.csv").read_text(encoding="utf-8")
    (data / "anchors.csv").write_text(anchors.replace(",21.2212,", ",north,"), encoding="utf-8")
    with (data / "events.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["venue_id"] = "nowhere"
    with (data / "events.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    result = ocop_geo("validate", env={"OCOP_DATA_DIR": str(data)})

    assert result.returncode == 1
    problems = result.stderr.splitlines()
    assert any(p.startswith("anchors.csv") and "row 2" in p and "lat" in p for p in problems)
    assert any(p.startswith("events.csv") and "row 2" in p and "nowhere" in p for p in problems)
    assert "ok " not in result.stdout  # nothing is reported as fine when something is not


def test_validate_a_good_file() -> None:
    result = ocop_geo("validate", str(REPO_ROOT / "geo" / "sites.geojson"))
    assert result.returncode == 0
    assert result.stdout.strip().startswith("ok ")


def test_validate_a_bad_file_names_feature_and_field(edit_layer: Any) -> None:
    def change(doc: dict) -> None:
        site(doc, "sai-son")["properties"]["coord_accuracy_m"] = 0
        site(doc, "van-phuc")["geometry"]["coordinates"] = [20.979, 105.774]

    path = edit_layer("sites.geojson", change)
    result = ocop_geo("validate", str(path))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        "sites.geojson: feature 0 (id=van-phuc): field 'geometry': longitude and latitude look "
        "swapped: [20.979, 105.774] should be [105.774, 20.979]" in lines
    )
    assert (
        "sites.geojson: feature 2 (id=sai-son): field 'coord_accuracy_m': must be positive, got 0"
        in lines
    )
    assert lines[-1] == "2 problem(s) found."
    assert result.stdout == ""


def test_validate_a_misplaced_site(edit_layer: Any) -> None:
    path = edit_layer(
        "sites.geojson",
        lambda d: site(d, "sai-son")["properties"].update(district_2020_vi="Thạch Thất"),
    )
    result = ocop_geo("validate", str(path))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "sites.geojson: feature 2 (id=sai-son): field 'district_2020_vi': declares district "
        "'Thạch Thất' but the point lies in 'Quốc Oai'"
    )


def test_validate_malformed_file(tmp_path: Path) -> None:
    path = tmp_path / "venues.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [}', encoding="utf-8")
    result = ocop_geo("validate", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith("venues.geojson: malformed JSON at line 1, column 44")


def test_validate_with_explicit_layer(tmp_path: Path) -> None:
    path = tmp_path / "my-edit.json"
    doc = json.loads((REPO_ROOT / "geo" / "sites.geojson").read_text(encoding="utf-8"))
    doc["features"] = doc["features"][:3]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    unnamed = ocop_geo("validate", str(path))
    assert unnamed.returncode == 1
    assert "cannot tell which layer this is" in unnamed.stderr
    named = ocop_geo("validate", "--layer", "sites", str(path))
    assert named.returncode == 1
    assert named.stderr.splitlines()[0] == "my-edit.json: expected 6 features, found 3"


def test_usage_error_exits_2() -> None:
    result = ocop_geo("validate", "--layer", "roads", "x.geojson")
    assert result.returncode == 2
    assert "invalid choice: 'roads'" in result.stderr


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_serve_starts_the_app_and_a_signal_stops_it(tmp_path: Path, stop_signal: int) -> None:
    """`ocop-geo serve` runs the app. SIGTERM (systemd, `kill`) or SIGINT (Ctrl-C) sent to the
    process it started stops the app server itself: it shuts down cleanly, no `streamlit run`
    stays behind and its port is free for the next start."""
    port = processes.free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "ocop_geo.cli.entry", "serve", "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]  # fmt: skip
    with processes.running(command, log) as proc:
        processes.wait_until_healthy(f"http://127.0.0.1:{port}", proc, log)
        assert processes.stop(proc, stop_signal) == 0, log.read_text()  # not killed
        deadline = time.monotonic() + processes.GRACE_S
        while not processes.port_is_free(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert processes.processes_with("--server.port", str(port)) == []
        assert processes.port_is_free(port)


@pytest.mark.parametrize(
    ("command", "variable", "value"),
    [
        (["validate"], "OCOP_DETOUR_FACTOR", "0.5"),
        (["route", "van-phuc", "bat-trang"], "OCOP_ROUTER", "bogus"),
        (["users", "list"], "OCOP_TILES_URL", "https://tiles.example/{z}/{x}/{y}.png"),
    ],
)
def test_a_bad_setting_is_one_error_line_naming_the_variable(
    command: list[str], variable: str, value: str
) -> None:
    result = ocop_geo(*command, env={variable: value})
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {variable}")
    assert "Traceback" not in result.stderr


def test_the_command_line_starts_without_loading_the_data_stack() -> None:
    """`ocop-geo --help`, `serve`, `db` and `users` must not pay for geopandas/numpy at start."""
    probe = (
        "import sys, ocop_geo.cli.entry; "
        "print(sorted({'geopandas', 'numpy', 'pandas'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO_ROOT,
        check=True, timeout=120,
    )  # fmt: skip
    assert result.stdout.strip() == "[]"
