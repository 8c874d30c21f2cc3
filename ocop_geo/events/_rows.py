"""Row-level checks of a CSV table: dates, counts, sources; problems name file, row and field.

Used by :mod:`ocop_geo.events.catalog`; nothing here knows the events' columns.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from ocop_geo.i18n import Message, MessageError
from ocop_geo.layers.validate import Problem
from ocop_geo.text import safe_url

_COUNT = re.compile(r"^(\d+)(\+?)$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True)
class RowProblem(Problem):
    """A problem in one row of a CSV table (``feature`` is the spreadsheet row number)."""

    PLACE = "problem.at_row"


class WhenError(MessageError, ValueError):
    """A day or month cell that is not one; the message completes "<value> is …"."""


def parse_when(text: str, *, end: bool = False) -> date:
    """``YYYY-MM-DD`` as that day; ``YYYY-MM`` as its first day (or its last, when ``end``).

    Raises
    ------
    WhenError
        (a ValueError) If ``text`` is neither form or not a real date.
    """
    try:
        if _DAY.match(text):
            return date.fromisoformat(text)
        if _MONTH.match(text):
            year, month = int(text[:4]), int(text[5:])
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    except ValueError as exc:  # also calendar.IllegalMonthError
        raise WhenError(Message("events.problem.not_real_date", error=str(exc))) from None
    raise WhenError(Message("events.problem.not_iso_date"))


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

    def add(self, field: str, message: Message | str) -> None:
        self.problems.append(
            RowProblem(self.file, message, self.row_no, self.values.get("id"), field)
        )

    def choice(self, field: str, allowed: Collection[str], *, required: bool = True) -> None:
        value = self.values.get(field)
        if value is None:
            if required:
                self.add(field, Message("events.problem.empty"))
        elif value not in allowed:
            message = Message(
                "events.problem.not_one_of", value=repr(value), allowed=", ".join(allowed)
            )
            self.add(field, message)

    def when(self, field: str, *, end: bool = False) -> date | None:
        value = self.values.get(field)
        if value is None:
            return None
        try:
            return parse_when(value, end=end)
        except WhenError as exc:
            self.add(
                field, Message("events.problem.bad_date", value=repr(value), problem=exc.message)
            )
            self.bad_dates = True
            return None

    def period(self, prefix: str) -> tuple[date | None, date | None]:
        start = self.when(f"{prefix}_start")
        end = self.when(f"{prefix}_end", end=True)
        raw_start, raw_end = self.values.get(f"{prefix}_start"), self.values.get(f"{prefix}_end")
        if (raw_start is None) != (raw_end is None):
            missing = f"{prefix}_end" if raw_end is None else f"{prefix}_start"
            self.add(missing, Message("events.problem.half_period"))
        if start and end and end < start:
            message = Message(
                "events.problem.period_order",
                end=raw_end,
                start_field=f"{prefix}_start",
                start=raw_start,
            )
            self.add(f"{prefix}_end", message)
        return start, end

    def count(self, field: str) -> tuple[int | None, bool]:
        value = self.values.get(field)
        if value is None:
            return None, False
        match = _COUNT.match(value.replace(" ", ""))
        if match is None:
            negative = value.lstrip().startswith("-")
            key = "events.problem.count_negative" if negative else "events.problem.count_not_whole"
            self.add(field, Message(key, value=repr(value)))
            return None, False
        return int(match[1]), bool(match[2])

    def sources(self, field: str, confidence: str | None, *, required: bool) -> None:
        parts = split_sources(self.values.get(field))
        if not parts:
            if required:
                self.add(field, Message("events.problem.no_source"))
            return
        for part in parts:
            if part.startswith("http") and safe_url(part) is None:
                self.add(field, Message("events.problem.bad_url", value=repr(part)))
        if confidence == "V" and not any(p.startswith(("http://", "https://")) for p in parts):
            self.add(field, Message("events.problem.verified_url"))
