"""The Đề án for the national centre: what is known of its steps and of what happened after 2020.

The plan's steps for the centre are tasks 10–15 of KH 100's appendix (``data/plan_tasks.csv``,
tracked by :mod:`ocop_geo.plan`). What the sources say happened after 2020 — a distributed
model of commune-level centres instead of one national centre — is ``data/centre_status.csv``,
one sourced row per document (URL and confidence label on every row).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ocop_geo.candidates._table import cell_problem, read_rows
from ocop_geo.i18n import Message, date
from ocop_geo.layers.validate import DataError

STATUS_FILE = "centre_status.csv"
COLUMNS = ("id", "date", "document", "text_vi", "text_en", "source", "confidence")


@dataclass(frozen=True)
class StatusItem:
    """One sourced step after 2020. ``date`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    id: str
    date: str
    document: str
    text_vi: str
    text_en: str
    source: str
    confidence: str

    def text(self, lang: str) -> str:
        """The text in ``lang``."""
        return self.text_vi if lang == "vi" else self.text_en


def load_status(data_dir: Path) -> list[StatusItem]:
    """The rows of ``data_dir/centre_status.csv``, in file order (oldest first).

    Raises
    ------
    DataError
        A missing column or empty cell, a source that is not a URL, an unknown confidence label
        or a date that is not ``YYYY[-MM[-DD]]``; each names the row and column.
    """
    path = data_dir / STATUS_FILE
    items, problems = [], []
    for row_no, row in read_rows(path, COLUMNS):
        try:
            date(row["date"], "en")
        except ValueError:
            message = Message("cand.problem.status_date", value=repr(row["date"]))
            problems.append(cell_problem(path.name, row_no, "date", message))
            continue
        items.append(StatusItem(**{c: row[c] for c in COLUMNS}))
    if problems:
        raise DataError(problems)
    return items
