"""The picture briefing: the one-page summary with the map, the bars and the most overdue plan
tasks; the site pages with their locator map, milestones and clickable evidence links; the same
pictures in the workbook; Vietnamese in every picture."""

from __future__ import annotations

import io
import warnings
from datetime import date

import openpyxl
import pandas as pd
import pypdf
import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.text import Text

from ocop_geo.config import Settings
from ocop_geo.readiness import briefing, briefing_charts, briefing_maps, export, report
from ocop_geo.readiness import briefing_figures as figs
from ocop_geo.readiness.late_tasks import LateTask, most_overdue
from tests.stores import seeded_readiness

DAY = date(2020, 10, 15)


def late_task(number: int, title: str, lead: str, end: date) -> LateTask:
    return LateTask(number, title, lead, end, (DAY - end).days)


#: Four tasks of the KH 100/KH-UBND appendix (TT, task, period's last day, lead agency) that
#: ended before 15/10/2020, as the plan package would pass them (a fixture: none is marked done).
LATE = [
    late_task(5, "Tổ chức khảo sát, lựa chọn các điểm giới thiệu và bán sản phẩm OCOP",
              "Sở Công Thương", date(2020, 6, 30)),
    late_task(10, "Điều tra, khảo sát, đánh giá thực trạng, thu thập thông tin xây dựng Đề án",
              "Sở Nông nghiệp và Phát triển nông thôn", date(2020, 7, 31)),
    late_task(8, "Tổ chức các lớp tập huấn, bồi dưỡng nâng cao năng lực về văn hóa, du lịch",
              "Sở Công Thương", date(2020, 8, 31)),
    late_task(1, "Giới thiệu, quảng bá sản phẩm OCOP gắn với văn hóa miền núi phía Bắc",
              "Sở Nông nghiệp và Phát triển nông thôn", date(2020, 6, 30)),
]  # fmt: skip


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory):
    """The committed sites, criteria and boundary layers on a seeded SQLite database."""
    store, criteria, sites = seeded_readiness(tmp_path_factory.mktemp("db"))
    ids = [str(i) for i in sites.index]
    view = report.status_as_of(store, criteria, ids, DAY)
    yield view, criteria, ids, sites, report.load_geography(Settings(), sites)
    store.close()


@pytest.fixture(scope="module")
def picture_pdf(setup) -> pypdf.PdfReader:
    view, criteria, _, sites, geo = setup
    names = report.site_names(sites, "vi")
    data = briefing.briefing_pdf(view, criteria, names, "vi", geography=geo, late_tasks=LATE)
    return pypdf.PdfReader(io.BytesIO(data))


def text_of(page: pypdf.PageObject) -> str:
    return " ".join(page.extract_text().split())


def site_pages(
    reader: pypdf.PdfReader, heading: str, marker: str = "Vị trí"
) -> list[pypdf.PageObject]:
    """The pages from the one starting with ``heading`` up to the next site's (a page with the
    locator map's ``marker``)."""
    pages = list(reader.pages)
    start = next(n for n, p in enumerate(pages) if text_of(p).startswith(heading))
    end = next((n for n in range(start + 1, len(pages)) if marker in text_of(pages[n])),
               len(pages))  # fmt: skip
    return pages[start:end]


def test_the_summary_is_one_page_with_the_map_the_bars_and_the_late_tasks(picture_pdf) -> None:
    summary = text_of(picture_pdf.pages[0])
    for text in ("Tính đến 15/10/2020: 0/5 điểm sẵn sàng; 3/70 hạng mục xong",
                 "Bản đồ mức sẵn sàng", "Mức sẵn sàng theo điểm", "Điểm đã sẵn sàng",
                 "Nhiệm vụ trễ hạn", "© OpenStreetMap"):  # fmt: skip
        assert text in summary
    assert len(picture_pdf.pages[0].images) == 2  # the map and the bars
    # the three most overdue: 107 days (tasks 1 and 5, lower number first), then 76 days
    assert "1 Giới thiệu, quảng bá sản phẩm OCOP gắn với văn hóa miền núi phía Bắc" in summary
    assert summary.index("107 ngày") < summary.index("Tổ chức khảo sát") < summary.index("76 ngày")
    assert "Sở Nông nghiệp và Phát triển nông thôn" in summary
    assert "Tổ chức các lớp tập huấn" not in summary  # the fourth is only counted
    assert not text_of(picture_pdf.pages[1]).startswith("Mức độ")  # the summary did not spill


def test_each_site_has_its_page_with_locator_map_and_milestones(setup, picture_pdf) -> None:
    _, _, ids, sites, _ = setup
    names = report.site_names(sites, "vi")
    for site in ids:
        pages = site_pages(picture_pdf, names[site])
        assert "Vị trí" in text_of(pages[0])
        pictures = len(pages[0].images)
        if site == "dong-anh":  # no checklist, so no milestones: the locator map only
            assert pictures == 1
            assert "nhiệm vụ 10–15 của phụ lục KH 100" in text_of(pages[0])
        else:
            assert pictures == 2
            assert "Các mốc theo tháng của kế hoạch" in text_of(pages[0])


def test_evidence_links_are_clickable(picture_pdf) -> None:
    uris = []
    for page in site_pages(picture_pdf, "Bát Tràng"):
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(action["/URI"])
    products = (
        "https://dantocmiennui.vn/gioi-thieu-quang-ba-san-pham-ocop-tai-bat-trang-post296360.html"
    )
    assert products in uris
    assert any(u.startswith("https://kinhtedothi.vn/") for u in uris)
    assert "dantocmiennui.vn" in text_of(site_pages(picture_pdf, "Bát Tràng")[0])


def test_every_font_is_embedded(picture_pdf) -> None:
    fonts = {}
    for page in picture_pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"]] = "/FontFile2" in descriptor
    assert fonts
    assert all(fonts.values())


def test_the_english_briefing_is_small(setup) -> None:
    view, criteria, _, sites, geo = setup
    data = briefing.briefing_pdf(
        view, criteria, report.site_names(sites, "en"), "en", geography=geo
    )
    assert len(data) < 2_000_000
    english = pypdf.PdfReader(io.BytesIO(data))
    summary = text_of(english.pages[0])
    assert "Readiness map" in summary
    assert "“Plan timeline”" in summary  # no plan tasks given: where to find them
    assert "n/a" in summary
    bat_trang = " ".join(text_of(p) for p in site_pages(english, "Bat Trang", "Location"))
    assert "Products rated 3★ or more" in bat_trang  # the star from the symbols fallback


def test_no_late_task_is_said(setup) -> None:
    view, criteria, _, sites, geo = setup
    names = report.site_names(sites, "vi")
    data = briefing.briefing_pdf(view, criteria, names, "vi", geography=geo, late_tasks=[])
    summary = text_of(pypdf.PdfReader(io.BytesIO(data)).pages[0])
    assert "Tính đến 15/10/2020, không nhiệm vụ nào của kế hoạch trễ hạn." in summary


def test_most_overdue_first_and_ties_by_number() -> None:
    assert [t.number for t in most_overdue(LATE)] == [1, 5, 10]
    plain = [tuple(task) for task in LATE]  # what a caller without LateTask may pass
    assert most_overdue(plain) == most_overdue(LATE)
    assert most_overdue(plain)[0].lead == "Sở Nông nghiệp và Phát triển nông thôn"
    assert most_overdue([]) == []


def test_the_workbook_summary_carries_the_map_and_the_bars(setup) -> None:
    view, _, _, sites, geo = setup
    names = report.site_names(sites, "vi")
    book = openpyxl.load_workbook(
        io.BytesIO(briefing.workbook(view, names, [], "vi", pd.DataFrame(), geography=geo))
    )
    images = book["Tóm tắt"]._images
    assert len(images) == 2
    assert all(image._data()[:8] == b"\x89PNG\r\n\x1a\n" for image in images)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_picture_text_is_in_noto_sans_with_all_its_glyphs(setup, lang: str) -> None:
    view, _, _, sites, geo = setup
    geo = geo.projected()
    names = report.site_names(sites, lang)
    font = export.font_files()[0]
    glyphs = set(TTFont(font).getBestCmap())
    with warnings.catch_warnings(), figs.noto(font):
        warnings.simplefilter("error")  # Matplotlib warns of a glyph missing from the font
        pictures = [
            briefing_maps.hanoi_map(geo, view, names, lang, figs.MAP_SIZE),
            briefing_charts.readiness_bars(view, names, lang, figs.BARS_SIZE),
            briefing_maps.locator_map(geo, "bat-trang", lang, (60, 62)),
            briefing_charts.milestone_chart(view.site("bat-trang"), DAY, lang, (124, 56)),
        ]
        texts = []
        for fig in pictures:
            figs.png(fig)
            texts += [t for t in fig.findobj(Text) if t.get_text() and t.get_visible()]
    words = " ".join(t.get_text() for t in texts)
    expected = ("Bát Tràng", "Đường Lâm", "Phường/xã (2025): Xã Bát Tràng", "Lễ khai trương")
    for text in expected if lang == "vi" else ("Bat Trang", "Opening ceremony", "Ward/commune"):
        assert text in words
    for text in texts:
        assert font_manager.findfont(text.get_fontproperties()) == str(font)
        assert {ord(c) for c in text.get_text() if not c.isspace()} <= glyphs, text.get_text()
