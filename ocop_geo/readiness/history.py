"""A change-history line as people read it: the fields' labels, status words, dates and times in
the page's language (times in Hanoi time), the evidence as a working link.

The line is Markdown: every text from the database is escaped, the evidence URL (checked by
:func:`~ocop_geo.text.safe_url`) is a link target left as it is — escaping a URL breaks it
(``dantocmiennui\\.vn`` becomes ``%5C`` in the address).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from ocop_geo.i18n import date, known, moment, t
from ocop_geo.readiness.records import AuditEntry
from ocop_geo.text import escape_markdown, safe_url

#: The label of each field a write can change.
LABELS = {
    "status": "ready.field.status",
    "note": "ready.field.note",
    "evidence_url": "ready.col.evidence",
    "evidence_date": "ready.field.date",
}


def value_markdown(field: str, value: Any, lang: str) -> str:
    """One old or new value: "—" when empty, a status word, a date, a link, or quoted text."""
    if value is None or value == "":
        return "—"
    text = str(value)
    if field == "status" and known(f"ready.status.{text}"):
        return escape_markdown(t(f"ready.status.{text}", lang))
    if field == "evidence_date":
        try:
            return escape_markdown(date(text, lang))
        except ValueError:
            return escape_markdown(text)
    url = safe_url(text) if field == "evidence_url" else None
    if url:
        return f"[{escape_markdown(urlparse(url).netloc)}]({url})"
    return escape_markdown(f"“{text}”")


def changes_markdown(entry: AuditEntry, lang: str) -> str:
    """``Status: unknown → done; Evidence: — → [site.vn](https://site.vn/…)``."""
    return "; ".join(
        f"{escape_markdown(t(LABELS[k], lang) if k in LABELS else k)}: "
        f"{value_markdown(k, old, lang)} → {value_markdown(k, new, lang)}"
        for k, (old, new) in entry.changes.items()
    )


def history_line(entry: AuditEntry, item: str, lang: str) -> str:
    """The Markdown line of one write to ``item`` (its name in ``lang``)."""
    return t(
        "ready.history_line",
        lang,
        when=escape_markdown(moment(entry.changed_at, lang)),
        who=escape_markdown(entry.changed_by),
        item=escape_markdown(item),
        changes=changes_markdown(entry, lang),
        version=entry.version_after,
    )
