"""The PDF briefing's layout with fpdf2 (private to :mod:`ocop_geo.readiness.export`).

A4 portrait, millimetres; Noto Sans embedded (subset) with its Unicode map, so the text can be
extracted again exactly (``pypdf`` in the tests).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ocop_geo.i18n import t
from ocop_geo.readiness.export import checklist_rows, day_text, share_text
from ocop_geo.readiness.status import Overview, SiteReadiness

FONT = "NotoSans"
#: Longest note printed in full (characters); a longer one is cut with "…".
NOTE_CHARS = 300


class Briefing:
    """A briefing under construction: :meth:`summary`, :meth:`site_page`, then :meth:`output`."""

    def __init__(self, fonts: tuple[Path, Path], lang: str) -> None:
        self.lang = lang
        self.pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.add_font(FONT, "", str(fonts[0]))
        self.pdf.add_font(FONT, "B", str(fonts[1]))
        self.pdf.set_title(t("ready.pdf_title", lang))
        self.pdf.set_creator("OCOP Geo")

    def _heading(self, text: str, size: float = 15) -> None:
        self.pdf.set_font(FONT, "B", size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(2)

    def _text(self, text: str, size: float = 10) -> None:
        self.pdf.set_font(FONT, "", size)
        self.pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.pdf.ln(1.5)

    def _table(self, widths: tuple[int, ...], header: list[str], rows: list[list[str]]) -> None:
        self.pdf.set_font(FONT, "", 8.5)
        with self.pdf.table(col_widths=widths, line_height=4.2, text_align="LEFT") as table:
            for cells in [header, *rows]:
                row = table.row()
                for text in cells:
                    row.cell(text)
        self.pdf.ln(2)

    def summary(self, view: Overview, names: Mapping[str, str]) -> None:
        """The first page: the figures, the rules, a table of sites, the plan tasks' absence."""
        lang = self.lang
        self.pdf.add_page()
        self._heading(t("ready.pdf_title", lang), 16)
        self._text(
            t(
                "ready.summary",
                lang,
                date=day_text(view.as_of, lang),
                ready=view.ready,
                sites=view.with_checklist,
                done=view.items_done,
                items=view.items_applicable,
                late=view.milestones_late,
            ),
            11,
        )
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

    def site_page(self, site: SiteReadiness, name: str, reason: str | None) -> None:
        """One page for ``site``: its readiness and checklist (or why it has none)."""
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
        if not site.checklist:
            self._text(reason or t("ready.no_share", lang))
            return
        cols = ("item", "status", "evidence_date", "note", "source")
        header = [t(f"ready.col.{c}", lang) for c in cols]
        rows = []
        for row in checklist_rows(site, lang):
            row["note"] = _cut(row["note"] or "")
            rows.append([row[c] or "" for c in cols])
        self._table((48, 30, 22, 50, 40), header, rows)

    def output(self) -> bytes:
        """The finished PDF."""
        return bytes(self.pdf.output())


def _cut(note: str) -> str:
    """``note``, cut at :data:`NOTE_CHARS` characters with "…"."""
    return note if len(note) <= NOTE_CHARS else note[:NOTE_CHARS] + "…"
