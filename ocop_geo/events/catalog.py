"""The events table (``data/events.csv``): the plan's gatherings, planned against actual.

One row per event or gathering of KH 100/KH-UBND block I and the related 2020 events. The
columns are described in ``data/SOURCES.md`` ("Events"). In short:

* dates are ISO ``YYYY-MM-DD``, or ``YYYY-MM`` when the source gives only the month (a period
  then runs from the first day of its start month to the last day of its end month); an empty
  cell is unknown. ``actual_by`` is a date by which something had happened, the exact date
  being unknown;
* counts (``booths``, ``provinces``, ``products``, ``visitors``, ``sales_vnd``) are whole
  numbers; a trailing ``+`` means the source says "more than" (hơn, trên) that number — a
  lower bound, never rounded up into a precise figure;
* ``source``/``planned_source`` list URLs or document numbers separated by `` ; ``;
* ``plan_task`` is the row of KH 100's appendix the event carries out (1–4 the regional events,
  7 the conference, 8 the training, 9 the openings): the plan's own month comes from
  ``data/plan_tasks.csv``, while ``planned_start``/``planned_end`` are the latest official dates
  before the event (a later letter's revised dates for the regional events).

:func:`read_events` checks every row and raises :class:`~ocop_geo.layers.validate.DataError` naming
the file, the row (as a spreadsheet numbers it: the header is row 1), the id and the field.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection
from datetime import date
from pathlib import Path

import pandas as pd

from ocop_geo.events._rows import RowCheck, RowProblem, parse_when, split_sources
from ocop_geo.i18n import Message
from ocop_geo.layers.schema import CONFIDENCE
from ocop_geo.layers.validate import DataError, Problem

__all__ = [
    "COLUMNS", "COUNTS", "KINDS", "STATUSES", "RowProblem",
    "parse_when", "read_events", "split_sources",
]  # fmt: skip

KINDS = ("regional_event", "fair", "conference", "training", "opening")
STATUSES = ("held", "postponed_then_held", "unknown", "not_held_in_2020")
#: Count columns; each becomes an ``Int64`` column plus ``<name>_more`` (the source says "more").
COUNTS = ("booths", "provinces", "products", "visitors", "sales_vnd")
COLUMNS = (
    "id", "kind", "name_vi", "name_en", "short_vi", "short_en", "region_vi", "region_en",
    "planned_start", "planned_end", "planned_source", "planned_confidence", "plan_task",
    "actual_start", "actual_end", "actual_by", "status", "venue_id", "venue_vi", "venue_en",
    *COUNTS, "source", "confidence", "note_vi", "note_en",
)  # fmt: skip
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check(row: RowCheck, venues: Collection[str] | None, seen: dict[str, int]) -> dict:
    v = row.values
    ident = v.get("id")
    if ident is None or not _ID.match(ident):
        row.add("id", Message("events.problem.slug", id=repr(ident)))
    elif ident in seen:
        row.add("id", Message("events.problem.duplicate_id", other=seen[ident]))
    else:
        seen[ident] = row.row_no
    row.choice("kind", KINDS)
    row.choice("status", STATUSES)
    row.choice("confidence", CONFIDENCE)
    for field in ("name_vi", "name_en", "short_vi", "short_en"):
        if v.get(field) is None:
            row.add(field, Message("data.problem.empty"))
    if v.get("kind") == "regional_event":
        for field in ("region_vi", "region_en"):
            if v.get(field) is None:
                row.add(field, Message("events.problem.no_region"))
    planned = row.period("planned")
    actual = row.period("actual")
    by = row.when("actual_by")
    has_plan = planned[0] is not None or v.get("planned_source") is not None
    row.choice("planned_confidence", ("V", "P", "E"), required=has_plan)
    row.sources("planned_source", v.get("planned_confidence"), required=planned[0] is not None)
    row.sources("source", v.get("confidence"), required=True)
    _check_status(row, planned, actual)
    if by and actual[0]:
        row.add("actual_by", Message("events.problem.actual_by"))
    task = v.get("plan_task")
    if task is not None and not (task.isdigit() and 1 <= int(task) <= 15):
        row.add("plan_task", Message("events.problem.plan_task", task=repr(task)))
    if venues is not None and v.get("venue_id") and v["venue_id"] not in venues:
        row.add("venue_id", Message("events.problem.venue", id=repr(v["venue_id"])))
    counts = {name: row.count(name) for name in COUNTS}
    record: dict = {name: v.get(name) for name in COLUMNS if name not in COUNTS}
    record |= {"planned_from": planned[0], "planned_to": planned[1]}
    record |= {"actual_from": actual[0], "actual_to": actual[1], "actual_by_date": by}
    for name, (value, more) in counts.items():
        record[name], record[f"{name}_more"] = value, more
    return record


def _check_status(
    row: RowCheck, planned: tuple[date | None, date | None], actual: tuple[date | None, date | None]
) -> None:
    if row.bad_dates:  # said already; a status check would only repeat it
        return
    status = row.values.get("status")
    start = actual[0]
    if status in ("held", "postponed_then_held") and start is None:
        row.add("actual_start", Message("events.problem.needs_actual", status=repr(status)))
    elif status == "unknown" and start is not None:
        row.add("status", Message("events.problem.unknown_but_dated"))
    elif status == "not_held_in_2020" and start is not None and start.year == 2020:
        row.add("status", Message("events.problem.held_in_2020", start=start.isoformat()))
    if start is None or planned[1] is None:
        if status == "postponed_then_held":
            row.add("planned_start", Message("events.problem.postponed_unplanned"))
        return
    late = start > planned[1]
    if status == "held" and late:
        row.add("status", Message("events.problem.held_late"))
    elif status == "postponed_then_held" and not late:
        row.add("status", Message("events.problem.held_on_time"))


def read_events(path: Path, *, venues: Collection[str] | None = None) -> pd.DataFrame:
    """Read and check the events table.

    Parameters
    ----------
    path : Path
        ``data/events.csv`` (UTF-8, comma-separated, header row).
    venues : collection of str, optional
        Ids a ``venue_id`` may name (``geo/venues.geojson`` and ``geo/sites.geojson``);
        not checked when None.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``id``, rows in file order: the text columns as in the file (None when
        empty), counts as ``Int64`` with a boolean ``<count>_more``, and the parsed periods
        ``planned_from``/``planned_to``/``actual_from``/``actual_to``/``actual_by_date``
        (``datetime64``, inclusive days, NaT when unknown).

    Raises
    ------
    DataError
        Listing every problem (file, row, id, field) when the file is missing, malformed or any
        row is not valid. Nothing is returned half-checked.
    """
    name = path.name
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = list(reader.fieldnames or [])
            raw_rows = list(reader)
    except FileNotFoundError:
        raise DataError([Problem(name, Message("data.problem.file_not_found"))]) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        message = Message("events.problem.unreadable", error=str(exc))
        raise DataError([Problem(name, message)]) from None
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        message = Message("events.problem.missing_columns", columns=", ".join(missing))
        raise DataError([Problem(name, message)])
    problems: list[Problem] = []
    records, seen = [], {}
    for row_no, raw in enumerate(raw_rows, start=2):
        row = RowCheck(name, row_no, raw)
        if None in raw:  # more cells than header columns
            row.add("", Message("events.problem.extra_cells"))
        records.append(_check(row, venues, seen))
        problems += row.problems
    if not records:
        problems.append(Problem(name, Message("events.problem.no_rows")))
    if problems:
        raise DataError(problems)
    return _frame(records)


def _frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records)
    for name in ("planned_from", "planned_to", "actual_from", "actual_to", "actual_by_date"):
        frame[name] = pd.to_datetime(frame[name])
    for name in COUNTS:
        frame[name] = frame[name].astype("Int64")
    return frame.set_index("id", drop=False)
