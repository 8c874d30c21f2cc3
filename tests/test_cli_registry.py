"""``ocop-geo registry`` and ``ocop-geo db``: what a data officer sees on the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.database.store import head_revision

HEADER = (
    "Tên sản phẩm,Chủ thể,Số sao,Nhóm sản phẩm,Năm công nhận,Vĩ độ,Kinh độ,Xã/phường,Quận/huyện\n"
)
GOOD = HEADER + (
    "Bát gốm men lam,HTX Gốm Bát Tràng,4,Thủ công mỹ nghệ,2023,20.975953,105.912491,,\n"
    "Lụa tơ tằm,Cơ sở dệt A,3,Dệt may,2021,,,P. Vạn Phúc,Q. Hà Đông\n"
    "Miến dong,HTX So,4,Thực phẩm,2022,,,xa Sai Son,\n"
    "Trà sen,Hộ B,3,Đồ uống,2024,,,Xã Không Có,Huyện Không Có\n"
)


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"OCOP_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "-m", "ocop_geo.cli.entry", *args], capture_output=True, text=True,
        cwd=REPO_ROOT, env=env, check=False, timeout=120,
    )  # fmt: skip


@pytest.fixture
def good_csv(tmp_path: Path) -> Path:
    path = tmp_path / "ocop-2025.csv"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_dry_run_prints_every_row_with_its_units_and_stores_nothing(
    tmp_path: Path, good_csv: Path
) -> None:
    result = run(tmp_path, "registry", "import", str(good_csv), "--dry-run")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5  # header + 4 rows
    assert all(word in lines[1] for word in ("coordinates", "Xã Bát Tràng", "Gia Lâm"))
    # the old name as written, the 2025 unit and how it was matched
    assert all(w in lines[2] for w in ("P. Vạn Phúc", "Q. Hà Đông", "Phường Hà Đông", "old name"))
    assert all(w in lines[3] for w in ("xa Sai Son", "Xã Quốc Oai", "old name"))
    assert "unplaced" in lines[4]
    assert "4 rows: 1 coordinates, 2 ward, 0 district, 1 unplaced" in result.stderr
    assert "dry run: nothing stored" in result.stderr
    assert run(tmp_path, "registry", "list").stdout == ""


def test_geojson_output_to_a_file(tmp_path: Path, good_csv: Path) -> None:
    out = tmp_path / "placed.geojson"
    result = run(tmp_path, "registry", "import", str(good_csv), "--dry-run",
                 "--format", "geojson", "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["features"]) == 4
    assert doc["features"][0]["geometry"]["coordinates"] == [105.912491, 20.975953]
    assert doc["features"][3]["geometry"] is None


@pytest.mark.slow
def test_import_is_stored_with_who_and_can_be_listed_replaced_and_removed(
    tmp_path: Path, good_csv: Path
) -> None:
    first = run(tmp_path, "registry", "import", str(good_csv), "--by", "Nguyễn Văn A")
    assert first.returncode == 0, first.stderr
    assert "stored as import 1 ('ocop-2025', 4 rows)" in first.stderr
    listed = run(tmp_path, "registry", "list").stdout.split("\t")
    assert listed[1:5] == ["ocop-2025", "4 rows", "3 placed", "Nguyễn Văn A"]
    again = run(tmp_path, "registry", "import", str(good_csv), "--by", "B")
    assert again.returncode == 1
    assert "Nguyễn Văn A" in again.stderr  # who holds the name
    replaced = run(tmp_path, "registry", "import", str(good_csv), "--by", "B", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    [line] = run(tmp_path, "registry", "list").stdout.splitlines()
    assert "\tB\t" in line
    import_id = line.split("\t")[0]
    assert run(tmp_path, "registry", "remove", import_id).returncode == 0
    assert run(tmp_path, "registry", "list").stdout == ""
    missing = run(tmp_path, "registry", "remove", import_id)
    assert missing.returncode == 1
    assert missing.stderr.startswith("error:")


def test_bad_file_names_row_and_column_and_stores_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + "Bát gốm,HTX,6,Thủ công,2023,20.97,105.91,,\n"
        + "Lụa,Cơ sở,3,Dệt may,2021,105.77,20.97,,\n",
        encoding="utf-8",
    )
    result = run(tmp_path, "registry", "import", str(path), "--by", "A")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith("bad.csv: row 2, column 'stars' (Số sao):") for line in lines)
    assert any(line.startswith("bad.csv: row 3") and "swapped" in line for line in lines)
    assert lines[-1].endswith("nothing was imported.")
    assert run(tmp_path, "registry", "list").stdout == ""


def test_db_upgrade_backup_and_restore(tmp_path: Path, good_csv: Path) -> None:
    up = run(tmp_path, "db", "upgrade")
    assert up.returncode == 0
    assert up.stdout == f"database at revision {head_revision()}\n"
    assert run(tmp_path, "registry", "import", str(good_csv), "--by", "A").returncode == 0
    backup = tmp_path / "backup.sqlite3"
    assert run(tmp_path, "db", "backup", str(backup)).returncode == 0
    assert run(tmp_path, "registry", "remove", "1").returncode == 0
    restored = run(tmp_path, "db", "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "ocop-2025" in run(tmp_path, "registry", "list").stdout


@pytest.mark.parametrize("args", [["registry", "list"], ["registry", "remove", "1"]])
def test_a_database_that_cannot_be_opened_is_a_message_not_a_traceback(args: list[str]) -> None:
    env = os.environ | {"OCOP_DATABASE_URL": "mysql://ocop@127.0.0.1:9/nowhere"}
    result = subprocess.run(
        [sys.executable, "-m", "ocop_geo.cli.entry", *args], capture_output=True, text=True,
        cwd=REPO_ROOT, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_import_into_a_database_that_cannot_be_opened_exits_1(
    good_csv: Path, tmp_path: Path
) -> None:
    env = os.environ | {"OCOP_DATABASE_URL": "mysql://ocop@127.0.0.1:9/nowhere"}
    result = subprocess.run(
        [sys.executable, "-m", "ocop_geo.cli.entry", "registry", "import", str(good_csv), "-o",
         str(tmp_path / "placed.geojson")],
        capture_output=True, text=True, cwd=REPO_ROOT, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "error: " in result.stderr
    assert "Traceback" not in result.stderr
