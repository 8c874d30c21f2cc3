"""The sourced places a candidate site is measured against (``data/anchors.csv``).

Three anchors stand in the file, one per criterion: Nội Bài airport (``airport``), Hoàn Kiếm lake
as the city centre (``centre``) and the Cổ Loa citadel (``co_loa``). Each carries its source URL,
confidence label and ``coord_accuracy_m`` (see data/SOURCES.md, "Anchors of the Đông Anh
candidate analysis"). The pilot points and craft villages come from ``geo/`` (the catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ocop_geo.candidates._table import cell_problem, number, read_rows
from ocop_geo.geo import in_bbox
from ocop_geo.i18n import Message
from ocop_geo.layers.validate import DataError, Problem

ANCHORS_FILE = "anchors.csv"
#: The criteria an anchor stands for, each exactly once in the file.
ANCHOR_CRITERIA = ("airport", "centre", "co_loa")
COLUMNS = (
    "id",
    "criterion",
    "name_vi",
    "name_en",
    "lat",
    "lon",
    "coord_accuracy_m",
    "source",
    "confidence",
)


@dataclass(frozen=True)
class Anchor:
    """A sourced place: position (EPSG:4326), accuracy (m), source URL, confidence, note."""

    id: str
    criterion: str
    name_vi: str
    name_en: str
    lon: float
    lat: float
    coord_accuracy_m: float
    source: str
    confidence: str
    note: str

    def name(self, lang: str) -> str:
        """The name in ``lang`` (``"vi"`` or ``"en"``)."""
        return self.name_vi if lang == "vi" else self.name_en


def load_anchors(data_dir: Path) -> dict[str, Anchor]:
    """The anchors of ``data_dir/anchors.csv``, keyed by criterion (``airport`` …).

    Raises
    ------
    DataError
        A missing column or empty cell, a value that is not a number, a position outside Hanoi
        (or lat/lon swapped), an accuracy ≤ 0, a source that is not a URL, an unknown confidence
        label, or a criterion missing, unknown or repeated; each names the row and column.
    """
    path = data_dir / ANCHORS_FILE
    anchors: dict[str, Anchor] = {}
    problems: list[Problem] = []
    for row_no, row in read_rows(path, COLUMNS):
        lat, lon = (number(path, row_no, row, c) for c in ("lat", "lon"))
        accuracy = number(path, row_no, row, "coord_accuracy_m")
        if not in_bbox(lon, lat):
            outside = Message("cand.problem.anchor_outside", lat=str(lat), lon=str(lon))
            message = Message("cand.problem.at_row", row=row_no, problem=outside)
            problems.append(Problem(path.name, message))
        if accuracy <= 0:
            message = Message("cand.problem.accuracy")
            problems.append(cell_problem(path.name, row_no, "coord_accuracy_m", message))
        criterion = row["criterion"]
        if criterion not in ANCHOR_CRITERIA or criterion in anchors:
            message = Message(
                "cand.problem.criterion",
                value=repr(criterion),
                allowed=", ".join(ANCHOR_CRITERIA),
            )
            problems.append(cell_problem(path.name, row_no, "criterion", message))
            continue
        anchors[criterion] = Anchor(
            id=row["id"],
            criterion=criterion,
            name_vi=row["name_vi"],
            name_en=row["name_en"],
            lon=lon,
            lat=lat,
            coord_accuracy_m=accuracy,
            source=row["source"],
            confidence=row["confidence"],
            note=row.get("note", ""),
        )
    missing = [c for c in ANCHOR_CRITERIA if c not in anchors]
    if missing:
        message = Message("cand.problem.no_anchor", criteria=", ".join(missing))
        problems.append(Problem(path.name, message))
    if problems:
        raise DataError(problems)
    return {c: anchors[c] for c in ANCHOR_CRITERIA}
