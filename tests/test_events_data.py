"""data/events.csv: every row sourced, the 2020 events as the sources date them, and checks
that name the file, row and field of a bad edit."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.events.catalog import COLUMNS, read_events, split_sources
from ocop_geo.layers.catalog import Catalog
from ocop_geo.layers.validate import DataError
from ocop_geo.plan.reader import load_plan

EVENTS = REPO_ROOT / "data" / "events.csv"


@pytest.fixture(scope="module")
def events(catalog: Catalog) -> pd.DataFrame:
    venues = {str(i) for i in [*catalog.venues.index, *catalog.sites.index]}
    return read_events(EVENTS, venues=venues)


def day(value: object) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def test_every_row_names_a_source_and_verified_rows_link_to_one(events: pd.DataFrame) -> None:
    for event_id, row in events.iterrows():
        assert split_sources(row["source"]), event_id
        urls = [s for s in split_sources(row["source"]) if s.startswith("http")]
        if row["confidence"] == "V":
            assert urls, event_id
        if not pd.isna(row["planned_from"]):
            assert split_sources(row["planned_source"]), event_id


def test_periods_run_forwards(events: pd.DataFrame) -> None:
    planned = events.dropna(subset=["planned_from"])
    actual = events.dropna(subset=["actual_from"])
    assert (planned["planned_to"] >= planned["planned_from"]).all()
    assert (actual["actual_to"] >= actual["actual_from"]).all()


@pytest.mark.parametrize(
    ("event_id", "start", "end", "status"),
    [
        ("mien-nui-phia-bac", "2020-07-23", "2020-07-27", "held"),
        ("dong-bang-song-hong", "2020-10-08", "2020-10-12", "postponed_then_held"),
        ("mien-trung-tay-nguyen", "2020-10-29", "2020-11-02", "postponed_then_held"),
    ],
)
def test_the_three_regional_events_held_in_2020(
    events: pd.DataFrame, event_id: str, start: str, end: str, status: str
) -> None:
    row = events.loc[event_id]
    assert row["kind"] == "regional_event"
    assert (day(row["actual_from"]), day(row["actual_to"])) == (start, end)
    assert row["status"] == status
    assert row["confidence"] == "V"


def test_the_central_event_shows_its_postponement_from_september(events: pd.DataFrame) -> None:
    row = events.loc["mien-trung-tay-nguyen"]
    assert (day(row["planned_from"]), day(row["planned_to"])) == ("2020-09-17", "2020-09-21")
    assert "COVID" in row["note_en"]
    assert "Vũ Tuấn Chiêu" in row["venue_vi"]
    assert pd.isna(row["venue_id"])  # no sourced coordinate: named, not mapped
    assert (row["booths"], row["visitors"], row["visitors_more"]) == (150, 30_000, True)


def test_red_river_delta_sales_stay_a_lower_bound(events: pd.DataFrame) -> None:
    row = events.loc["dong-bang-song-hong"]
    assert (row["sales_vnd"], row["sales_vnd_more"]) == (8_000_000_000, True)
    assert (row["visitors"], row["visitors_more"]) == (50_000, True)
    assert row["venue_id"] == "trinh-cong-son"


def test_southern_event_is_unknown_in_2020_and_held_at_me_linh_in_2023(
    events: pd.DataFrame,
) -> None:
    south = events.loc["nam-bo"]
    assert south["status"] == "unknown"
    assert south["confidence"] == "NF"
    assert pd.isna(south["actual_from"])
    assert pd.isna(south["planned_from"])
    assert "Mailand" in south["note_en"]
    later = events.loc["nam-bo-me-linh-2023"]
    assert (day(later["actual_from"]), day(later["actual_to"])) == ("2023-11-03", "2023-11-07")
    assert "Mê Linh" in later["venue_vi"]
    assert pd.isna(later["venue_id"])


def test_the_november_fair_is_separate_from_the_regional_series(events: pd.DataFrame) -> None:
    fair = events.loc["hoi-cho-ocop-11-2020"]
    assert fair["kind"] == "fair"
    assert (day(fair["actual_from"]), day(fair["actual_to"])) == ("2020-11-26", "2020-11-29")
    assert fair["booths"] == 120
    assert pd.isna(fair["planned_from"])


def test_plan_appendix_items_carry_the_appendix_months_and_rows(events: pd.DataFrame) -> None:
    plan = load_plan(REPO_ROOT / "data")
    appendix = events[events["planned_source"].fillna("").str.contains("Phụ lục", regex=False)]
    assert set(appendix["kind"]) == {"conference", "training", "opening", "regional_event"}
    for event_id, row in appendix[appendix["kind"] != "regional_event"].iterrows():
        task = plan.task(int(row["plan_task"]))
        cited = f"Kế hoạch 100/KH-UBND ngày 15/5/2020, Phụ lục dòng {task.number}"
        assert cited in split_sources(row["planned_source"]), event_id
        assert row["planned_confidence"] == "V", event_id
        assert (row["planned_from"].date(), row["planned_to"].date()) == (
            task.planned_start, task.planned_end)  # fmt: skip
    regional = events[events["kind"] == "regional_event"]["plan_task"].dropna()
    assert regional.to_dict() == {"mien-nui-phia-bac": "1", "dong-bang-song-hong": "2",
                                  "mien-trung-tay-nguyen": "3", "nam-bo": "4"}  # fmt: skip
    assert events.loc["hoi-nghi-thanh-pho", "planned_start"] == "2020-11"
    training = events.loc["tap-huan"]
    assert (day(training["planned_from"]), day(training["planned_to"])) == (
        "2020-07-01",
        "2020-08-31",
    )
    assert len(events[events["kind"] == "opening"]) == 5


def test_known_openings_and_unknown_ones(events: pd.DataFrame) -> None:
    bat_trang = events.loc["khai-truong-bat-trang"]
    assert (bat_trang["status"], day(bat_trang["actual_from"])) == ("held", "2020-10-08")
    assert bat_trang["confidence"] == "V"
    for point in ("van-phuc", "duong-lam"):
        row = events.loc[f"khai-truong-{point}"]
        assert row["status"] == "unknown"
        assert (day(row["actual_by_date"]), row["confidence"]) == ("2020-10-08", "P")
    for point in ("sai-son", "khuyen-cong"):
        row = events.loc[f"khai-truong-{point}"]
        assert (row["status"], row["confidence"]) == ("unknown", "NF")
        assert pd.isna(row["actual_by_date"])
    for event_id in ("hoi-nghi-thanh-pho", "tap-huan"):
        assert events.loc[event_id, "status"] == "unknown"


# -- validation of hand edits --------------------------------------------------------------


@pytest.fixture
def broken(tmp_path: Path) -> Callable[..., Path]:
    """Write a copy of events.csv with one row changed: ``broken("mien-trung-tay-nguyen",
    booths="-3")``; returns its path (the row is row 4: header, then rows 2, 3, 4…)."""

    def write(event_id: str, **changes: str) -> Path:
        return write_broken(tmp_path, event_id, **changes)

    return write


def write_broken(folder: Path, event_id: str, **changes: str) -> Path:
    """``folder/events.csv``: the committed table with the row ``event_id`` changed."""
    with EVENTS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    target = next(r for r in rows if r["id"] == event_id)
    target.update(changes)
    path = folder / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as err:
        read_events(path, venues={"trinh-cong-son", "bat-trang", "van-phuc", "sai-son",
                                  "duong-lam", "khuyen-cong"})  # fmt: skip
    return [str(p) for p in err.value.problems]


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"actual_start": "2020-10-32"}, "actual_start", "not a real date"),
        ({"planned_start": "2020-13"}, "planned_start", "not a real date"),
        ({"actual_end": "2020-10-01"}, "actual_end", "before actual_start 2020-10-29"),
        ({"planned_end": "2020-9-21"}, "planned_end", "not an ISO date"),
        ({"kind": "festival"}, "kind", "'festival' is not one of"),
        ({"status": "cancelled"}, "status", "'cancelled' is not one of"),
        ({"booths": "-3"}, "booths", "negative"),
        ({"visitors": "30.000"}, "visitors", "not a whole number"),
        ({"source": ""}, "source", "must name a source"),
        ({"source": "CV 2375/UBND-KT"}, "source", "needs at least one source URL"),
        ({"source": "https://example.org/a page"}, "source", "not a clean http(s) URL"),
        ({"status": "held"}, "status", "'postponed_then_held'"),
        ({"actual_end": ""}, "actual_end", "must be given with the other end"),
        ({"venue_id": "ho-guom"}, "venue_id", "'ho-guom' is not a venue or site id"),
        ({"region_en": ""}, "region_en", "must name its region"),
    ],
)
def test_a_bad_cell_is_named_by_file_row_id_and_field(
    broken: Callable[..., Path], changes: dict[str, str], field: str, says: str
) -> None:
    found = problems(broken("mien-trung-tay-nguyen", **changes))
    assert len(found) == 1, found
    assert found[0].startswith(f"events.csv: row 4 (id=mien-trung-tay-nguyen): field '{field}': ")
    assert says in found[0]


def test_every_problem_is_listed_not_only_the_first(broken: Callable[..., Path]) -> None:
    found = problems(
        broken("tap-huan", planned_start="2020-13", kind="party", id="mien-nui-phia-bac")
    )
    assert any("field 'id': duplicate id (also row 2)" in p for p in found)
    assert any("field 'planned_start'" in p for p in found)
    assert any("field 'kind'" in p for p in found)


def test_unknown_with_actual_dates_and_held_without_them_are_refused(
    broken: Callable[..., Path],
) -> None:
    unknown = problems(broken("nam-bo", actual_start="2020-12-01", actual_end="2020-12-03"))
    assert any("field 'status': is 'unknown' but actual dates are given" in p for p in unknown)
    held = problems(broken("khai-truong-sai-son", status="held"))
    assert any("field 'actual_start': status 'held' needs the actual dates" in p for p in held)


def test_a_missing_column_or_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("id,kind\nx,fair\n", encoding="utf-8")
    assert "missing column(s): name_vi" in problems(path)[0]
    assert problems(tmp_path / "nothing.csv") == ["nothing.csv: file not found"]


def test_cli_validate_reports_a_bad_events_table(
    broken: Callable[..., Path], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    shutil.copy(broken("dong-bang-song-hong", sales_vnd="-8000000000+"), data / "events.csv")
    result = subprocess.run(
        [sys.executable, "-m", "ocop_geo.cli.entry", "validate"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "OCOP_DATA_DIR": str(data)},
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert "events.csv: row 3 (id=dong-bang-song-hong): field 'sales_vnd'" in result.stderr
