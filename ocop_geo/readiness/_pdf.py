"""The PDF briefing's layout with fpdf2 (private to :mod:`ocop_geo.readiness.briefing`).

A4 portrait, millimetres; Noto Sans embedded (subset) with its Unicode map, so the text can be
extracted again exactly (``pypdf`` in the tests).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from ocop_geo.i18n import t
from ocop_geo.readiness.export import checklist_rows, day_text, share_text
from ocop_geo.readiness.status import Overview, SiteReadiness

FONT = "NotoSans"
#: The fallback for symbols Noto Sans lacks (same Debian package, beside it).
SYMBOLS = "NotoSansSymbols2-Regular.ttf"
#: Longest note printed in full (characters); a longer one is cut with "…".
NOTE_CHARS = 300
#: How an evidence link looks in the checklist (blue, underlined).
LINK = FontFace(color=(31, 78, 153), emphasis="UNDERLINE")


class Briefing:
    """A briefing under construction: :meth:`summary`, :meth:`site_page`, then :meth:`output`."""

    def __init__(self, fonts: tuple[Path, Path], lang: str) -> None:
        self.lang, self.fonts = lang, fonts
        self.pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.add_font(FONT, "", str(fonts[0]))
        self.pdf.add_font(FONT, "B", str(fonts[1]))
        symbols = fonts[0].with_name(SYMBOLS)
        if symbols.is_file():  # "3★" in a criterion's title: Noto Sans has no ★
            self.pdf.add_font("NotoSansSymbols2", "", str(symbols))
            self.pdf.set_fallback_fonts(["NotoSansSymbols2"])
        self.pdf.set_title(t("ready.pdf_title", lang))
        self.pdf.set_creator("OCOP Geo")

    def font(self, style: str, size: float) -> None:
        """Noto Sans, ``style`` "" or "B", ``size`` in points."""
        self.pdf.set_font(FONT, style, size)

    def headline(self, view: Overview, size: float) -> None:
        """The day's figures in one sentence."""
        lang = self.lang
        self._text(t("ready.summary", lang, date=day_text(view.as_of, lang), ready=view.ready,
                     sites=view.with_checklist, done=view.items_done,
                     items=view.items_applicable, late=view.milestones_late), size)  # fmt: skip

    def _heading(self, text: str, size: float = 15) -> None:
        self.pdf.set_font(FONT, "B", size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(2)

    def _text(self, text: str, size: float = 10) -> None:
        self.pdf.set_font(FONT, "", size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(1.5)

    def _table(
        self,
        widths: tuple[int, ...],
        header: list[str],
        rows: list[list[str]],
        links: Mapping[tuple[int, int], str] | None = None,
    ) -> None:
        """A table; ``links`` maps (row, column) of ``rows`` to a URL that cell links to."""
        links = links or {}
        self.pdf.set_font(FONT, "", 8)
        with self.pdf.table(col_widths=widths, line_height=3.8, text_align="LEFT") as table:
            for r, cells in enumerate([header, *rows], start=-1):
                row = table.row()
                for c, text in enumerate(cells):
                    url = links.get((r, c))
                    row.cell(text, link=url, style=LINK if url else None)
        self.pdf.ln(2)

    def summary(self, view: Overview, names: Mapping[str, str]) -> None:
        """The first page, text only: the figures, the rules, a table of sites, the plan tasks'
        absence (the picture summary is :func:`._pdf_pictures.summary_page`)."""
        lang = self.lang
        self.pdf.add_page()
        self._heading(t("ready.pdf_title", lang), 16)
        self.headline(view, 11)
        self._text(t("ready.rules", lang), 8.5)
        header = [t(f"ready.col.{c}", lang) for c in ("site", "share", "done", "late")]
        rows = [
            [
                names.get(s.site_id, s.site_id),
                share_text(s, lang) + (f" — {t('ready.ready_badge', lang)}" if s.ready else ""),
                f"{s.done}/{s.applicable}" if s.checklist else "—",
                str(s.late) if s.checklist else "—",
            ]
            for s in view.sites
        ]
        self._table((70, 45, 35, 30), header, rows)
        self._text(t("ready.plan_tasks", lang), 8.5)

    def site_page(
        self,
        site: SiteReadiness,
        name: str,
        reason: str | None,
        band: Callable[[], None] | None = None,
    ) -> None:
        """One page for ``site``: its readiness, what ``band`` draws under the heading (its
        locator map and milestones), and its checklist with evidence links (or why it has
        none)."""
        lang = self.lang
        self.pdf.add_page()
        share = share_text(site, lang)
        self._heading(
            t(
                "ready.site_heading",
                lang,
                name=name,
                share=share,
                done=site.done,
                items=site.applicable,
            )
        )
        if band is not None:
            band()
        if not site.checklist:
            self._text(reason or t("ready.no_share", lang))
            return
        cols = ("item", "status", "evidence", "note", "source")
        header = [t(f"ready.col.{c}", lang) for c in cols]
        rows, links = [], {}
        for n, row in enumerate(checklist_rows(site, lang)):
            row["note"] = _cut(row["note"] or "")
            if row["evidence"]:
                links[n, 2] = row["evidence"]
            row["evidence"] = evidence_text(row["evidence"], row["evidence_date"])
            rows.append([row[c] or "" for c in cols])
        self._table((48, 28, 30, 48, 36), header, rows, links)

    def output(self) -> bytes:
        """The finished PDF."""
        return bytes(self.pdf.output())


def evidence_text(url: str | None, day: str | None) -> str:
    """The evidence cell: its date and the linked site's host name (``kinhtedothi.vn``)."""
    host = (urlsplit(url).hostname or "") if url else ""
    return "\n".join(p for p in (day, host.removeprefix("www.")) if p)


def _cut(note: str) -> str:
    """``note``, cut at :data:`NOTE_CHARS` characters with "…"."""
    return note if len(note) <= NOTE_CHARS else note[:NOTE_CHARS] + "…"
