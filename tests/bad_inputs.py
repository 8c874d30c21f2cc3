"""The bad inputs the suite tries, by class: each case feeds one input to a reader, a write
function or a command, and says how it ended — ``refused`` (a clean error: the documented
exception, or a non-zero exit with a message and no traceback), ``accepted`` (wrongly) or
``traceback`` (any other exception).

``tests/test_bad_inputs.py`` asserts that every case is refused; ``python -m tests.bad_inputs``
runs them all (and the Hypothesis properties of ``tests/test_properties.py``) and prints the
counts recorded in docs/security.md.
"""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocop_geo.auth.guard import ForbiddenError
from ocop_geo.auth.permissions import OPERATOR, VIEWER, User
from ocop_geo.auth.users import AuthError, add_user, get_account, set_role
from ocop_geo.candidates.reader import Candidate, CandidateError, read_candidates
from ocop_geo.candidates.saved import save_set
from ocop_geo.cli.entry import main
from ocop_geo.database.store import Store, StoreError
from ocop_geo.events.booths import BoothError, streets_from_geojson
from ocop_geo.readiness.store import Change, ReadinessError, update_item
from ocop_geo.registry.imports import remove_import, save_import
from ocop_geo.registry.reader import MAX_CELLS, MAX_FIELDS, RegistryError, read_registry
from ocop_geo.routing.request import RouteRequest
from ocop_geo.routing.saved import save_route
from tests.test_cli_registry import GOOD as REGISTRY_CSV
from tests.test_registry_imports import products

#: What a case's ``run`` may raise to count as refused (clean, named errors of the library).
CLEAN = (StoreError, ReadinessError, AuthError, RegistryError, CandidateError, BoothError)
KNOWN = {"bat-trang": {"signage"}, "van-phuc": {"signage"}}
TOUR = RouteRequest(stop_ids=("bat-trang", "van-phuc"), mode="car", start_min=480)
SPOT = Candidate("Vân Hà", 105.8985, 21.1503)
PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - a test account's password


@dataclass(frozen=True)
class Case:
    """One bad input: its class, a label, and ``run(tmp)`` (a fresh folder; a database at
    ``tmp / "db.sqlite3"`` is ``OCOP_DATABASE_URL``) that returns an exit code for a command,
    or anything for a library call (then it was accepted)."""

    klass: str
    label: str
    run: Callable[[Path], Any]


def outcome(case: Case, tmp: Path) -> str:
    """``refused``, ``accepted`` or ``traceback`` for ``case`` run in the empty folder ``tmp``."""
    err = io.StringIO()
    url = f"sqlite:///{tmp / 'db.sqlite3'}"
    old = {k: os.environ.get(k) for k in ("OCOP_DATABASE_URL", "OCOP_ROUTER")}
    os.environ.update(OCOP_DATABASE_URL=url, OCOP_ROUTER="estimate")
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            result = case.run(tmp)
    except CLEAN:
        return "refused"
    except Exception:
        return "traceback"
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if isinstance(result, Command):
        text = err.getvalue()
        if "Traceback" in text:
            return "traceback"
        return "refused" if result.code != 0 and text.strip() else "accepted"
    return "accepted"


@dataclass(frozen=True)
class Command:
    """The exit code of a command run in-process."""

    code: int


def cli(*args: str) -> Command:
    return Command(main(list(args)))


def db(tmp: Path) -> Store:
    store = Store.from_url(f"sqlite:///{tmp / 'db.sqlite3'}")
    store.upgrade()
    return store


# ------------------------------------------------------------------ text fields


#: Characters no text field may hold (C0 except tab/LF/CR, DEL, a lone surrogate).
FORBIDDEN = {"NUL": "\x00", "vertical tab": "\x0b", "U+0001": "\x01", "ESC": "\x1b",
             "DEL": "\x7f", "lone surrogate": "\ud800"}  # fmt: skip


def _note(value: str) -> Callable[[Path], Any]:
    return lambda tmp: update_item(db(tmp), "bat-trang", "signage", Change(note=value),
                                   expected_version=0, by="An", actor=OPERATOR,
                                   known_items=KNOWN)  # fmt: skip


def _by(value: str) -> Callable[[Path], Any]:
    return lambda tmp: update_item(db(tmp), "bat-trang", "signage", Change(note="x"),
                                   expected_version=0, by=value, actor=OPERATOR,
                                   known_items=KNOWN)  # fmt: skip


def _tour(value: str) -> Callable[[Path], Any]:
    return lambda tmp: save_route(db(tmp), value, TOUR, saved_by="An", actor=OPERATOR)


def _tour_by(value: str) -> Callable[[Path], Any]:
    return lambda tmp: save_route(db(tmp), "Tour", TOUR, saved_by=value, actor=OPERATOR)


def _set(value: str) -> Callable[[Path], Any]:
    return lambda tmp: save_set(db(tmp), value, [SPOT], saved_by="An", actor=OPERATOR)


def _set_point(value: str) -> Callable[[Path], Any]:
    spot = Candidate(value, SPOT.lon, SPOT.lat)
    return lambda tmp: save_set(db(tmp), "Bộ", [spot], saved_by="An", actor=OPERATOR)


def _import(field: str, value: str) -> Callable[[Path], Any]:
    def run(tmp: Path) -> Any:
        given = {"name": "Danh sách", "imported_by": "An"} | {field: value}
        return save_import(db(tmp), source_filename="p.csv", sha256="ab" * 32,
                           products=products(), actor=OPERATOR, **given)  # fmt: skip

    return run


def _display(value: str) -> Callable[[Path], Any]:
    return lambda tmp: add_user(db(tmp), "lan", role="editor", password=PASSWORD,
                                display_name=value)  # fmt: skip


def _cell(value: str) -> Callable[[Path], Any]:
    data = REGISTRY_CSV.replace("Bát gốm men lam", value.replace('"', '""'), 1)
    return lambda _tmp: read_registry(data.encode("utf-8", "surrogatepass"), "p.csv")


def _candidate(value: str) -> Callable[[Path], Any]:
    data = f'name,lat,lon\n"{value}",21.15,105.89\n'
    return lambda _tmp: read_candidates(data.encode("utf-8", "surrogatepass"), "c.csv")


def _route_name(value: str) -> Callable[[Path], Any]:
    return lambda tmp: cli("route", "van-phuc", "bat-trang", "--format", "gpx", "--name", value,
                           "-o", str(tmp / "t.gpx"))  # fmt: skip


TEXT_FIELDS: dict[str, Callable[[str], Callable[[Path], Any]]] = {
    "checklist note": _note,
    "checklist author (by)": _by,
    "tour name": _tour,
    "tour saved_by": _tour_by,
    "candidate set name": _set,
    "candidate name in a set": _set_point,
    "registry import name": lambda v: _import("name", v),
    "registry imported_by (--by)": lambda v: _import("imported_by", v),
    "display name": _display,
    "registry cell (product name)": _cell,
    "candidate name in a CSV": _candidate,
    "route --name": _route_name,
}
#: A value one character over each field's limit.
TOO_LONG = {
    "checklist note": 2_001,
    "checklist author (by)": 121,
    "tour name": 121,
    "tour saved_by": 121,
    "candidate set name": 121,
    "registry import name": 121,
    "registry imported_by (--by)": 121,
    "display name": 121,
    "registry cell (product name)": 1_001,
    "candidate name in a CSV": 121,
    "route --name": 121,
}


def _text_cases() -> Iterator[Case]:
    for field, make in TEXT_FIELDS.items():
        for char_name, char in FORBIDDEN.items():
            if field == "route --name" and char == "\x00":
                continue  # an argument cannot hold NUL (execve)
            yield Case("control characters and lone surrogates in text fields",
                       f"{field}: {char_name}", make(f"Bát{char}Tràng"))  # fmt: skip
    for field, size in TOO_LONG.items():
        yield Case("over-long text fields", f"{field}: {size:,} characters",
                   TEXT_FIELDS[field]("đ" * size))  # fmt: skip


# ------------------------------------------------------------------ evidence


def _url(value: str) -> Callable[[Path], Any]:
    return lambda tmp: update_item(db(tmp), "bat-trang", "signage",
                                   Change(evidence_url=value), expected_version=0, by="An",
                                   actor=OPERATOR, known_items=KNOWN)  # fmt: skip


def _date(value: str) -> Callable[[Path], Any]:
    return lambda tmp: update_item(db(tmp), "bat-trang", "signage",
                                   Change(evidence_date=value), expected_version=0, by="An",
                                   actor=OPERATOR, known_items=KNOWN)  # fmt: skip


BAD_URLS = {
    "credentials (gov.vn@evil.example)": "https://gov.vn@evil.example/report",
    "user and password": "https://user:pw@sct.hanoi.gov.vn/",
    "javascript:": "javascript:alert(1)",
    "no host": "https:///path",
    "data:": "data:text/html,<script>alert(1)</script>",
    "control character": "https://sct.hanoi.gov.vn/\x01",
    "DEL": "https://sct.hanoi.gov.vn/\x7f",
}
BAD_DATES = {
    "before 2019": "2018-12-31",
    "after 2035": "2036-01-01",
    "year 1": "0001-01-01",
    "month 13": "2020-13-01",
    "not ISO": "31/12/2020",
}


def _evidence_cases() -> Iterator[Case]:
    for label, url in BAD_URLS.items():
        yield Case("evidence URLs", label, _url(url))
    for label, value in BAD_DATES.items():
        yield Case("evidence dates outside 2019-01-01 … 2035-12-31 or malformed", label,
                   _date(value))  # fmt: skip


# ------------------------------------------------------------------ spreadsheets


def xlsx(sheet: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .xlsx whose first worksheet part is ``sheet`` (deflated)."""
    files = {
        "[Content_Types].xml": (
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            b'-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
            b'.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package'
            b'/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
            b'/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            b"</Relationships>"
        ),
        "xl/workbook.xml": (
            b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml'
            b'/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package'
            b'/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
            b'/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            b"</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
        **(extra or {}),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def one_row_of(cells: int) -> bytes:
    """A worksheet of one row holding ``cells`` empty cells (compresses to almost nothing)."""
    return rows_of(1, cells)


def rows_of(rows: int, cells: int) -> bytes:
    """A worksheet of ``rows`` rows of ``cells`` empty cells each."""
    row = b"<row>" + b"<c/>" * cells + b"</row>"
    return SHEET + b"<sheetData>" + row * rows + b"</sheetData></worksheet>"


def _registry(name: str, make: Callable[[], bytes]) -> Callable[[Path], Any]:
    """Read the file ``make()`` builds (when the case runs, not when it is listed)."""
    return lambda _tmp: read_registry(make(), name)


HUGE_DIMENSION = (SHEET + b'<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" '
                  b't="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>')  # fmt: skip
SPREADSHEETS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "xlsx: one row of 30,000,000 cells": ("bomb.xlsx", lambda: xlsx(one_row_of(30_000_000))),
    f"xlsx: one row of {MAX_FIELDS + 1} cells": (
        "wide.xlsx", lambda: xlsx(one_row_of(MAX_FIELDS + 1))),
    f"xlsx: {MAX_CELLS // 20 + 1:,} rows of 20 cells": (
        "many.xlsx", lambda: xlsx(rows_of(MAX_CELLS // 20 + 1, 20))),
    "xlsx: a part that expands to 101 MB": (
        "big.xlsx", lambda: xlsx(SHEET + b"<sheetData/>" + b" " * (101 << 20) + b"</worksheet>")),
    "xlsx: declares A1:XFD1048576 (17 billion cells), holds one": (
        "dim.xlsx", lambda: xlsx(HUGE_DIMENSION)),
    "xlsx: not a zip file": ("broken.xlsx", lambda: b"PK\x03\x04 broken"),
    f"csv: {MAX_FIELDS + 1} fields in a row": (
        "wide.csv", lambda: ("a," * (MAX_FIELDS + 1) + "\n").encode()),
    "csv: 200,011 data rows": (
        "long.csv", lambda: (REGISTRY_CSV.splitlines()[0] + "\n" + "x,y\n" * 200_011).encode()),
    "csv: one field of 200,000 characters": (
        "field.csv", lambda: ('name,lat,lon\n"' + "x" * 200_000 + '",21.1,105.8\n').encode()),
}  # fmt: skip


def _spreadsheet_cases() -> Iterator[Case]:
    for label, (name, make) in SPREADSHEETS.items():
        yield Case("spreadsheet bombs and oversized tables", label, _registry(name, make))


# ------------------------------------------------------------------ JSON / GeoJSON


def point(coords: Any) -> str:
    import json

    return json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
                       "properties": {"id": "x", "name": "Vân Hà"},
                       "geometry": {"type": "Point", "coordinates": coords}}]})  # fmt: skip


def line(coords: Any) -> str:
    import json

    return json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
                       "properties": {"name": "phố"},
                       "geometry": {"type": "LineString", "coordinates": coords}}]})  # fmt: skip


DEEP = "[" * 100_000 + "]" * 100_000
BAD_JSON = {
    "coordinates as strings": point(["105.8985", "21.1503"]),
    "coordinates as booleans": point([True, False]),
    "coordinates as null": point([None, None]),
    "coordinates nested in strings": point([["105.8", "21.1"]]),
    "100,000 nested arrays": DEEP,
    "nested objects": '{"a":' * 5_000 + "1" + "}" * 5_000,
    "not JSON": "{'type': 'FeatureCollection'}",
}


def _write(tmp: Path, name: str, text: str) -> str:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _json_cases() -> Iterator[Case]:
    for label, text in BAD_JSON.items():
        klass = "malformed GeoJSON and JSON"
        yield Case(
            klass,
            f"ocop-geo validate (sites layer): {label}",
            lambda t, x=text: cli("validate", _write(t, "s.geojson", x), "--layer", "sites"),
        )
        yield Case(
            klass,
            f"ocop-geo candidates score: {label}",
            lambda t, x=text: cli("candidates", "score", _write(t, "c.geojson", x)),
        )
        yield Case(
            klass,
            f"candidate upload: {label}",
            lambda _t, x=text: read_candidates(x.encode(), "c.geojson"),
        )
        lined = line([["105.8", "21.0"], ["105.81", "21.0"]]) if "strings" in label else text
        yield Case(
            klass,
            f"booth street upload: {label}",
            lambda _t, x=lined: streets_from_geojson(x.encode(), "street.geojson"),
        )


# ------------------------------------------------------------------ files and arguments


def _file_cases() -> Iterator[Case]:
    klass = "a directory given as a file"
    yield Case(
        klass,
        "ocop-geo validate DIR.geojson",
        lambda t: cli("validate", str(_mkdir(t / "d.geojson")), "--layer", "sites"),
    )
    yield Case(
        klass,
        "ocop-geo candidates score DIR.csv",
        lambda t: cli("candidates", "score", str(_mkdir(t / "d.csv"))),
    )
    yield Case(
        klass,
        "ocop-geo registry import DIR.csv",
        lambda t: cli("registry", "import", str(_mkdir(t / "d.csv")), "--dry-run"),
    )
    yield Case(
        klass,
        "ocop-geo db restore DIR",
        lambda t: cli("db", "restore", str(_mkdir(t / "d.sqlite3"))),
    )
    klass = "non-UTF-8 bytes in arguments and files"
    bad = os.fsdecode(b"\xff\xfe")
    for args in (("route", bad, "van-phuc"), ("validate", f"{bad}.geojson"),
                 ("candidates", "score", f"{bad}.csv"), ("registry", "import", f"{bad}.csv"),
                 ("readiness", "--site", bad), ("users", "assign", bad, "bat-trang"),
                 ("registry", "import", "p.csv", "--by", bad)):  # fmt: skip
        yield Case(klass, "ocop-geo " + " ".join(a if a != bad else "\\xff\\xfe" for a in args),
                   lambda _t, a=args: cli(*a))  # fmt: skip
    latin = "name,lat,lon\nVân Hà,21.15,105.89\n".encode("cp1258", "replace")
    yield Case(klass, "candidate CSV in a Windows code page",
               lambda _t: read_candidates(latin, "c.csv"))  # fmt: skip
    yield Case(
        klass,
        "registry CSV in a Windows code page",
        lambda _t: read_registry(REGISTRY_CSV.encode("cp1258", "replace"), "p.csv"),
    )


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _output_cases() -> Iterator[Case]:
    klass = "-o FILE that is not a regular file"

    def fifo(p: Path) -> Path:
        os.mkfifo(p)
        return p

    def link(p: Path) -> Path:
        (p.parent / "target").write_text("kept", encoding="utf-8")
        p.symlink_to(p.parent / "target")
        return p

    def dangling(p: Path) -> Path:
        p.symlink_to(p.parent / "nowhere")
        return p

    for kind, make in (("FIFO", fifo), ("symlink", link), ("dangling symlink", dangling),
                       ("directory", _mkdir)):  # fmt: skip
        for command in (("route", "van-phuc", "bat-trang"), ("readiness", "--format", "csv")):
            yield Case(
                klass,
                f"ocop-geo {command[0]} -o {kind}",
                lambda t, c=command, m=make: cli(*c, "-o", str(m(t / "out"))),
            )


# ------------------------------------------------------------------ writes without the role


def _as(user_of: Callable[[Store], User], write: Callable[[Store, User], Any]) -> Callable:
    def run(tmp: Path) -> Any:
        store = db(tmp)
        save_import(store, name="Danh sách", source_filename="p.csv", sha256="ab" * 32,
                    imported_by="An", products=products(), actor=OPERATOR)  # fmt: skip
        return write(store, user_of(store))

    return run


def _editor(store: Store) -> User:
    add_user(store, "lan", role="editor", password=PASSWORD)
    found = get_account(store, "lan")
    assert found is not None
    return found.user


def _demoted(store: Store) -> User:
    user = _editor(store)
    set_role(store, "lan", "viewer")
    return user


WRITES = {
    "save a tour": lambda s, u: save_route(s, "T", TOUR, saved_by="x", actor=u),
    "save a candidate set": lambda s, u: save_set(s, "B", [SPOT], saved_by="x", actor=u),
    "import a registry": lambda s, u: save_import(s, name="N", source_filename="p.csv",
                                                  sha256="ab" * 32, imported_by="x",
                                                  products=products(), actor=u),
    "remove a registry import": lambda s, u: remove_import(s, 1, actor=u),
    "edit a checklist item": lambda s, u: update_item(s, "bat-trang", "signage", Change(note="x"),
                                                      expected_version=0, by="x", actor=u,
                                                      known_items=KNOWN),
}  # fmt: skip


def _role_cases() -> Iterator[Case]:
    klass = "writes without the right role"
    for label, write in WRITES.items():
        yield Case(klass, f"anonymous: {label}", _as(lambda _s: VIEWER, write))
        yield Case(klass, f"demoted editor: {label}", _as(_demoted, write))
    yield Case(klass, "editor: import a registry", _as(_editor, WRITES["import a registry"]))
    yield Case(
        klass, "editor: edit a site not assigned", _as(_editor, WRITES["edit a checklist item"])
    )


_ = ForbiddenError  # a StoreError: refused writes count as clean errors


def cases() -> list[Case]:
    """Every case, by class."""
    return [*_text_cases(), *_evidence_cases(), *_spreadsheet_cases(), *_json_cases(),
            *_file_cases(), *_output_cases(), *_role_cases()]  # fmt: skip


def tally(results: list[tuple[Case, str]]) -> dict[str, dict[str, int]]:
    """Counts per class: tried, refused, accepted, traceback."""
    table: dict[str, dict[str, int]] = {}
    for case, result in results:
        row = table.setdefault(case.klass, {"tried": 0, "refused": 0, "accepted": 0,
                                            "traceback": 0})  # fmt: skip
        row["tried"] += 1
        row[result] += 1
    return table


def main_table() -> None:  # pragma: no cover - prints the figures for docs/security.md
    import tempfile

    results = []
    for case in cases():
        with tempfile.TemporaryDirectory() as tmp:
            results.append((case, outcome(case, Path(tmp))))
    print("| class of bad input | tried | refused cleanly | wrongly accepted | tracebacks |")
    print("|---|---:|---:|---:|---:|")
    table = tally(results)
    for klass, row in table.items():
        print(f"| {klass} | {row['tried']} | {row['refused']} | {row['accepted']} | "
              f"{row['traceback']} |")  # fmt: skip
    total = {k: sum(r[k] for r in table.values()) for k in ("tried", "refused", "accepted",
                                                              "traceback")}  # fmt: skip
    print(f"| **all** | {total['tried']} | {total['refused']} | {total['accepted']} | "
          f"{total['traceback']} |")  # fmt: skip
    for case, result in results:
        if result != "refused":
            print(f"{result}: {case.klass}: {case.label}")
    print()
    print("| property (Hypothesis) | examples | a value | a clean error | tracebacks |")
    print("|---|---:|---:|---:|---:|")
    for name, counts in property_counts().items():
        print(f"| {name} | {sum(counts.values())} | {counts['value']} | {counts['clean']} | "
              f"{counts['traceback']} |")  # fmt: skip


def property_counts() -> dict[str, dict[str, int]]:  # pragma: no cover - for main_table
    """Run each property of tests/test_properties.py as the suite does and count its examples:
    a value, a clean error, or anything else (a traceback)."""
    from tests.test_properties import PROPERTIES

    found: dict[str, dict[str, int]] = {}
    for name, (strategy, check) in PROPERTIES.items():
        found[name] = {"value": 0, "clean": 0, "traceback": 0}
        _count(strategy, check, found[name])
    return found


def _count(strategy: Any, check: Callable[[Any], str], counts: dict[str, int]) -> None:
    from hypothesis import given

    from tests.test_properties import SETTINGS

    @SETTINGS
    @given(strategy)
    def run(value: Any) -> None:
        try:
            counts[check(value)] += 1
        except Exception:
            counts["traceback"] += 1

    run()


if __name__ == "__main__":
    main_table()
