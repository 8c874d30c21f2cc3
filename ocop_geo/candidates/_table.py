"""Reading the small committed CSV tables of this package (anchors, the centre's status) with
errors that name the file, row and column (header = row 1)."""

from __future__ import annotations

import csv
from pathlib import Path

from ocop_geo.layers.schema import CONFIDENCE
from ocop_geo.layers.validate import DataError, Problem


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
        raise DataError([Problem(path.name, f"cannot be read as UTF-8 text: {exc}")]) from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError([Problem(path.name, f"missing column(s): {', '.join(missing)}")])
    rows = [
        (n, {k: (v or "").strip() for k, v in row.items() if k is not None})
        for n, row in enumerate(reader, start=2)
    ]
    problems = [
        Problem(path.name, f"row {n}, column '{c}': empty")
        for n, row in rows
        for c in columns
        if not row[c]
    ]
    if not rows:
        problems.append(Problem(path.name, "has no rows"))
    for n, row in rows:
        if row["confidence"] not in CONFIDENCE:
            problems.append(
                Problem(
                    path.name,
                    f"row {n}, column 'confidence': {row['confidence']!r} is not "
                    f"one of {', '.join(CONFIDENCE)}",
                )
            )
        if not row["source"].startswith(("http://", "https://")):
            problems.append(Problem(path.name, f"row {n}, column 'source': must be a URL"))
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
        msg = f"row {row_no}, column '{column}': {row[column]!r} is not a number"
        raise DataError([Problem(path.name, msg)]) from None
