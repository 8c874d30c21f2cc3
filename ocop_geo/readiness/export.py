"""Readiness downloads: an Excel workbook of the checklists and audit log, a PDF briefing.

Both take an :class:`~ocop_geo.readiness.status.Overview` (the status as of a day) and return
bytes; nothing here touches Streamlit. The PDF embeds Noto Sans (Debian's ``fonts-noto-core``)
so that Vietnamese diacritics render and can be searched and copied.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from ocop_geo import i18n
from ocop_geo.i18n import Message, MessageError, moment, t
from ocop_geo.io.writers import tables_xlsx
from ocop_geo.readiness.records import AuditEntry
from ocop_geo.readiness.status import DONE_LATER, ItemStatus, Overview, SiteReadiness
from ocop_geo.readiness.summary_sheet import summary_frame
from ocop_geo.text import safe_url

#: The columns of :func:`checklist_rows`, in order; each one's heading is ``ready.col.<column>``.
ROW_COLUMNS = ("item", "status", "note", "evidence", "evidence_date", "by", "when", "source")
#: Sheet names of the workbook (i18n keys: the names follow the chosen language).
SHEETS = ("ready.sheet.summary", "ready.sheet.checklists", "ready.sheet.audit", "plan.sheet")
#: Folders searched for NotoSans-Regular.ttf and NotoSans-Bold.ttf, in order.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/noto"),
    Path("/usr/local/share/fonts/noto"),
    Path("/usr/share/fonts/google-noto"),
)
FONT_PACKAGE = "fonts-noto-core"


class FontMissingError(MessageError, RuntimeError):
    """Noto Sans is not installed, so no PDF with Vietnamese text can be made."""


def day_text(day: object, lang: str) -> str:
    """A ``date`` as ``d/m/yyyy`` (vi) or ``d Mon yyyy`` (en); empty for None."""
    return "" if day is None else i18n.date(day.isoformat(), lang)  # type: ignore[attr-defined]


def share_text(site: SiteReadiness, lang: str) -> str:
    """Readiness as a whole percentage, or "no checklist"."""
    if site.share is None:
        return t("ready.no_share", lang)
    return t("ready.percent", lang, p=round(site.share * 100))


def status_text(status: ItemStatus, lang: str) -> str:
    """The as-of status in words ("not yet (done 8 Oct 2020)" for one done after the day)."""
    if status.as_of == DONE_LATER:
        return t("ready.status.done_later", lang, date=day_text(status.done_date, lang))
    return t(f"ready.status.{status.as_of}", lang)


def item_title(status: ItemStatus, lang: str) -> str:
    """The item's title with its badges: "not verified", "late", the planned months."""
    item = status.item
    badges = [t("ready.unverified", lang)] if not item.verified else []
    if status.late:
        badges.append(t("ready.late", lang))
    if item.planned_start and item.planned_end:
        start, end = f"{item.planned_start:%m/%Y}", f"{item.planned_end:%m/%Y}"
        badges.append(t("ready.planned", lang, start=start, end=end))
    return item.title(lang) + "".join(f" · {b}" for b in badges)


def sources_text(status: ItemStatus) -> str:
    """The item's source documents, ``" ; "``-separated."""
    return " ; ".join(src.document for src in status.item.sources)


def checklist_rows(site: SiteReadiness, lang: str) -> list[dict[str, str | None]]:
    """The site's checklist as people read it (the page's table, the PDF's): one row per item,
    keyed by :data:`ROW_COLUMNS`, as of the overview's day.

    ``evidence`` is the evidence URL when it is safe to link (else None); ``when`` the last
    change in Hanoi time (:func:`~ocop_geo.i18n.moment`). Text from the database is returned as is.
    """
    rows = []
    for s in site.items:
        state, when = s.state, s.state.updated_at
        rows.append({
            "item": item_title(s, lang), "status": status_text(s, lang), "note": state.note,
            "evidence": safe_url(state.evidence_url),
            "evidence_date": day_text(state.evidence_date, lang), "by": state.updated_by or "",
            "when": moment(when, lang) if when else "", "source": sources_text(s),
        })  # fmt: skip
    return rows


def checklist_frame(view: Overview, names: Mapping[str, str], lang: str) -> pd.DataFrame:
    """One row per site × item as of ``view.as_of`` (a site without a checklist: one row, why).

    ``updated_at`` is ISO 8601 in UTC; dates are ISO ``YYYY-MM-DD``.
    """
    rows = []
    for site in view.sites:
        base = {"site_id": site.site_id, "site": names.get(site.site_id, site.site_id)}
        if not site.checklist:
            rows.append({**base, "status_as_of": t("ready.no_share", lang)})
        for s in site.items:
            item, state = s.item, s.state
            rows.append({
                **base, "item_id": item.id, "item": item.title(lang), "kind": item.kind,
                "verified": item.verified, "confidence": item.confidence,
                "status": state.status, "status_as_of": status_text(s, lang),
                "done_as_of": s.done, "late": s.late,
                "planned_start": iso(item.planned_start), "planned_end": iso(item.planned_end),
                "evidence_date": iso(state.evidence_date), "evidence_url": state.evidence_url,
                "note": state.note, "updated_by": state.updated_by,
                "updated_at": iso(state.updated_at), "version": state.version,
                "source": sources_text(s),
                "source_url": " ; ".join(src.url for src in item.sources),
            })  # fmt: skip
    return pd.DataFrame(rows).assign(as_of=view.as_of.isoformat())


def audit_frame(entries: Sequence[AuditEntry]) -> pd.DataFrame:
    """The audit log, one row per write, with the changed fields as ``field: old → new``."""
    rows = [
        {
            "id": e.id, "site_id": e.site_id, "item_id": e.item_id, "changed_by": e.changed_by,
            "changed_at": iso(e.changed_at), "version_after": e.version_after,
            "changes": changes_text(e),
        }
        for e in entries
    ]  # fmt: skip
    columns = ["id", "site_id", "item_id", "changed_by", "changed_at", "version_after", "changes"]
    return pd.DataFrame(rows, columns=columns)


def changes_text(entry: AuditEntry) -> str:
    """``status: unknown → done; note: '' → 'x'`` for one audit entry."""
    return "; ".join(f"{k}: {old!r} → {new!r}" for k, (old, new) in entry.changes.items())


def workbook(
    view: Overview,
    names: Mapping[str, str],
    audit: Sequence[AuditEntry],
    lang: str,
    plan_tasks: pd.DataFrame | None = None,
) -> bytes:
    """The .xlsx: a summary per site, checklists as of the day, the audit log and the plan's
    tasks as of the day (``plan_tasks``, headed in ``lang``: ``ocop_geo.plan.rows``; no sheet
    when None); sheet names in ``lang`` (:func:`sheet_names`); formula-safe (see
    :func:`ocop_geo.io.writers.defuse`); :func:`ocop_geo.readiness.briefing.workbook` adds the
    map and the bars to the summary."""
    frames = [summary_frame(view, names, lang), checklist_frame(view, names, lang),
              audit_frame(audit), plan_tasks]  # fmt: skip
    sheets = zip(sheet_names(lang), frames, strict=True)
    return tables_xlsx({name: f for name, f in sheets if f is not None}, index=False)


def sheet_names(lang: str) -> list[str]:
    """The workbook's sheet names in ``lang`` (summary, checklists, audit log, plan tasks)."""
    return [t(key, lang) for key in SHEETS]


def font_files(dirs: Sequence[Path] = FONT_DIRS) -> tuple[Path, Path]:
    """The regular and bold Noto Sans TTF files.

    Raises
    ------
    FontMissingError
        Neither is in any of ``dirs``; the message names the Debian package to install.
    """
    for folder in dirs:
        regular, bold = folder / "NotoSans-Regular.ttf", folder / "NotoSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    searched = ", ".join(str(d) for d in dirs)
    raise FontMissingError(Message("ready.error.font", dirs=searched, package=FONT_PACKAGE))


def iso(value: object) -> str | None:
    """A date or datetime as ISO 8601 text; None stays None (JSON null)."""
    return None if value is None else value.isoformat()  # type: ignore[attr-defined]
