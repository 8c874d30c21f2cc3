"""``ocop-geo readiness``: what a leader's assistant sees on the command line (committed data)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pypdf
import pytest

from ocop_geo.cli.entry import main


@pytest.fixture(autouse=True)
def _database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh SQLite database per test."""
    monkeypatch.setenv("OCOP_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["readiness", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_lists_every_site_and_counts_the_late_plan_tasks(capsys) -> None:
    code, out, err = run(capsys, "--as-of", "2020-10-08")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["site", "readiness", "done", "late", "ready"]
    assert lines[2].split() == ["Bát", "Tràng", "21%", "3/14", "2", "False"]
    assert lines[6].startswith("Đông Anh")
    assert lines[-1] == "plan tasks late: 6 (ocop-geo plan lists the 15 tasks)"
    assert (
        "as of 2020-10-08: 0/5 sites ready, 3/70 items done, 10 milestones late, 6 plan tasks late"
    ) in err


def test_json_replays_bat_trang_around_its_opening(capsys) -> None:
    def opening(day: str) -> dict:
        code, out, err = run(capsys, "--as-of", day, "--site", "bat-trang", "--format", "json")
        assert code == 0, err
        (site,) = json.loads(out)["sites"]
        return next(i for i in site["items"] if i["item_id"] == "opening")

    code, out, err = run(capsys, "--as-of", "2020-10-08", "--format", "json")
    assert code == 0, err
    tasks = json.loads(out)["plan_tasks"]
    assert [t["task"] for t in tasks] == list(range(1, 16))
    nine = tasks[8]
    assert (nine["planned_start"], nine["planned_end"], nine["late"]) == (
        "2020-09",
        "2020-10",
        False,
    )
    assert [p["site"] for p in nine["parts"] if p["done"]] == ["bat-trang"]  # one point of five
    assert [t["task"] for t in tasks if t["late"]] == [2, 3, 5, 8, 10, 11]
    before, after = opening("2020-10-07"), opening("2020-10-08")
    assert (before["done"], before["status_as_of"], before["status"]) == (
        False,
        "done_later",
        "done",
    )
    assert (after["done"], after["done_date"]) == (True, "2020-10-08")
    assert after["evidence_url"].startswith("https://kinhtedothi.vn/khai-truong")


def test_csv_has_a_row_per_site_and_item(capsys) -> None:
    code, out, _ = run(capsys, "--format", "csv", "--lang", "en", "--as-of", "2021-01-01")
    assert code == 0
    table = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(table) == 5 * 14 + 1
    late = {(r["site_id"], r["item_id"]) for r in table if r["late"] == "True"}
    assert ("sai-son", "opening") in late
    assert ("bat-trang", "opening") not in late


def test_xlsx_and_pdf_are_written_to_files(capsys, tmp_path: Path) -> None:
    book, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    assert run(capsys, "--format", "xlsx", "-o", str(book))[0] == 0
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == [
        "Tóm tắt", "Danh mục kiểm tra", "Nhật ký thay đổi", "Nhiệm vụ kế hoạch"
    ]  # fmt: skip
    assert len(workbook["Tóm tắt"]._images) == 2  # the map and the bars
    plan = list(workbook["Nhiệm vụ kế hoạch"].values)
    assert plan[0][:3] == ("TT", "Mục", "Nhiệm vụ")
    assert [row[0] for row in plan[1:]] == list(range(1, 16))
    assert run(capsys, "--format", "xlsx", "--lang", "en", "-o", str(book))[0] == 0
    english = openpyxl.load_workbook(book).sheetnames
    assert english == ["Summary", "Checklists", "Audit log", "Plan tasks"]
    args = ("--format", "pdf", "--site", "duong-lam", "--as-of", "2020-10-08", "-o", str(pdf))
    assert run(capsys, *args)[0] == 0
    pages = pypdf.PdfReader(pdf).pages
    assert len(pages) == 3  # the summary, Đường Lâm, the plan page
    assert "Bản đồ mức sẵn sàng" in pages[0].extract_text()
    assert len(pages[0].images) == 2
    assert "Đường Lâm" in pages[1].extract_text()
    assert len(pages[1].images) == 2  # its locator map and its milestones
    summary = " ".join(pages[0].extract_text().split())
    assert "Khảo sát, lựa chọn" in summary or "Tổ chức khảo sát" in summary  # most overdue
    plan_page = pages[2]  # the Gantt picture, then the late tasks by lead agency
    assert len(plan_page.images) == 1
    text = " ".join(plan_page.extract_text().split())
    assert "Nhiệm vụ trễ hạn theo đơn vị chủ trì — tính đến 8/10/2020" in text
    assert text.index("Sở Nông nghiệp và Phát triển nông thôn") < text.index("Sở Công Thương")
    assert "5. Tổ chức khảo sát, lựa chọn các điểm giới thiệu và bán sản phẩm OCOP" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "8/10/2020"], "error: --as-of '8/10/2020' is not a date written YYYY-MM-DD"),
        (["--as-of", "2020-02-30"], "error: --as-of '2020-02-30' is not a calendar day"),
        (["--site", "hoan-kiem"], "error: --site 'hoan-kiem' is not a site; known: van-phuc,"),
        (["--format", "xlsx"], "error: --format xlsx needs -o FILE"),
        (["--format", "pdf"], "error: --format pdf needs -o FILE"),
    ],
)
def test_usage_errors_exit_2_with_a_clear_message(capsys, args: list[str], message: str) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.startswith(message)


def test_an_unwritable_output_is_a_usage_error(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "--format", "csv", "-o", str(tmp_path / "missing" / "r.csv"))
    assert code == 2
    assert "error: cannot write" in err
