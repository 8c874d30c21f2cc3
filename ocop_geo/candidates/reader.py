"""Read candidate sites from a CSV (``name, lat, lon``) or GeoJSON file (Point features with a
``name`` property).

CSV: UTF-8 (a byte-order mark is fine), comma, semicolon or tab separated; the header names are
matched without case or diacritics (``name``/``tên``, ``lat``/``latitude``/``vĩ độ``,
``lon``/``lng``/``longitude``/``kinh độ``); a decimal comma (``21,15``) is accepted. Rows are
counted as in a spreadsheet (header = row 1); GeoJSON features from 1.

Every problem is collected and raised together in one :class:`CandidateError`, each naming the
file, the row or feature, and the field. Nothing is returned when there is any problem.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ocop_geo.database.named_rows import text_message
from ocop_geo.geo import in_bbox
from ocop_geo.i18n import Message, MessageError, t
from ocop_geo.io import json_input
from ocop_geo.registry.reader import csv_delimiter, header_key

#: Largest file accepted (bytes) and most candidates in one file.
MAX_BYTES = 5 * 1024 * 1024
MAX_CANDIDATES = 500
#: Longest candidate name (characters).
MAX_NAME = 120

#: Header spellings per field, compared after :func:`~ocop_geo.registry.reader.header_key`.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "tên", "ten dia diem", "tên địa điểm"),
    "lat": ("lat", "latitude", "vĩ độ"),
    "lon": ("lon", "lng", "long", "longitude", "kinh độ"),
}
_ALIAS = {header_key(a): field for field, aliases in HEADERS.items() for a in aliases}


@dataclass(frozen=True)
class Candidate:
    """A candidate site: a name and a position (EPSG:4326 degrees)."""

    name: str
    lon: float
    lat: float


@dataclass(frozen=True)
class CandidateProblem:
    """One thing wrong with candidate input: where (row or feature, field) and what."""

    file: str
    message: Message | str
    row: int | None = None
    feature: int | None = None
    field: str | None = None

    def render(self, lang: str = "en", /) -> str:
        """``file: row 5, column 'lat': what is wrong`` in ``lang``."""
        where = [t("problem.at_row", lang, n=self.row, ident="")] if self.row is not None else []
        if self.feature is not None:
            where.append(t("problem.at_feature", lang, n=self.feature, ident=""))
        if self.field:
            kind = "problem.at_column" if self.row is not None else "problem.at_field"
            where.append(t(kind, lang, field=self.field))
        text = self.message.render(lang) if isinstance(self.message, Message) else self.message
        return f"{self.file}: " + (", ".join(where) + ": " if where else "") + text

    def __str__(self) -> str:
        return self.render("en")


class CandidateError(MessageError, ValueError):
    """Candidate input with problems; ``problems`` lists every one of them (``str()`` in
    English, :meth:`render` in the reader's language)."""

    def __init__(self, problems: Iterable[CandidateProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self.problems)


def position_problems(lat: Any, lon: Any) -> list[tuple[str | None, Message]]:
    """What is wrong with a position, as ``(field, message)`` pairs (empty when it is usable);
    each message is rendered where it is shown.

    Checks that both are finite numbers within lat [-90, 90] / lon [-180, 180] and that they are
    not swapped (lat ≈ 105.8 and lon ≈ 21 would be Hanoi the other way round). Whether the point
    lies in the allowed area is :mod:`ocop_geo.candidates.area`'s question.
    """
    found: list[tuple[str | None, Message]] = []
    for field, value in (("lat", lat), ("lon", lon)):
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            found.append((field, Message("cand.position.not_finite", value=repr(value))))
    if found:
        return found
    if in_bbox(lat, lon) and not in_bbox(lon, lat):
        return [(None, Message("cand.position.swapped", lat=str(lat), lon=str(lon)))]
    for field, value, limit in (("lat", lat, 90), ("lon", lon, 180)):
        if not -limit <= value <= limit:
            found.append((field, Message("cand.position.outside", value=str(value), limit=limit)))
    return found


def _number(text: Any) -> float | None:
    """A number from a cell or JSON value; None when it is not one."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return float(text)
    if not isinstance(text, str):
        return None
    cleaned = text.strip().replace(",", ".") if text.count(",") == 1 and "." not in text else text
    try:
        return float(cleaned)
    except ValueError:
        return None


def _entry(
    file: str,
    raw_name: Any,
    raw_lat: Any,
    raw_lon: Any,
    where: dict[str, int],
    seen: dict[str, Message],
    *,
    text_numbers: bool = True,
) -> tuple[Candidate | None, list[CandidateProblem]]:
    """Check one row/feature; ``where`` is ``{"row": n}`` or ``{"feature": n}``. Without
    ``text_numbers`` (GeoJSON, RFC 7946) a coordinate given as text is not a number."""
    problems: list[CandidateProblem] = []
    given = isinstance(raw_name, str | int | float) and not isinstance(raw_name, bool)
    name = " ".join(str(raw_name).split()) if given else ""
    if not name:
        problems.append(
            CandidateProblem(file, Message("cand.problem.no_name"), field="name", **where)
        )
    elif len(name) > MAX_NAME:
        problems.append(
            CandidateProblem(
                file,
                Message("cand.problem.name_long", n=len(name), most=MAX_NAME),
                field="name",
                **where,
            )
        )
    elif (problem := text_message(str(raw_name))) is not None:  # before spaces are squeezed
        problems.append(CandidateProblem(file, problem, field="name", **where))
    elif name.casefold() in seen:
        first = seen[name.casefold()]
        problems.append(
            CandidateProblem(
                file,
                Message("cand.problem.name_repeats", name=repr(name), first=first),
                field="name",
                **where,
            )
        )
    else:
        key = "problem.at_row" if "row" in where else "problem.at_feature"
        seen[name.casefold()] = Message(key, n=next(iter(where.values())), ident="")
    lat, lon = (
        None if isinstance(v, str) and not text_numbers else _number(v) for v in (raw_lat, raw_lon)
    )
    for field, raw, value in (("lat", raw_lat, lat), ("lon", raw_lon, lon)):
        if value is None:
            text = (
                Message("cand.problem.missing")
                if raw in (None, "")
                else Message("cand.problem.not_number", value=repr(raw))
            )
            problems.append(CandidateProblem(file, text, field=field, **where))
    if lat is not None and lon is not None:
        for field, message in position_problems(lat, lon):
            problems.append(CandidateProblem(file, message, field=field, **where))
    if problems:
        return None, problems
    return Candidate(name=name, lon=float(lon), lat=float(lat)), []  # type: ignore[arg-type]


def _read_csv(text: str, file: str) -> tuple[list[Candidate], list[CandidateProblem]]:
    # RFC 4180: quoted fields may hold the delimiter, line breaks and doubled quotes ("").
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
    try:
        records = list(reader)
    except csv.Error as exc:
        return [], [CandidateProblem(file, Message("cand.problem.bad_csv", error=str(exc)))]
    header = records[0] if records else []
    columns: dict[str, int] = {}
    for i, head in enumerate(header):
        field = _ALIAS.get(header_key(head))
        if field and field not in columns:
            columns[field] = i
    missing = [f for f in HEADERS if f not in columns]
    if missing:
        found = ", ".join(h for h in header if h.strip()) or Message("cand.problem.none")
        message = Message("cand.problem.columns", missing=", ".join(missing), found=found)
        return [], [CandidateProblem(file, message)]
    out: list[Candidate] = []
    problems: list[CandidateProblem] = []
    seen: dict[str, Message] = {}
    for row_no, cells in enumerate(records[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        value = {f: cells[i] if i < len(cells) else "" for f, i in columns.items()}
        cand, found = _entry(file, value["name"], value["lat"], value["lon"], {"row": row_no}, seen)
        problems += found
        out += [cand] if cand else []
    return out, problems


def _read_geojson(text: str, file: str) -> tuple[list[Candidate], list[CandidateProblem]]:
    try:
        doc = json_input.loads(text)
    except json_input.JSONInputError as exc:
        return [], [CandidateProblem(file, Message("cand.problem.not_json", error=str(exc)))]
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        return [], [CandidateProblem(file, Message("cand.problem.not_collection"))]
    out: list[Candidate] = []
    problems: list[CandidateProblem] = []
    seen: dict[str, Message] = {}
    for n, feature in enumerate(doc["features"], start=1):
        feature = feature if isinstance(feature, dict) else {}
        geometry = feature.get("geometry") or {}
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if (
            not isinstance(geometry, dict)
            or geometry.get("type") != "Point"
            or not (isinstance(coords, list) and len(coords) >= 2)
        ):
            kind = geometry.get("type") if isinstance(geometry, dict) else None
            problems.append(
                CandidateProblem(
                    file,
                    Message("cand.problem.not_point", kind=kind or Message("cand.problem.none")),
                    feature=n,
                    field="geometry",
                )
            )
            continue
        props = feature.get("properties") or {}
        props = {str(k).strip().casefold(): v for k, v in props.items()}
        name = props.get("name", props.get("tên"))
        cand, found = _entry(
            file, name, coords[1], coords[0], {"feature": n}, seen, text_numbers=False
        )
        problems += found
        out += [cand] if cand else []
    return out, problems


def read_candidates(data: bytes, filename: str) -> list[Candidate]:
    """The candidates in ``data``, read as GeoJSON when ``filename`` ends in ``.geojson`` or
    ``.json``, else as CSV.

    Raises
    ------
    CandidateError
        An empty or oversized file, text that is not UTF-8, a missing column, an empty or repeated
        name, a coordinate that is not a number, out of range or lat/lon swapped, a feature that
        is not a Point, more than :data:`MAX_CANDIDATES` candidates; every problem, each naming the
        file, the row or feature and the field.
    """
    if len(data) > MAX_BYTES:
        message = Message("cand.problem.too_big", size=len(data), most=MAX_BYTES)
        raise CandidateError([CandidateProblem(filename, message)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = Message("cand.problem.not_utf8", byte=exc.start)
        raise CandidateError([CandidateProblem(filename, msg)]) from None
    if not text.strip():
        raise CandidateError([CandidateProblem(filename, Message("cand.problem.empty_file"))])
    is_json = filename.lower().endswith((".geojson", ".json"))
    found, problems = (_read_geojson if is_json else _read_csv)(text, filename)
    if not found and not problems:
        problems = [CandidateProblem(filename, Message("cand.problem.no_candidates"))]
    if len(found) > MAX_CANDIDATES:
        problems.append(
            CandidateProblem(
                filename, Message("cand.problem.too_many", n=len(found), most=MAX_CANDIDATES)
            )
        )
    if problems:
        raise CandidateError(problems)
    return found
