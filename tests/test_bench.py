"""The benchmark scripts run and print their goal lines (figures are not asserted: no timing)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ocop_geo.config import REPO_ROOT
from tests.test_prepare import RAW

#: Each bench runs as a whole script, with its baselines.
pytestmark = pytest.mark.slow


def bench(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=REPO_ROOT, check=False,
        timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.skipif(not RAW.exists(), reason=f"the raw layers are not at {RAW}")
def test_map_payload_bench_prints_its_goals() -> None:
    out = bench("bench/map_payload.py", "--repeat", "1")
    assert "app map HTML ≤ 600,000 bytes: yes" in out
    assert "baseline / app bytes ≥ 2: yes" in out
    assert "explorer first payload (wards off) ≤ 250,000 bytes: yes" in out


def test_map_render_bench_prints_both_maps_and_their_ratio() -> None:
    out = bench("bench/map_render.py", "--repeat", "1")
    assert "Map explorer, first map" in out
    assert "Map explorer, wards on" in out
    assert "×" in out


def test_registry_bench_prints_its_goals() -> None:
    out = bench("bench/registry.py", "--sizes", "300", "--repeat", "1")
    assert "SYNTHETIC" in out
    assert "at 300 rows" in out
    assert "map HTML < 3,000,000 bytes: yes" in out
    assert "name placement" in out  # the per-row library loop is measured too
    assert "whole placement ≥ 20× faster than the per-row loops" in out


def test_optimise_bench_prints_its_goals() -> None:
    out = bench("bench/optimise.py", "--quick", "--instances", "2")
    assert "same length" in out
    assert out.count(" 2/2\n") == 4  # exact = python-tsp's length: 6 and 8 stops, closed and open
    assert "exact at 8 stops ≥ 10× faster than python-tsp: " in out
    assert "heuristic at 12 stops within 2 % of OR-Tools' length in less time: " in out


def test_roads_bench_prints_its_figures() -> None:
    out = bench("bench/roads.py", "--side", "40", "--stops", "4", "--repeat", "1")
    assert "SYNTHETIC grid 40×40" in out
    assert "1,600 nodes" in out
    assert "same travel times: yes" in out


def test_store_bench_prints_its_table() -> None:
    out = bench("bench/store.py", "--writers", "1", "2", "--updates", "2", "--repeat", "1")
    assert "update_item vs a plain single-row UPDATE" in out
    assert "writers app upd/s base upd/s   ratio app p95 ms base p95 ms   ratio" in out
    assert out.count("\nsqlite ") == 2
    assert "\npostgresql " in out  # two rows, or "skipped: no PostgreSQL" without a server


def test_readiness_page_bench_prints_its_ratios() -> None:
    out = bench("bench/readiness_page.py", "--sites", "6", "8", "--repeat", "1")
    assert out.startswith("Readiness page script time: cached vs caching off (AppTest, same run;")
    assert "[TỔNG HỢP]" in out
    rows = [line.split() for line in out.splitlines() if line.strip().split(" ")[0].isdigit()]
    assert [r[0] for r in rows] == ["6", "8"]
    assert all(r[-1].endswith("×") for r in rows)


def test_briefing_bench_prints_its_goals() -> None:
    out = bench("bench/briefing.py", "--repeat", "1")
    assert "PDF, map and charts" in out
    assert "XLSX, with pictures" in out
    assert "picture briefing < 2,000,000 bytes: yes" in out


def test_login_timing_bench_prints_its_ratios() -> None:
    out = bench("bench/login_timing.py", "--repeat", "1")
    assert "sqlite: median of 1 refused log-ins" in out
    assert out.count("unknown name ") >= 1
    assert "every ratio within 0.8–1.25: " in out


@pytest.mark.browser
def test_browser_bench_prints_every_task_and_its_goal() -> None:
    out = bench("bench/browser.py", "--repeat", "1", "--loads", "1")
    assert "baseline (empty rerun, 'r' on About): p50 " in out
    for task in (
        "Map explorer: select a site",
        "Map explorer: wards layer on/off",
        "Map explorer: switch language",
        "Route designer: add a stop",
        "Route designer: optimise on/off",
        "Readiness: change the site",
        "Readiness: change the date",
        "Plan: change the task",
        "Plan: change the date",
    ):
        assert task in out
    assert out.count("\nfirst load ") == 10  # every page
    assert "p95 ≤ 300 ms for interactions that do not rebuild a map: " in out
