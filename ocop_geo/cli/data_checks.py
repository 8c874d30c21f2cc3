"""The tables of ``data/`` the app reads at start, checked the way the app reads them.

``ocop-geo validate`` (without paths) runs :func:`check_tables` after the layers, so a data editor
sees every problem of the figures, events, anchors, centre-status, checklist and plan files in
one run, each naming the file, row or item and field, and an ``ok`` line per file that passed
(the plan's tasks, agencies and budget are read together: one line for the three).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocop_geo.config import Settings
from ocop_geo.layers.validate import DataError, Problem


@dataclass(frozen=True)
class Checked:
    """A data file that passed its checks, and how many records it holds."""

    path: Path
    count: int
    unit: str

    def __str__(self) -> str:
        plural = "" if self.count == 1 else "s"
        return f"ok  {self.path}  ({self.count} {self.unit}{plural})"


def _readers(
    settings: Settings, layer_ids: Mapping[str, set[str]]
) -> list[tuple[Path, str, Callable[[], Sized]]]:
    from ocop_geo.candidates.anchors import load_anchors
    from ocop_geo.candidates.project import STATUS_FILE, load_status
    from ocop_geo.events.catalog import read_events
    from ocop_geo.layers.catalog import read_figures
    from ocop_geo.plan.reader import TASKS_FILE, load_plan
    from ocop_geo.plan.tracking import SEEDS_FILE, file_seeds
    from ocop_geo.readiness.criteria import FILE as CRITERIA_FILE
    from ocop_geo.readiness.criteria import load_criteria

    data = settings.data_dir
    venues = layer_ids["venues"] | layer_ids["sites"] if layer_ids else None
    sites = sorted(layer_ids["sites"]) if layer_ids else None
    places = venues
    return [
        (data / "figures.csv", "row", lambda: read_figures(data / "figures.csv")),
        (data / "events.csv", "row", lambda: read_events(data / "events.csv", venues=venues)),
        (data / "anchors.csv", "anchor", lambda: load_anchors(data)),
        (data / STATUS_FILE, "row", lambda: load_status(data)),
        (
            data / CRITERIA_FILE,
            "item",
            lambda: load_criteria(data / CRITERIA_FILE, site_ids=sites).items,
        ),
        # plan_tasks.csv, agencies.csv and plan_budget.csv are checked together
        (data / TASKS_FILE, "task", lambda: load_plan(data, site_ids=places)),
        (data / SEEDS_FILE, "row", lambda: file_seeds(load_plan(data), data / SEEDS_FILE)),
    ]


def check_tables(
    settings: Settings, frames: Mapping[str, Any]
) -> tuple[list[Problem], list[Checked]]:
    """Read every data table; return the problems found and the files that passed.

    ``frames`` are the loaded layers (name → GeoDataFrame indexed by id): event venues are checked
    against the venues and sites layers, checklist sites against the sites layer, when both were
    loaded without problems.
    """
    layer_ids: dict[str, set[str]] = {}
    if "venues" in frames and "sites" in frames:
        layer_ids = {name: {str(i) for i in frames[name].index} for name in ("venues", "sites")}
    problems: list[Problem] = []
    passed: list[Checked] = []
    for path, unit, read in _readers(settings, layer_ids):
        try:
            records = read()
        except DataError as exc:
            problems += exc.problems
            continue
        passed.append(Checked(path, len(records), unit))
    return problems, passed
