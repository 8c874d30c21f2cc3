"""Readiness downloads read back: the workbook with openpyxl, the PDF briefing with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pypdf
import pytest

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.readiness import briefing, export, report
from ocop_geo.readiness.records import Change
from ocop_geo.readiness.store import update_item
from tests.stores import seeded_readiness


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory):
    """The committed sites and criteria on a seeded SQLite database, plus one agency edit."""
    store, criteria, sites = seeded_readiness(tmp_path_factory.mktemp("db"))
    change = Change(status="in_progress", note='=HYPERLINK("http://x") biển đã đặt làm')
    update_item(store, "duong-lam", "signboard", change, expected_version=0, by="Sở Công Thương",
                actor=OPERATOR, known_items=criteria.known_items())  # fmt: skip
    yield store, criteria, [str(i) for i in sites.index], sites
    store.close()


def view_of(setup, day: date, lang: str = "vi"):
    store, criteria, ids, sites = setup
    return report.status_as_of(store, criteria, ids, day), report.site_names(sites, lang)


def rows(sheet) -> list[dict]:
    values = list(sheet.values)
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_workbook_has_the_summary_checklists_audit_log_and_plan_tasks_sheets(setup) -> None:
    store, _, ids, _ = setup
    view, names = view_of(setup, date(2020, 10, 7))
    plan = pd.DataFrame({"TT": [1], "Nhiệm vụ": ["Giới thiệu, quảng bá"]})
    data = export.workbook(view, names, report.audit_log(store, ids), "vi", plan)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "Tóm tắt",
        "Danh mục kiểm tra",
        "Nhật ký thay đổi",
        "Nhiệm vụ kế hoạch",
    ]
    summary = rows(book["Tóm tắt"])
    assert [r["Điểm"] for r in summary][-1] == "Tổng"
    bat_trang = next(r for r in summary if r["Điểm"] == "Bát Tràng")
    assert (bat_trang["Hạng mục đã xong"], bat_trang["Hạng mục áp dụng"]) == (0, 14)  # 7/10
    assert summary[-1]["Mốc trễ"] == sum(r["Mốc trễ"] for r in summary[:-1])
    assert book["Tóm tắt"]._images == []  # no geography given: no pictures
    checklist = rows(book["Danh mục kiểm tra"])
    assert len(checklist) == 5 * 14 + 1  # five pilots × 14 items, Đông Anh's one line
    opening = next(r for r in checklist if (r["site"], r["item_id"]) == ("Bát Tràng", "opening"))
    assert opening["status"] == "done"
    assert opening["status_as_of"] == "chưa xong (xong ngày 8/10/2020)"  # the day before
    assert opening["evidence_date"] == "2020-10-08"
    assert opening["source"] == "Kế hoạch 100/KH-UBND ngày 15/5/2020, Phụ lục dòng 9"
    dong_anh = next(r for r in checklist if r["site_id"] == "dong-anh")
    assert dong_anh["status_as_of"] == "không có danh mục"
    sign = next(r for r in checklist if (r["site_id"], r["item_id"]) == ("duong-lam", "signboard"))
    assert sign["note"].startswith("'=HYPERLINK")  # stays text in Excel
    assert sign["updated_by"] == "Sở Công Thương"
    audit = rows(book["Nhật ký thay đổi"])
    assert len(audit) == 6  # five seeds and the edit, newest first
    assert (audit[0]["changed_by"], audit[0]["item_id"]) == ("Sở Công Thương", "signboard")
    assert "status: 'unknown' → 'in_progress'" in audit[0]["changes"]
    assert rows(book["Nhiệm vụ kế hoạch"]) == [{"TT": 1, "Nhiệm vụ": "Giới thiệu, quảng bá"}]


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, lines joined by spaces (a table cell wraps where the PDF wraps it)."""
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_briefing_has_a_summary_and_one_page_per_site_with_diacritics(setup) -> None:
    _, criteria, ids, _ = setup
    view, names = view_of(setup, date(2020, 10, 8))
    pages = pdf_pages(briefing.briefing_pdf(view, criteria, names, "vi"))
    assert len(pages) == 1 + len(ids)
    summary = pages[0]
    assert "Mức độ sẵn sàng các điểm OCOP thí điểm" in summary
    for name in ("Vạn Phúc", "Bát Tràng", "Sài Sơn", "Đường Lâm"):
        assert name in summary
    assert "3/70 hạng mục xong" in summary
    assert "Tiến độ kế hoạch" in summary  # where the plan's tasks are
    for page, site in zip(pages[1:], ids, strict=True):
        assert names[site].split(" (")[0] in page
    bat_trang = pages[1 + ids.index("bat-trang")]
    assert "Bát Tràng — 21 % (3/14)" in bat_trang
    for text in ("Biển hiệu", "hoàn thành", "8/10/2020", "chưa xác minh", "QĐ 3041/QĐ-BCT"):
        assert text in bat_trang
    assert "nhiệm vụ 10–15 của phụ lục KH 100" in pages[1 + ids.index("dong-anh")]


def test_briefing_in_english(setup) -> None:
    _, criteria, ids, _ = setup
    view, names = view_of(setup, date(2020, 10, 7), "en")
    pages = pdf_pages(briefing.briefing_pdf(view, criteria, names, "en"))
    assert "Readiness of the pilot OCOP points" in pages[0]
    assert "not yet (done 8 Oct 2020)" in pages[1 + ids.index("bat-trang")]


def test_a_missing_font_names_the_package_to_install(tmp_path: Path) -> None:
    with pytest.raises(export.FontMissingError, match="fonts-noto-core"):
        export.font_files([tmp_path])


def test_checklist_rows_are_what_the_page_and_the_pdf_show(setup) -> None:
    view, _ = view_of(setup, date(2020, 10, 7))
    rows = {
        r["item"].split(" · ")[0]: r for r in export.checklist_rows(view.site("bat-trang"), "vi")
    }
    assert all(list(r) == list(export.ROW_COLUMNS) for r in rows.values())
    opening = rows["Lễ khai trương"]
    assert opening["item"] == "Lễ khai trương · kế hoạch 09/2020–10/2020"
    assert opening["status"] == "chưa xong (xong ngày 8/10/2020)"
    assert opening["evidence_date"] == "8/10/2020"
    assert opening["evidence"].startswith("https://kinhtedothi.vn/")
    assert opening["by"] == "seed"
    assert re.fullmatch(r"\d\d:\d\d \d{1,2}/\d{1,2}/\d{4}", opening["when"])  # Hanoi time, vi
    assert opening["source"] == "Kế hoạch 100/KH-UBND ngày 15/5/2020, Phụ lục dòng 9"
    sign = rows["Biển hiệu, biểu trưng theo mẫu QĐ 3041/QĐ-BCT"]
    assert sign["item"] == "Biển hiệu, biểu trưng theo mẫu QĐ 3041/QĐ-BCT"  # verified: no badge
    assert (sign["evidence"], sign["evidence_date"], sign["by"], sign["when"]) == (None, "", "", "")
    location = rows[next(k for k in rows if k.startswith("Vị trí thuộc"))]
    assert location["source"].count(" ; ") == 1  # two documents
    late, _ = view_of(setup, date(2021, 1, 1))
    (survey,) = [
        r
        for r in export.checklist_rows(late.site("van-phuc"), "en")
        if r["item"].startswith("Site survey")
    ]
    assert "· late ·" in survey["item"]
    assert export.checklist_rows(view.site("dong-anh"), "vi") == []


def test_day_text_of_no_day_is_empty() -> None:
    assert export.day_text(None, "vi") == ""
    assert export.day_text(date(2020, 10, 8), "en") == "8 Oct 2020"


def test_the_reason_a_site_has_no_checklist(setup) -> None:
    _, criteria, _, _ = setup
    assert "nhiệm vụ 10–15" in criteria.reason("dong-anh", "vi")
    assert "tasks 10–15" in criteria.reason("dong-anh", "en")
    assert criteria.reason("bat-trang", "vi") is None
    assert criteria.reason("nowhere", "en") is None


def test_site_names_fall_back_to_vietnamese(setup) -> None:
    sites = setup[3].copy()
    sites.loc["sai-son", "name_en"] = float("nan")
    sites.loc["bat-trang", "name_en"] = ""
    names = report.site_names(sites, "en")
    assert (names["sai-son"], names["bat-trang"]) == ("Sài Sơn", "Bát Tràng")
    assert names["van-phuc"] == "Van Phuc"
    assert report.site_names(sites, "vi")["van-phuc"].startswith("Vạn Phúc")
