"""The readiness checklist (``data/criteria.yaml``): criteria, milestones, sites and seeds.

:func:`load_criteria` reads the file and checks it completely before anything uses it: unknown
keys, missing or empty fields, months that are not ``YYYY-MM``, periods that end before they
start, duplicate ids, sources without a document or an http(s) URL, ``verified`` that disagrees
with the confidence label, seeds for an unknown site or item. Every problem names the file, the
item (``items[signboard]``) and the field; :class:`~ocop_geo.validate.DataError` lists them all.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from ocop_geo.validate import DataError, Problem

FILE = "criteria.yaml"
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


@dataclass(frozen=True)
class Criteria:
    """The whole checklist file, checked."""

    items: tuple[Item, ...]
    sites: dict[str, SitePlan]
    seeds: tuple[KnownOutcome, ...]

    @property
    def item_ids(self) -> frozenset[str]:
        """Every item and milestone id (the store's ``known_items``)."""
        return frozenset(i.id for i in self.items)

    def item(self, item_id: str) -> Item:
        """The item ``item_id`` (KeyError when there is none)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def items_for(self, site_id: str) -> tuple[Item, ...]:
        """The items that apply to ``site_id`` (none for a site without a checklist)."""
        plan = self.sites.get(site_id)
        return self.items if plan is not None and plan.checklist else ()

    @property
    def milestones(self) -> tuple[Item, ...]:
        """The milestones, in file order."""
        return tuple(i for i in self.items if i.kind == "milestone")

    def reason(self, site_id: str, lang: str) -> str | None:
        """Why ``site_id`` has no checklist, in ``lang`` (None when the file gives no reason)."""
        plan = self.sites.get(site_id)
        return plan.reason(lang) if plan is not None else None

    def known_items(self) -> dict[str, frozenset[str]]:
        """Each site's checklist item ids (``store.update_item``'s ``known_items``)."""
        return {s: frozenset(i.id for i in self.items_for(s)) for s in self.sites}


def load_criteria(path: Path, *, site_ids: Collection[str] | None = None) -> Criteria:
    """Read and check ``path`` (``data/criteria.yaml``).

    ``site_ids``, when given, are the sites of the catalogue: every site of the file must be one.
    Raises :class:`~ocop_geo.validate.DataError` listing every problem (file, item, field), also
    when the file is missing or is not YAML.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError([Problem(path.name, f"cannot read: {exc.strerror or exc}")]) from exc
    return parse_criteria(text, path.name, site_ids=site_ids)


def parse_criteria(
    text: str, name: str = FILE, *, site_ids: Collection[str] | None = None
) -> Criteria:
    """Parse and check the YAML ``text`` of the file ``name`` (see :func:`load_criteria`)."""
    from ocop_geo.readiness._criteria_check import check_document

    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, f"not valid YAML: {exc}")]) from exc
    items, sites, seeds, problems = check_document(doc, name, site_ids)
    if problems:
        raise DataError(problems)
    return Criteria(tuple(items), sites, tuple(seeds))


def month_bounds(value: str) -> tuple[date, date]:
    """First and last day of the month ``YYYY-MM``; ValueError for anything else."""
    match = _MONTH.match(value)
    if not match or not 1 <= int(match[2]) <= 12:
        msg = f"{value!r} is not a month written YYYY-MM"
        raise ValueError(msg)
    year, month = int(match[1]), int(match[2])
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
