"""Errors of settings, JSON input, data preparation, map assets and the command line's
arguments in the reader's language, with the same English as before."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from ocop_geo.cli.entry import _anchor, build_parser
from ocop_geo.config import Settings, SettingsError
from ocop_geo.i18n import MessageError, error_text
from ocop_geo.io.json_input import JSONInputError, loads
from ocop_geo.maps import assets
from ocop_geo.prepare.boundaries import PrepareError, read_district_figures


def test_a_bad_router_setting_names_the_variable() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"OCOP_ROUTER": "fast"})
    assert str(caught.value) == "OCOP_ROUTER='fast': expected one of auto, estimate, roads, osrm"
    assert error_text(caught.value, "vi") == (
        "OCOP_ROUTER='fast': phải là một trong các giá trị auto, estimate, roads, osrm"
    )
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"OCOP_DETOUR_FACTOR": "0.5"})
    assert error_text(caught.value, "vi") == (
        "OCOP_DETOUR_FACTOR='0.5': phải là một số ≥ 1 (quãng đường bộ / đường chim bay)"
    )


def test_malformed_json_says_where() -> None:
    with pytest.raises(JSONInputError) as caught:
        loads('{"a": 1,\n  }')
    assert str(caught.value).startswith("malformed JSON at line 2, column 3: ")
    assert error_text(caught.value, "vi").startswith("JSON sai cú pháp tại dòng 2, cột 3: ")
    with pytest.raises(JSONInputError) as caught:
        loads("[" * 40 + "]" * 40)
    assert (str(caught.value), error_text(caught.value, "vi")) == (
        "JSON nested more than 32 levels deep",
        "JSON lồng nhau sâu quá 32 cấp",
    )


def test_a_figure_given_twice_names_the_row(tmp_path: Path) -> None:
    header = "name_vi,figure,value,period,confidence,source"
    rows = [f"Thanh Oai,ocop_4star_2024,{n},2024,V,https://a.b" for n in (15, 16)]
    path = tmp_path / "district_ocop_figures.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    with pytest.raises(PrepareError) as caught:
        read_district_figures(path, {"Thanh Oai"})
    assert str(caught.value) == (
        "district_ocop_figures.csv: row 3: figure 'ocop_4star_2024' given twice for Thanh Oai"
    )
    assert error_text(caught.value, "vi") == (
        "district_ocop_figures.csv: dòng 3: chỉ số 'ocop_4star_2024' của Thanh Oai bị khai báo "
        "hai lần"
    )


def test_a_tarball_without_the_wanted_file(tmp_path: Path) -> None:
    tgz = tmp_path / "p.tgz"
    with tarfile.open(tgz, "w:gz") as tar:
        info = tarfile.TarInfo("package/dist/a.js")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"a"))
    with pytest.raises(assets.AssetFetchError) as caught:
        assets._extract(tgz, "demo@1.0.0", ["dist/b.js"], tmp_path / "out")
    assert str(caught.value) == "demo@1.0.0: not in the npm tarball: dist/b.js"
    assert error_text(caught.value, "vi") == "demo@1.0.0: không có trong gói nén npm: dist/b.js"


def test_a_bad_anchor_argument(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["db", "verify", "--anchor", "12:xyz"])
    assert (
        "'12:xyz' is not ID:HASH (a row id and a 64-digit hex SHA-256)" in capsys.readouterr().err
    )
    with pytest.raises(MessageError) as caught:
        _anchor("12:xyz")
    assert error_text(caught.value, "vi") == (
        "'12:xyz' không đúng dạng ID:HASH (mã dòng và mã băm SHA-256 gồm 64 chữ số hex)"
    )
