"""Reading the small committed CSV tables of this package (anchors, the centre's status) with
errors that name the file, row and column (header = row 1)."""

from __future__ import annotations

import csv
from pathlib import Path

from ocop_geo.i18n import Message
from ocop_geo.layers.schema import CONFIDENCE
from ocop_geo.layers.validate import DataError, Problem


def cell_problem(file: str, row: int, column: str, problem: Message) -> Problem:
    """``file: row 3, column 'lat': what is wrong`` (the place named in the reader's language)."""
    return Problem(file, Message("cand.problem.cell", row=row, column=column, problem=problem))


def read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The rows of ``path`` as ``(row number, {column: stripped text})``.

    Raises
    ------
    DataError
        The file is missing or not UTF-8, lacks one of ``columns``, has no rows, or a row leaves a
        column empty (every problem is listed).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        message = Message("cand.problem.unreadable", error=str(exc))
        raise DataError([Problem(path.name, message)]) from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        message = Message("cand.problem.table_columns", columns=", ".join(missing))
        raise DataError([Problem(path.name, message)])
    rows = [
        (n, {k: (v or "").strip() for k, v in row.items() if k is not None})
        for n, row in enumerate(reader, start=2)
    ]
    problems = [
        cell_problem(path.name, n, c, Message("cand.problem.empty"))
        for n, row in rows
        for c in columns
        if not row[c]
    ]
    if not rows:
        problems.append(Problem(path.name, Message("cand.problem.no_rows")))
    for n, row in rows:
        if row["confidence"] not in CONFIDENCE:
            message = Message(
                "cand.problem.not_one_of",
                value=repr(row["confidence"]),
                allowed=", ".join(CONFIDENCE),
            )
            problems.append(cell_problem(path.name, n, "confidence", message))
        if not row["source"].startswith(("http://", "https://")):
            message = Message("cand.problem.not_url")
            problems.append(cell_problem(path.name, n, "source", message))
    if problems:
        raise DataError(problems)
    return rows


def number(path: Path, row_no: int, row: dict[str, str], column: str) -> float:
    """The cell as a float.

    Raises
    ------
    DataError
        The cell is not a number; the message names the file, row and column.
    """
    try:
        return float(row[column])
    except ValueError:
        message = Message("cand.problem.not_number", value=repr(row[column]))
        raise DataError([cell_problem(path.name, row_no, column, message)]) from None
