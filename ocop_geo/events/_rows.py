"""Row-level checks of a CSV table: dates, counts, sources; problems name file, row and field.

Used by :mod:`ocop_geo.events.catalog`; nothing here knows the events' columns.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from ocop_geo.layers.validate import Problem
from ocop_geo.text import safe_url

_COUNT = re.compile(r"^(\d+)(\+?)$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True)
class RowProblem(Problem):
    """A problem in one row of a CSV table (``feature`` is the spreadsheet row number)."""

    PLACE = "problem.at_row"


def parse_when(text: str, *, end: bool = False) -> date:
    """``YYYY-MM-DD`` as that day; ``YYYY-MM`` as its first day (or its last, when ``end``).

    Raises
    ------
    ValueError
        If ``text`` is neither form or not a real date.
    """
    try:
        if _DAY.match(text):
            return date.fromisoformat(text)
        if _MONTH.match(text):
            year, month = int(text[:4]), int(text[5:])
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    except ValueError as exc:  # also calendar.IllegalMonthError
        raise ValueError(f"not a real date ({exc})") from None
    raise ValueError("not an ISO date (YYYY-MM-DD) or month (YYYY-MM)")


def split_sources(text: str | None) -> list[str]:
    """The URLs and document numbers of a ``source`` cell, in order."""
    return [part.strip() for part in (text or "").split(";") if part.strip()]


class RowCheck:
    """One CSV row being checked; collects its problems."""

    def __init__(self, file: str, row_no: int, raw: dict[str, str | None]) -> None:
        self.file, self.row_no = file, row_no
        self.values = {k: (v or "").strip() or None for k, v in raw.items() if k is not None}
        self.problems: list[Problem] = []
        self.bad_dates = False

    def add(self, field: str, message: str) -> None:
        self.problems.append(
            RowProblem(self.file, message, self.row_no, self.values.get("id"), field)
        )

    def choice(self, field: str, allowed: Collection[str], *, required: bool = True) -> None:
        value = self.values.get(field)
        if value is None:
            if required:
                self.add(field, "must not be empty")
        elif value not in allowed:
            self.add(field, f"{value!r} is not one of {', '.join(allowed)}")

    def when(self, field: str, *, end: bool = False) -> date | None:
        value = self.values.get(field)
        if value is None:
            return None
        try:
            return parse_when(value, end=end)
        except ValueError as exc:
            self.add(field, f"{value!r} is {exc}")
            self.bad_dates = True
            return None

    def period(self, prefix: str) -> tuple[date | None, date | None]:
        start = self.when(f"{prefix}_start")
        end = self.when(f"{prefix}_end", end=True)
        raw_start, raw_end = self.values.get(f"{prefix}_start"), self.values.get(f"{prefix}_end")
        if (raw_start is None) != (raw_end is None):
            missing = f"{prefix}_end" if raw_end is None else f"{prefix}_start"
            self.add(missing, "must be given with the other end of the period (same day: repeat)")
        if start and end and end < start:
            self.add(f"{prefix}_end", f"{raw_end} is before {prefix}_start {raw_start}")
        return start, end

    def count(self, field: str) -> tuple[int | None, bool]:
        value = self.values.get(field)
        if value is None:
            return None, False
        match = _COUNT.match(value.replace(" ", ""))
        if match is None:
            what = "negative" if value.lstrip().startswith("-") else "not a whole number"
            self.add(field, f"{value!r} is {what} (write a count ≥ 0, '+' for 'more than')")
            return None, False
        return int(match[1]), bool(match[2])

    def sources(self, field: str, confidence: str | None, *, required: bool) -> None:
        parts = split_sources(self.values.get(field))
        if not parts:
            if required:
                self.add(field, "must name a source (a URL or a document number)")
            return
        for part in parts:
            if part.startswith("http") and safe_url(part) is None:
                self.add(field, f"{part!r} is not a clean http(s) URL")
        if confidence == "V" and not any(p.startswith(("http://", "https://")) for p in parts):
            self.add(field, "a verified (V) value needs at least one source URL")
