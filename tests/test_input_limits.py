"""Input limits and hygiene, with the messages a user sees: control characters refused the same
way on SQLite and PostgreSQL, a spreadsheet bomb refused before parsing, RFC 4180 quoting,
evidence URLs with credentials and dates out of range, well-formed GPX/KML whatever the name."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.candidates.reader import read_candidates
from ocop_geo.cli.entry import main
from ocop_geo.database.store import Store, StoreError
from ocop_geo.readiness.store import Change, ReadinessError, load_item, update_item
from ocop_geo.registry.reader import MAX_CELLS, MAX_FIELDS, RegistryError, read_registry
from ocop_geo.routing.saved import save_route
from tests.bad_inputs import KNOWN, TOUR, one_row_of, rows_of, xlsx
from tests.test_cli_registry import GOOD as REGISTRY_CSV


def note(store: Store, text: str) -> object:
    return update_item(store, "bat-trang", "signage", Change(note=text), expected_version=0,
                       by="An", actor=OPERATOR, known_items=KNOWN)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Biển\x00đã lắp", "U+0000) at position 5"),
        ("Biển\x0bđã lắp", "U+000B) at position 5"),
        ("Biển\ud800", "lone surrogate (U+D800)"),
    ],
)
def test_a_note_with_a_control_character_is_refused_the_same_way_on_both_databases(
    store: Store, text: str, shown: str
) -> None:
    with pytest.raises(ReadinessError, match=r"^note contains a .*") as refused:
        note(store, text)
    assert shown in str(refused.value)
    assert load_item(store, "bat-trang", "signage").version == 0
    note(store, "Biển đã lắp\n\tở cổng\r\n")  # tab, LF and CR stay allowed


def test_a_tour_name_with_a_control_character_names_the_field(store: Store) -> None:
    with pytest.raises(StoreError, match=r"^name contains a control character \(U\+0001\)"):
        save_route(store, "Tour\x01", TOUR, saved_by="An", actor=OPERATOR)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://gov.vn@evil.example/bc", "must not hold a user name or password"),
        ("https://a:b@sct.hanoi.gov.vn/", "must not hold a user name or password"),
        ("https://sct.hanoi.gov.vn/\x7f", "control characters"),
    ],
)
def test_evidence_urls_with_credentials_are_refused(store: Store, url: str, message: str) -> None:
    with pytest.raises(ReadinessError, match=message):
        update_item(store, "bat-trang", "signage", Change(evidence_url=url), expected_version=0,
                    by="An", actor=OPERATOR, known_items=KNOWN)  # fmt: skip


@pytest.mark.parametrize("day", ["2018-12-31", "2036-01-01"])
def test_evidence_dates_outside_the_documented_range_are_refused(store: Store, day: str) -> None:
    with pytest.raises(ReadinessError, match="is not between 2019-01-01 and 2035-12-31"):
        update_item(store, "bat-trang", "signage", Change(evidence_date=day), expected_version=0,
                    by="An", actor=OPERATOR, known_items=KNOWN)  # fmt: skip


@pytest.mark.slow  # builds the 120 MB worksheet part in memory first
def test_a_small_xlsx_of_30_million_cells_is_refused_before_parsing() -> None:
    bomb = xlsx(one_row_of(30_000_000))  # the file
    assert len(bomb) < 200_000  # about 120 kB on the wire
    with pytest.raises(RegistryError, match=r"expands to 114\.4 MB; the limit is 100\.0 MB"):
        read_registry(bomb, "bomb.xlsx")


def test_a_row_too_wide_or_too_many_cells_are_refused_before_parsing() -> None:
    with pytest.raises(RegistryError, match=f"a row of the workbook has more than {MAX_FIELDS}"):
        read_registry(xlsx(one_row_of(MAX_FIELDS + 1)), "wide.xlsx")
    many = xlsx(rows_of(MAX_CELLS // 20 + 1, 20))
    with pytest.raises(RegistryError, match=f"more than {MAX_CELLS:,} cells; split it"):
        read_registry(many, "many.xlsx")


@pytest.mark.slow  # builds a 101 MB worksheet part in memory first
def test_an_xlsx_that_expands_beyond_the_limit_is_refused() -> None:
    big = xlsx(b"<worksheet>" + b" " * (101 << 20) + b"</worksheet>")
    with pytest.raises(RegistryError, match=r"expands to 101\.0 MB; the limit is 100\.0 MB"):
        read_registry(big, "big.xlsx")


def test_a_registry_cell_with_a_nul_names_row_and_column() -> None:
    data = REGISTRY_CSV.replace("Bát gốm men lam", "Bát\x00gốm", 1).encode()
    with pytest.raises(RegistryError) as refused:
        read_registry(data, "p.csv")
    assert str(refused.value) == (
        "p.csv: row 2, column 'product_name' (Tên sản phẩm): contains a control character "
        "(U+0000) at position 4"
    )


def test_doubled_quotes_follow_rfc_4180() -> None:
    text = 'name,lat,lon\n"Làng ""Cổ"", Đông Anh",21.11,105.87\n"Hai\ndòng",21.12,105.88\n'
    found = read_candidates(text.encode(), "c.csv")
    assert [c.name for c in found] == ['Làng "Cổ", Đông Anh', "Hai dòng"]
    data = REGISTRY_CSV.replace("Bát gốm men lam", '"Bát ""men lam"", gốm"', 1).encode()
    assert read_registry(data, "p.csv")["product_name"].iloc[0] == 'Bát "men lam", gốm'


@pytest.mark.parametrize("fmt", ["gpx", "kml"])
def test_route_name_with_a_control_character_is_refused_not_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"t.{fmt}"
    code = main(["route", "van-phuc", "bat-trang", "--format", fmt, "--name", "Tour\x01", "-o",
                 str(out)])  # fmt: skip
    assert code == 2
    assert "error: --name contains a control character (U+0001)" in capsys.readouterr().err
    assert not out.exists()


def test_gpx_and_kml_stay_well_formed_whatever_the_library_is_given() -> None:
    from ocop_geo.routing import gpx, kml
    from ocop_geo.routing.estimate import EstimateRouter
    from ocop_geo.routing.stops import load_stops
    from ocop_geo.routing.tour import plan_route, resolve_stops

    stops = resolve_stops(["van-phuc", "bat-trang"], load_stops())
    route = plan_route(stops, EstimateRouter())  # the default settings' estimate
    name = "Tour\x01\x0b\ud800"
    for document in (gpx.to_gpx(route, name=name), kml.to_kml(route, name=name)):
        assert "Tour\ufffd\ufffd\ufffd" in document.decode("utf-8")
        ET.fromstring(document)  # noqa: S314 - our own output: parses, so well-formed


def test_non_utf8_arguments_are_refused_before_anything_runs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["route", "van-phuc", "\udcff\udcfe"]) == 2
    assert capsys.readouterr().err == "error: argument 3 (\\udcff\\udcfe) is not UTF-8 text\n"


def test_a_stored_control_character_cannot_break_an_excel_export() -> None:
    import io

    import pandas as pd
    from openpyxl import load_workbook

    from ocop_geo.io.writers import table_xlsx

    frame = pd.DataFrame({"note": ["Biển\x00đã\x0blắp", "=1+1"]}, index=["bat-trang", "van-phuc"])
    sheet = load_workbook(io.BytesIO(table_xlsx(frame))).active
    assert [c.value for c in sheet["B"]][1:] == ["Biển\ufffdđã\ufffdlắp", "'=1+1"]
