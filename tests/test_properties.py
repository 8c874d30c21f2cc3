"""Property-based tests (Hypothesis): generated and mutated files fed to every reader and
validator, and generated text to the field checks. Each result must be a value or the reader's
own clean error — never another exception.

Each property is a (strategy, check) pair in :data:`PROPERTIES`; ``check`` returns ``"value"``
or ``"clean"`` and lets anything else escape. ``python -m tests.bad_inputs`` runs them too and
counts the examples for docs/security.md.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocop_geo.candidates.reader import CandidateError, read_candidates
from ocop_geo.database.named_rows import check_name
from ocop_geo.database.store import StoreError
from ocop_geo.events.booths import BoothError, streets_from_geojson
from ocop_geo.io import json_input
from ocop_geo.layers import validate
from ocop_geo.layers.schema import LAYERS
from ocop_geo.readiness import _checks
from ocop_geo.readiness._checks import ReadinessError
from ocop_geo.registry.reader import RegistryError, read_registry
from ocop_geo.text import text_problem, xml_safe
from tests.test_cli_candidates import GOOD as CANDIDATES_CSV
from tests.test_cli_registry import GOOD as REGISTRY_CSV

#: Examples per property (each run of the suite; the database is not involved).
EXAMPLES = 30
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same examples on every run: a failure is reproducible
    database=None,  # no .hypothesis/ folder: tests write only into their tmp_path
)


def _registry_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in REGISTRY_CSV.splitlines():
        sheet.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SITES_GEOJSON = (Path(__file__).resolve().parents[1] / "geo" / "sites.geojson").read_bytes()
STREET = json.dumps(
    {"type": "LineString", "coordinates": [[105.8243, 21.0669], [105.8262, 21.0672]]}
).encode()
SEEDS = {
    "registry.csv": REGISTRY_CSV.encode(),
    "registry.xlsx": _registry_xlsx(),
    "candidates.csv": CANDIDATES_CSV.encode(),
    "sites.geojson": SITES_GEOJSON,
    "street.geojson": STREET,
}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """``seed`` with 1–8 random edits: a byte changed, a run cut, bytes inserted, a run
    repeated."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["change", "cut", "insert", "repeat"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        size = draw(st.integers(1, 64))
        if op == "change" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[at : at + size]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        else:
            data[at:at] = data[at : at + size]
    return bytes(data)


#: JSON values of any shape (numbers, strings, booleans, null, lists, objects).
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=4),
    max_leaves=30,
)  # fmt: skip
#: GeoJSON-like documents: the right keys, anything as their values.
COORD = st.one_of(st.floats(-200, 200), st.text(max_size=6), st.booleans(), st.none(), JSON)
GEOMETRY = st.fixed_dictionaries({
    "type": st.sampled_from(["Point", "LineString", "Polygon", "MultiPolygon", "Nope"]) | JSON,
    "coordinates": st.lists(COORD, max_size=3) | st.lists(st.lists(COORD, max_size=3),
                                                          max_size=3) | JSON,
})  # fmt: skip
FEATURE = st.fixed_dictionaries({
    "type": st.just("Feature") | JSON,
    "properties": st.dictionaries(st.sampled_from(["id", "name", "name_vi", "kind", "tên"]),
                                  JSON, max_size=4) | JSON,
    "geometry": GEOMETRY | JSON,
})  # fmt: skip
GEOJSON = st.fixed_dictionaries(
    {"type": st.just("FeatureCollection"), "features": st.lists(FEATURE, max_size=4)}
).map(json.dumps)
CELL = st.text(max_size=12)
CSV_TEXT = st.lists(st.lists(CELL, max_size=12), max_size=12).map(
    lambda rows: "\n".join(",".join(json.dumps(c) if "," in c else c for c in r) for r in rows)
)


def _clean(call: Callable[[], Any], errors: tuple[type[BaseException], ...]) -> str:
    try:
        call()
    except errors:
        return "clean"
    return "value"


def _layer(text: str) -> str:
    """The layer checks the CLI and the app run on a sites file."""
    spec = LAYERS["sites"]
    features, problems = validate.parse_document(Path("sites.geojson"), text)
    problems += validate.check_schema(spec, features, "sites.geojson")
    problems += validate.check_geometry(spec, features, "sites.geojson", None)
    return "clean" if problems else "value"


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "replace")


#: name → (strategy, check). Every check returns "value" or "clean".
PROPERTIES: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], str]]] = {
    "registry CSV, generated": (
        CSV_TEXT, lambda t: _clean(lambda: read_registry(t.encode(), "p.csv"), (RegistryError,))),
    "registry CSV, mutated": (
        mutated(SEEDS["registry.csv"]),
        lambda b: _clean(lambda: read_registry(b, "p.csv"), (RegistryError,))),
    "registry .xlsx, mutated": (
        mutated(SEEDS["registry.xlsx"]),
        lambda b: _clean(lambda: read_registry(b, "p.xlsx"), (RegistryError,))),
    "candidate CSV, generated": (
        CSV_TEXT, lambda t: _clean(lambda: read_candidates(t.encode(), "c.csv"),
                                   (CandidateError,))),
    "candidate CSV, mutated": (
        mutated(SEEDS["candidates.csv"]),
        lambda b: _clean(lambda: read_candidates(b, "c.csv"), (CandidateError,))),
    "candidate GeoJSON, generated": (
        GEOJSON, lambda t: _clean(lambda: read_candidates(t.encode(), "c.geojson"),
                                  (CandidateError,))),
    "candidate GeoJSON, mutated": (
        mutated(SEEDS["sites.geojson"]),
        lambda b: _clean(lambda: read_candidates(b, "c.geojson"), (CandidateError,))),
    "layer validation (sites), generated": (GEOJSON, _layer),
    "layer validation (sites), mutated": (mutated(SEEDS["sites.geojson"]),
                                          lambda b: _layer(_decode(b))),
    "booth street GeoJSON, generated": (
        GEOJSON, lambda t: _clean(lambda: streets_from_geojson(t, "s.geojson"), (BoothError,))),
    "booth street GeoJSON, mutated": (
        mutated(SEEDS["street.geojson"]),
        lambda b: _clean(lambda: streets_from_geojson(b, "s.geojson"), (BoothError,))),
    "JSON of any shape": (
        JSON.map(json.dumps) | st.text(max_size=40),
        lambda t: _clean(lambda: json_input.loads(t), (json_input.JSONInputError,))),
    "names (tours, sets, imports, --by)": (
        st.text(max_size=140), lambda t: _clean(lambda: check_name("name", t), (StoreError,))),
    "checklist note": (st.text(max_size=80),
                       lambda t: _clean(lambda: _checks.check_note(t), (ReadinessError,))),
    "evidence URL": (
        st.text(max_size=40) | st.from_regex(r"https?://[^\s]{0,30}", fullmatch=True),
        lambda t: _clean(lambda: _checks.check_url(t), (ReadinessError,))),
    "evidence date": (
        st.text(max_size=12) | st.dates().map(date.isoformat) | JSON,
        lambda v: _clean(lambda: _checks.check_date(v), (ReadinessError,))),
}  # fmt: skip


@pytest.mark.parametrize("name", list(PROPERTIES))
def test_every_result_is_a_value_or_a_clean_error(name: str) -> None:
    strategy, check = PROPERTIES[name]

    @SETTINGS
    @given(strategy)
    def run(value: Any) -> None:
        assert check(value) in ("value", "clean")

    run()


@SETTINGS
@given(st.text())
def test_text_a_field_accepts_is_xml_and_utf8_safe(text: str) -> None:
    if text_problem(text) is None:
        text.encode("utf-8")  # PostgreSQL and every export can hold it
        assert xml_safe(text) == text
    else:
        assert xml_safe(text) != text


@SETTINGS
@given(st.text(max_size=40))
def test_an_accepted_evidence_url_has_a_host_and_no_credentials(text: str) -> None:
    try:
        url = _checks.check_url(text)
    except ReadinessError:
        return
    if url is not None:
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        assert parts.scheme in ("http", "https")
        assert parts.hostname
        assert "@" not in parts.netloc
