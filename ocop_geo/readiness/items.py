"""The vocabulary of the readiness checklist: criteria and milestones, their sources, each
site's plan and known outcomes (read from ``data/criteria.yaml`` by :mod:`.criteria`)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from ocop_geo.i18n import Message, MessageError

#: Criterion groups: the MOIT criteria's location and product groups, and the facilities.
GROUPS = ("location", "products", "facilities")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Source:
    """A legal or documentary source: its number (and date) and where to read it."""

    document: str
    url: str


@dataclass(frozen=True)
class Item:
    """A checklist item: a criterion (``kind="criterion"``) or a planned milestone.

    ``planned_start``/``planned_end`` (milestones only) are the first day of the start month and
    the last day of the end month.
    """

    id: str
    kind: str
    title_vi: str
    title_en: str
    sources: tuple[Source, ...]
    confidence: str
    verified: bool
    group: str | None = None
    detail_vi: str | None = None
    detail_en: str | None = None
    planned_start: date | None = None
    planned_end: date | None = None

    def title(self, lang: str) -> str:
        """The title in ``lang`` (``vi`` or ``en``)."""
        return self.title_en if lang == "en" else self.title_vi

    def detail(self, lang: str) -> str | None:
        """The longer explanation in ``lang``, if any."""
        return self.detail_en if lang == "en" else self.detail_vi


@dataclass(frozen=True)
class SitePlan:
    """Whether a site has the checklist; when not, why (both languages)."""

    site_id: str
    checklist: bool
    reason_vi: str | None = None
    reason_en: str | None = None

    def reason(self, lang: str) -> str | None:
        """Why the site has no checklist, in ``lang``."""
        return self.reason_en if lang == "en" else self.reason_vi


@dataclass(frozen=True)
class KnownOutcome:
    """A known outcome (``seeds:``) written as evidence by ``store.seed_evidence``."""

    site_id: str
    item_id: str
    status: str
    note: str
    evidence_url: str | None
    evidence_date: date | None
    confidence: str

    def as_seed(self) -> tuple[str, str, str, str, str | None, date | None]:
        """The seed tuple ``store.seed_evidence`` takes."""
        return (self.site_id, self.item_id, self.status, self.note, self.evidence_url,
                self.evidence_date)  # fmt: skip


class DateTextError(MessageError, ValueError):
    """A day or a month not written as asked (``YYYY-MM-DD``, ``YYYY-MM``)."""


def month_bounds(value: str) -> tuple[date, date]:
    """First and last day of the month ``YYYY-MM``; DateTextError (a ValueError) otherwise."""
    match = _MONTH.match(value)
    if not match or not 1 <= int(match[2]) <= 12:
        raise DateTextError(Message("ready.error.month", value=repr(value)))
    year, month = int(match[1]), int(match[2])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
