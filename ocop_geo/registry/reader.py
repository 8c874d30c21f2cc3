"""Read an uploaded OCOP product list (CSV UTF-8 or .xlsx) into the canonical registry frame.

City spreadsheets name their columns in Vietnamese or English, with or without diacritics
("Số sao", "so sao", "Stars"); :data:`HEADER_ALIASES` lists what is recognised. Every row is
checked and **all** problems are raised together in one :class:`RegistryError`, each naming the
file, the spreadsheet row (header = row 1 in a plain sheet) and the column as written in the file:

    products.csv: row 7, column 'stars' (Số sao): '6' is not a star rating (3, 4 or 5)

Nothing is returned when there is any problem (all or nothing). Coordinates that are valid but
outside Hanoi are *not* a problem here: placement falls back to the names and says why.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from zlib import error as zlib_error

import numpy as np
import pandas as pd

from ocop_geo.database.named_rows import text_message
from ocop_geo.geo import HANOI_BBOX
from ocop_geo.i18n import Message, t
from ocop_geo.text import fold, forbidden_character

#: Default upload limit (bytes).
MAX_BYTES = 20 * 1024 * 1024
#: More data rows than this are refused (Hanoi had 3,317 rated products in mid-2025).
MAX_ROWS = 200_000
#: Rating rounds started in 2019.
FIRST_YEAR = 2019
#: The star ratings a registry row may have (3★ and above are certified OCOP products).
STARS = (3, 4, 5)
#: The header is looked for in the first rows (a title row above it is common).
HEADER_SEARCH_ROWS = 10
#: Most cells a file may hold (CSV fields, or .xlsx cells of all worksheets): 50,000 rows of 20
#: columns. openpyxl needs about 300 bytes a cell while it reads (bench/upload_limits.py).
MAX_CELLS = 1_000_000
#: Most columns (CSV fields) in one row.
MAX_FIELDS = 200
#: Longest text cell (characters) in a column the import keeps.
MAX_CELL_CHARS = 1_000
#: Largest total size of an .xlsx file's parts once decompressed (bytes), checked before parsing.
MAX_XLSX_EXPANDED = 100 * 1024 * 1024

#: The canonical columns, in output order (after ``row``).
COLUMNS = (
    "product_name",
    "producer",
    "stars",
    "product_group",
    "year_rated",
    "lat",
    "lon",
    "address",
    "ward",
    "district",
)
REQUIRED = ("product_name", "producer", "stars", "product_group", "year_rated")
TEXT_COLUMNS = ("product_name", "producer", "product_group", "address", "ward", "district")
NAME_COLUMNS = ("ward", "district", "address")

#: Header spellings per canonical column, compared after :func:`header_key`.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "product_name": ("tên sản phẩm", "sản phẩm", "product", "product name"),
    "producer": ("chủ thể", "cơ sở sản xuất", "tên chủ thể", "producer"),
    "stars": ("số sao", "hạng sao", "xếp hạng", "stars", "rating"),
    "product_group": ("nhóm sản phẩm", "nhóm", "product group", "group"),
    "year_rated": ("năm công nhận", "năm đánh giá", "năm", "year", "year rated"),
    "lat": ("vĩ độ", "lat", "latitude"),
    "lon": ("kinh độ", "lon", "lng", "longitude"),
    "address": ("địa chỉ", "address"),
    "ward": ("xã/phường", "phường/xã", "xã", "phường", "ward", "commune", "ward/commune"),
    "district": ("quận/huyện", "huyện", "quận", "thị xã", "district"),
}

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_STARS = re.compile(r"^([0-9]+)(?:[.,]0+)?\s*(?:sao|stars?|\*|★|☆|⭐)?$")
_YEAR = re.compile(r"^([0-9]{4})(?:[.,]0+)?$")


def header_key(text: str) -> str:
    """Normalise a header for matching: no bracketed notes, diacritics, case or punctuation.

    >>> header_key(" Xã / Phường (2025) ")
    'xa phuong'
    """
    return _NON_ALNUM.sub(" ", fold(_BRACKETS.sub(" ", text))).strip()


_ALIAS_INDEX = {header_key(a): col for col, aliases in HEADER_ALIASES.items() for a in aliases}


@dataclass(frozen=True)
class RegistryProblem:
    """One thing wrong with an uploaded file: where (row, column) and what."""

    file: str
    row: int | None
    column: str | None
    #: What is wrong, rendered in the reader's language where it is shown.
    message: Message
    #: The column header as written in the file (shown in parentheses).
    header: str | None = None

    def render(self, lang: str) -> str:
        """``file: row 5, column 'lat' (Vĩ độ): what is wrong`` in ``lang``."""
        where = []
        if self.row is not None:
            where.append(t("registry.problem.at_row", lang, row=self.row))
        if self.column:
            shown = f" ({self.header})" if self.header and self.header != self.column else ""
            where.append(t("registry.problem.at_column", lang, column=self.column, header=shown))
        prefix = f"{self.file}: " + (", ".join(where) + ": " if where else "")
        return prefix + self.message.render(lang)

    def __str__(self) -> str:
        return self.render("en")


class RegistryError(ValueError):
    """Raised when an uploaded registry has problems; ``problems`` lists every one of them."""

    #: How many problems ``str()`` shows; ``problems`` always holds all of them.
    SHOWN = 50

    def __init__(self, problems: Sequence[RegistryProblem]) -> None:
        self.problems = list(problems)
        lines = [str(p) for p in self.problems[: self.SHOWN]]
        if len(self.problems) > self.SHOWN:
            lines.append(f"… and {len(self.problems) - self.SHOWN} more problems")
        super().__init__("\n".join(lines))


def _fail(file: str, key: str, **params: object) -> RegistryError:
    return RegistryError([RegistryProblem(file, None, None, Message(key, **params))])


def _size(n: int) -> Message:
    if n >= 1024 * 1024:
        return Message("registry.size.mb", mb=n / 1024 / 1024)
    return Message("registry.size.bytes", n=n)


# ---------------------------------------------------------------- file formats → rows of cells

Rows = list[tuple[int, list[object]]]


def _csv_rows(data: bytes, file: str) -> Rows:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(file, "registry.problem.not_utf8", byte=exc.start) from None
    delimiter = csv_delimiter(text)
    rows: Rows = []
    cells = 0
    try:  # RFC 4180: quoted fields may hold the delimiter, line breaks and doubled quotes
        for i, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter),
                                   start=1):  # fmt: skip
            if len(record) > MAX_FIELDS:
                raise _fail(
                    file, "registry.problem.too_many_fields", row=i, n=len(record), most=MAX_FIELDS
                )
            cells += len(record)
            if cells > MAX_CELLS or i > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise _fail(file, "registry.problem.too_many_rows", most=MAX_ROWS)
            rows.append((i, record))
    except csv.Error as exc:
        raise _fail(file, "registry.problem.bad_csv", error=str(exc)) from None
    return rows


def csv_delimiter(text: str) -> str:
    """The delimiter of a CSV text: the one of ``,``, ``;`` and tab its first non-blank line
    holds most often (``,`` when none)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(",;\t", key=first.count) if first else ","


_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s/>]")


def _count_cells(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, file: str) -> int:
    """The ``<c>`` elements of one worksheet part, read in 1 MB blocks (a tag cut by a block's
    end is counted in the next one); stops early past :data:`MAX_CELLS`.

    Raises RegistryError for a row of more than :data:`MAX_FIELDS` cells: openpyxl builds a
    whole row at once, about 300 bytes a cell."""
    cells, in_row, tail = 0, 0, b""

    def scan(block: bytes, upto: int) -> None:
        nonlocal cells, in_row
        for tag in _TAG.finditer(block):
            if tag.start() >= upto:
                break
            if tag.group(1) == b"row":
                in_row = 0
                continue
            cells, in_row = cells + 1, in_row + 1
            if in_row > MAX_FIELDS:
                raise _fail(file, "registry.problem.wide_xlsx_row", most=MAX_FIELDS)

    try:
        with archive.open(entry) as part:  # reads no more than the declared size
            while chunk := part.read(1 << 20):
                block = tail + chunk
                cut = max(len(block) - 64, 0)  # a tag starting after ``cut`` may be cut off
                scan(block, cut)
                tail = block[cut:]
                if cells > MAX_CELLS:
                    return cells
    except (zipfile.BadZipFile, OSError, EOFError, zlib_error):
        raise _fail(file, "registry.problem.bad_xlsx") from None
    scan(tail, len(tail))
    return cells


def _check_xlsx_size(data: bytes, file: str) -> None:
    """Refuse a workbook whose parts expand beyond :data:`MAX_XLSX_EXPANDED` bytes, or whose
    worksheets hold more than :data:`MAX_CELLS` cells, before openpyxl parses it: a small
    file can declare a sheet of millions of cells (a "zip bomb")."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return  # openpyxl's own error message follows
    with archive:
        entries = archive.infolist()
        expanded = sum(e.file_size for e in entries)
        if expanded > MAX_XLSX_EXPANDED:
            raise _fail(
                file,
                "registry.problem.xlsx_expands",
                size=_size(expanded),
                limit=_size(MAX_XLSX_EXPANDED),
            )
        cells = sum(_count_cells(archive, e, file) for e in entries
                    if e.filename.startswith("xl/worksheets/"))  # fmt: skip
        if cells > MAX_CELLS:
            raise _fail(file, "registry.problem.too_many_cells", most=MAX_CELLS)


def _xlsx_rows(data: bytes, file: str) -> Rows:
    from openpyxl import load_workbook

    _check_xlsx_size(data, file)
    unreadable = _fail(file, "registry.problem.bad_xlsx")
    # A damaged workbook can fail anywhere inside openpyxl, zipfile, zlib or the XML parser,
    # with many exception types (found by tests/test_properties.py); each is the same answer.
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise unreadable from None
    try:
        if not book.worksheets:
            raise _fail(file, "registry.problem.no_worksheet")
        rows: Rows = []
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # the declared size could pad every row to 16,384 columns
        for i, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((i, list(cells)))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                break
        return rows
    except RegistryError:
        raise
    except Exception:
        raise unreadable from None
    finally:
        book.close()


def _text(value: object) -> str:
    """A cell as stripped text ('' for blank); integral floats lose their '.0'."""
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


# ---------------------------------------------------------------- headers


def _map_header(cells: list[object]) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {}
    for index, cell in enumerate(cells):
        written = _text(cell)
        column = _ALIAS_INDEX.get(header_key(written)) if written else None
        if column:
            found.setdefault(column, []).append((index, written))
    return found


def _find_header(rows: Rows) -> tuple[int, list[object]]:
    candidates: Rows = []
    for no, cells in rows:
        if any(_text(c) for c in cells):
            if len(_map_header(cells)) >= 3:
                return no, cells
            candidates.append((no, cells))
            if len(candidates) == HEADER_SEARCH_ROWS:
                break
    return candidates[0]


def _example(column: str) -> str:
    return f'"{HEADER_ALIASES[column][0]}"'


def _check_header(
    file: str, header_cells: list[object], mapped: dict[str, list[tuple[int, str]]]
) -> list[RegistryProblem]:
    problems = []
    for column, hits in mapped.items():
        if len(hits) > 1:
            quoted = [f"'{h}'" for _, h in hits]
            written = Message(
                "registry.problem.columns_and", first=", ".join(quoted[:-1]), last=quoted[-1]
            )
            problems.append(
                RegistryProblem(
                    file,
                    None,
                    column,
                    Message("registry.problem.same_column", written=written, column=column),
                )
            )
    missing: list[Message] = [
        Message("registry.problem.missing_column", column=c, example=_example(c))
        for c in REQUIRED
        if c not in mapped
    ]
    has_lat, has_lon = "lat" in mapped, "lon" in mapped
    has_names = any(c in mapped for c in NAME_COLUMNS)
    if has_lat != has_lon:
        have, lack = ("lat", "lon") if has_lat else ("lon", "lat")
        problems.append(
            RegistryProblem(
                file,
                None,
                have,
                Message("registry.problem.half_location", column=lack, example=_example(lack)),
                mapped[have][0][1],
            )
        )
    elif not has_lat and not has_names:
        missing.append(Message("registry.problem.missing_location"))
    if missing:
        found: Message | str = ", ".join(f"'{_text(c)}'" for c in header_cells if _text(c))
        problems.append(
            RegistryProblem(
                file,
                None,
                None,
                Message(
                    "registry.problem.missing_columns",
                    missing=missing,
                    found=found or Message("registry.problem.no_headers"),
                ),
            )
        )
    return problems


# ---------------------------------------------------------------- values


def _to_number(text: pd.Series) -> pd.Series:
    """Parse decimal numbers; a lone comma is a decimal comma ('21,03'); NaN when not a number."""
    number = pd.to_numeric(text.where(text.ne("")), errors="coerce").astype(float)
    retry = number.isna() & text.ne("")
    if retry.any():
        cleaned = text[retry].str.replace(" ", "", regex=False)
        decimal_comma = cleaned.str.count(",").eq(1) & ~cleaned.str.contains(".", regex=False)
        cleaned = cleaned.where(~decimal_comma, cleaned.str.replace(",", ".", regex=False))
        number[retry] = pd.to_numeric(cleaned, errors="coerce").astype(float)
    return number.where(np.isfinite(number))


def _fold_each(text: pd.Series) -> pd.Series:
    """:func:`fold` of every value, computed once per distinct value."""
    return text.map({value: fold(value) for value in text.unique()})


def _parse_rows(
    file: str,
    rows: Rows,
    header_row: int,
    mapped: dict[str, list[tuple[int, str]]],
) -> tuple[pd.DataFrame, list[RegistryProblem]]:
    headers = {column: hits[0][1] for column, hits in mapped.items()}
    body = [(no, cells) for no, cells in rows if no > header_row]
    numbers_all = np.fromiter((no for no, _ in body), dtype="int64", count=len(body))
    cells_text = {
        column: np.array(
            [_text(cells[hits[0][0]]) if hits[0][0] < len(cells) else "" for _, cells in body],
            dtype=object,
        )
        for column, hits in mapped.items()
    }
    filled = np.zeros(len(body), dtype=bool)
    for values in cells_text.values():
        filled |= values != ""
    if not filled.any():
        raise _fail(file, "registry.problem.no_rows", row=header_row)
    if filled.sum() > MAX_ROWS:
        raise _fail(file, "registry.problem.too_many_rows", most=MAX_ROWS)

    index = pd.Index(numbers_all[filled], name="row")  # blank rows are skipped
    text = {
        c: pd.Series(cells_text[c][filled], index=index, dtype=object)
        if c in cells_text
        else pd.Series("", index=index, dtype=object)
        for c in COLUMNS
    }
    problems: list[tuple[int, int, RegistryProblem]] = []
    order = {c: i for i, c in enumerate(COLUMNS)}

    def report(mask: pd.Series, column: str | None, message: object) -> None:
        """``message``: a Message, or a callable of the cell text giving one."""
        for row in mask.index[mask.to_numpy()]:
            cell = text[column][row] if column else ""
            msg = message(cell) if callable(message) else message
            header = headers.get(column) if column else None
            problems.append(
                (
                    row,
                    order.get(column or "", -1),
                    RegistryProblem(file, int(row), column, msg, header),
                )
            )

    for column in REQUIRED:
        report(text[column].eq(""), column, Message("registry.problem.empty"))
    for column in TEXT_COLUMNS:  # what is kept must fit the database and every export
        too_long = text[column].str.len() > MAX_CELL_CHARS
        report(
            too_long,
            column,
            lambda v: Message("registry.problem.too_long", n=len(v), most=MAX_CELL_CHARS),
        )
        bad = text[column].map(lambda v: forbidden_character(v) is not None).astype(bool)
        report(bad & ~too_long, column, text_message)

    # stars: 3, 4 or 5, written "4", "4 sao", "4★", "4*" or 4.0
    star_text = _fold_each(text["stars"])
    stars = pd.to_numeric(star_text.str.extract(_STARS, expand=False), errors="coerce")
    bad_stars = text["stars"].ne("") & ~stars.isin(STARS)
    report(bad_stars, "stars", lambda v: Message("registry.problem.stars", value=v))

    # year: 2019 .. this year; a date cell counts as its year
    this_year = dt.date.today().year
    year_text = text["year_rated"].where(
        ~text["year_rated"].str.match(r"^\d{4}-\d{2}-\d{2}"), text["year_rated"].str[:4]
    )
    years = pd.to_numeric(year_text.str.extract(_YEAR, expand=False), errors="coerce")
    bad_year = text["year_rated"].ne("") & ~years.between(FIRST_YEAR, this_year)
    report(
        bad_year,
        "year_rated",
        lambda v: Message("registry.problem.year", value=v, first=FIRST_YEAR, last=this_year),
    )

    # coordinates
    lat, lon = _to_number(text["lat"]), _to_number(text["lon"])
    lat_given, lon_given = text["lat"].ne(""), text["lon"].ne("")
    report(lat_given & lat.isna(), "lat", lambda v: Message("registry.problem.number", value=v))
    report(lon_given & lon.isna(), "lon", lambda v: Message("registry.problem.number", value=v))
    lat_header, lon_header = headers.get("lat", "lat"), headers.get("lon", "lon")
    report(
        lat_given & ~lon_given,
        "lon",
        Message("registry.problem.other_filled", header=lat_header),
    )
    report(
        lon_given & ~lat_given,
        "lat",
        Message("registry.problem.other_filled", header=lon_header),
    )
    both = lat.notna() & lon.notna()
    west, south, east, north = HANOI_BBOX
    in_hanoi = lon.between(west, east) & lat.between(south, north)
    swapped_in_hanoi = lat.between(west, east) & lon.between(south, north)
    swapped = both & ~in_hanoi & swapped_in_hanoi
    for row in swapped.index[swapped.to_numpy()]:
        problems.append(
            (
                row,
                order["lat"],
                RegistryProblem(
                    file,
                    int(row),
                    "lat",
                    Message(
                        "registry.problem.swapped",
                        lat=text["lat"][row],
                        lon=text["lon"][row],
                        lat_header=lat_header,
                        lon_header=lon_header,
                    ),
                    headers.get("lat"),
                ),
            )
        )
    report(
        both & ~swapped & ~lat.between(-90, 90),
        "lat",
        lambda v: Message("registry.problem.latitude", value=v),
    )
    report(
        both & ~swapped & ~lon.between(-180, 180),
        "lon",
        lambda v: Message("registry.problem.longitude", value=v),
    )

    # something to place the product by
    no_names = text["ward"].eq("") & text["district"].eq("") & text["address"].eq("")
    report(
        ~lat_given & ~lon_given & no_names,
        None,
        Message("registry.problem.nowhere"),
    )

    frame = pd.DataFrame(
        {
            "row": index.to_numpy(dtype="int64"),
            "product_name": text["product_name"].to_numpy(),
            "producer": text["producer"].to_numpy(),
            "stars": stars.fillna(0).to_numpy(dtype="int64"),
            "product_group": text["product_group"].to_numpy(),
            "year_rated": years.fillna(0).to_numpy(dtype="int64"),
            "lat": lat.to_numpy(dtype=float),
            "lon": lon.to_numpy(dtype=float),
            "address": text["address"].to_numpy(),
            "ward": text["ward"].to_numpy(),
            "district": text["district"].to_numpy(),
        }
    )
    problems.sort(key=lambda item: (item[0], item[1]))
    return frame, [p for _, _, p in problems]


# ---------------------------------------------------------------- entry point


def read_registry(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> pd.DataFrame:
    """Parse and check an uploaded product list.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        Its name; the extension (``.csv`` or ``.xlsx``) decides the format.
    max_bytes : int
        Larger files are refused.

    Returns
    -------
    pandas.DataFrame
        Columns ``row`` (spreadsheet row number), ``product_name``, ``producer``, ``stars``
        (3/4/5), ``product_group``, ``year_rated``, ``lat``, ``lon`` (float, NaN when absent),
        ``address``, ``ward``, ``district`` ('' when absent).

    Raises
    ------
    RegistryError
        With every problem found (file, row, column, what is wrong).
    """
    file = Path(filename).name or "upload"
    suffix = Path(filename).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        key = "registry.problem.old_excel" if suffix == ".xls" else "registry.problem.file_type"
        raise _fail(file, key, suffix=suffix or "(none)")
    if len(data) > max_bytes:
        raise _fail(file, "registry.problem.too_big", size=_size(len(data)), limit=_size(max_bytes))
    if not data.strip():
        raise _fail(file, "registry.problem.empty_file")
    rows = _csv_rows(data, file) if suffix == ".csv" else _xlsx_rows(data, file)
    if not any(_text(c) for _, cells in rows for c in cells):
        raise _fail(file, "registry.problem.empty_file")
    header_row, header_cells = _find_header(rows)
    mapped = _map_header(header_cells)
    problems = _check_header(file, header_cells, mapped)
    if problems:
        raise RegistryError(problems)
    frame, problems = _parse_rows(file, rows, header_row, mapped)
    if problems:
        raise RegistryError(problems)
    return frame
