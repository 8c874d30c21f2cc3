"""The checks of ``data/criteria.yaml`` (private to :mod:`ocop_geo.readiness.criteria`).

URLs, and the seeds' status, note and evidence, go through the very checks the store applies
when it writes them (:mod:`ocop_geo.readiness._checks`), so a file that passes here seeds.
Every problem is a :class:`~ocop_geo.layers.validate.Problem` whose field names the section, the
item
and the key, e.g. ``milestones[premises].planned_end``; all problems are collected, none stops
the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from ocop_geo.i18n import Message, MessageError
from ocop_geo.layers.schema import CONFIDENCE
from ocop_geo.layers.validate import Problem, not_one_of
from ocop_geo.readiness._checks import (
    ReadinessError,
    check_date,
    check_note,
    check_status,
    check_url,
)
from ocop_geo.readiness.items import GROUPS, Item, KnownOutcome, SitePlan, Source, month_bounds

_SOURCE_KEYS = {"document", "url"}
_COMMON = {"id", "title_vi", "title_en", "detail_vi", "detail_en", "sources", "confidence",
           "verified"}  # fmt: skip
_KEYS = {"items": _COMMON | {"group"}, "milestones": _COMMON | {"planned_start", "planned_end"}}
_OPTIONAL = {"detail_vi", "detail_en"}
_SITE_KEYS = {"checklist", "reason_vi", "reason_en"}
_SEED_KEYS = {"site", "item", "status", "evidence_date", "evidence_url", "note", "confidence"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MISSING = Message("data.problem.missing")
_MAPPING = Message("ready.problem.not_a_mapping")


def check_document(
    doc: Any, name: str, site_ids: Collection[str] | None
) -> tuple[list[Item], dict[str, SitePlan], list[KnownOutcome], list[Problem]]:
    """Items, site plans, known outcomes and the problems of the parsed YAML ``doc``."""
    check = _Check(name)
    if not isinstance(doc, dict):
        check.add("", Message("ready.problem.not_mapping"))
        return [], {}, [], check.problems
    check.keys("", doc, {"items", "milestones", "sites", "seeds"}, required=True)
    items: list[Item] = []
    seen: set[str] = set()
    for section, kind in (("items", "criterion"), ("milestones", "milestone")):
        for index, raw in enumerate(check.listing(section, doc.get(section)), start=1):
            item = check.item(section, kind, index, raw, seen)
            if item is not None:
                items.append(item)
    sites = check.sites(doc.get("sites"), site_ids)
    ids = {i.id for i in items}
    raw_seeds = check.listing("seeds", doc.get("seeds"))
    seeds = [check.seed(n, raw, sites, ids) for n, raw in enumerate(raw_seeds, start=1)]
    return items, sites, [s for s in seeds if s is not None], check.problems


class _Check:
    """Collects the problems of one file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def add(self, where: str, message: Message) -> None:
        self.problems.append(Problem(self.name, message, field=where or None))

    def keys(self, where: str, raw: dict, allowed: set[str], *, required: bool = False) -> None:
        prefix = f"{where}." if where else ""
        for key in sorted(set(raw) - allowed, key=str):
            expected = ", ".join(sorted(allowed))
            self.add(f"{prefix}{key}", Message("ready.problem.unknown_key", expected=expected))
        if required:
            for key in sorted(allowed - set(raw) - _OPTIONAL):
                self.add(f"{prefix}{key}", _MISSING)

    def listing(self, section: str, raw: Any) -> list[Any]:
        if not isinstance(raw, list):
            self.add(section, Message("ready.problem.not_list"))
            return []
        return raw

    def text(self, where: str, raw: dict, key: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.add(f"{where}.{key}", Message("ready.problem.not_text"))
            return None
        return value.strip()

    def url(self, where: str, value: Any, *, required: bool = False) -> str | None:
        """``value`` checked as the store checks an evidence URL (None when absent)."""
        if value is None:
            return None
        try:
            url = check_url(value)
        except ReadinessError as error:
            why = Message("ready.problem.bad_url", value=_shown(value), reason=_reason(error))
            self.add(where, why)
            return None
        if url is None and required:
            self.add(where, Message("ready.problem.empty_url", value=repr(value)))
        return url

    def checked(self, where: str, check: Callable[[Any], Any], value: Any) -> Any:
        """``check(value)``, or None with its refusal as a problem of ``where``."""
        try:
            return check(value)
        except ReadinessError as error:
            self.add(
                where, Message("ready.problem.refused", value=_shown(value), reason=_reason(error))
            )
            return None

    def item(self, section: str, kind: str, index: int, raw: Any, seen: set[str]) -> Item | None:
        if not isinstance(raw, dict):
            self.add(f"{section}[#{index}]", _MAPPING)
            return None
        ident = raw.get("id")
        where = f"{section}[{ident if isinstance(ident, str) else f'#{index}'}]"
        before = len(self.problems)
        self.keys(where, raw, _KEYS[section], required=True)
        if ident is not None and (not isinstance(ident, str) or not _ID.match(ident)):
            self.add(f"{where}.id", Message("ready.problem.slug", id=repr(ident)))
        elif ident in seen:
            self.add(f"{where}.id", Message("ready.problem.duplicate_id"))
        elif ident is not None:
            seen.add(ident)
        titles = [
            self.text(where, raw, k) for k in ("title_vi", "title_en", "detail_vi", "detail_en")
        ]
        sources = self.sources(f"{where}.sources", raw.get("sources"))
        confidence, verified = raw.get("confidence"), raw.get("verified")
        if "confidence" in raw and confidence not in CONFIDENCE:
            self.add(f"{where}.confidence", not_one_of(confidence, CONFIDENCE))
        if "verified" in raw and not isinstance(verified, bool):
            self.add(f"{where}.verified", Message("ready.problem.not_bool"))
        elif (
            isinstance(verified, bool)
            and confidence in CONFIDENCE
            and verified != (confidence == "V")
        ):
            self.add(
                f"{where}.verified",
                Message(
                    "ready.problem.verified",
                    value=str(confidence == "V").lower(),
                    confidence=confidence,
                ),
            )
        group, start, end = raw.get("group"), None, None
        if section == "items" and "group" in raw and group not in GROUPS:
            self.add(f"{where}.group", not_one_of(group, GROUPS))
        if section == "milestones":
            start, end = self.period(where, raw)
        if len(self.problems) > before:
            return None
        return Item(ident, kind, titles[0], titles[1], sources, confidence, verified, group,
                    titles[2], titles[3], start, end)  # fmt: skip

    def period(self, where: str, raw: dict) -> tuple[date | None, date | None]:
        bounds: list[date | None] = []
        for key, pick in (("planned_start", 0), ("planned_end", 1)):
            value = raw.get(key)
            try:
                bounds.append(month_bounds(value)[pick] if isinstance(value, str) else None)
            except ValueError as exc:
                why = exc.message if isinstance(exc, MessageError) else str(exc)
                self.add(f"{where}.{key}", why)
                bounds.append(None)
                continue
            if key in raw and not isinstance(value, str):
                self.add(f"{where}.{key}", Message("ready.problem.month_text", value=repr(value)))
        start, end = bounds
        if start and end and end < start:
            self.add(f"{where}.planned_end", Message("ready.problem.ends_before"))
        return start, end

    def sources(self, where: str, raw: Any) -> tuple[Source, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list) or not raw:
            self.add(where, Message("ready.problem.sources_list"))
            return ()
        found = []
        for n, source in enumerate(raw, start=1):
            at = f"{where}[{n}]"
            if not isinstance(source, dict):
                self.add(at, Message("ready.problem.source_mapping"))
                continue
            self.keys(at, source, _SOURCE_KEYS, required=True)
            document = self.text(at, source, "document")
            url = self.url(f"{at}.url", source.get("url"), required=True)
            if document and url:
                found.append(Source(document, url))
        return tuple(found)

    def sites(self, raw: Any, known: Collection[str] | None) -> dict[str, SitePlan]:
        if not isinstance(raw, dict) or not raw:
            self.add("sites", Message("ready.problem.sites_mapping"))
            return {}
        plans = {}
        for site, spec in raw.items():
            where = f"sites[{site}]"
            if known is not None and site not in known:
                self.add(
                    where, Message("ready.problem.unknown_site", known=", ".join(sorted(known)))
                )
            if not isinstance(spec, dict):
                self.add(where, _MAPPING)
                continue
            self.keys(where, spec, _SITE_KEYS)
            checklist = spec.get("checklist")
            if checklist not in ("all", "none"):
                self.add(
                    f"{where}.checklist", Message("ready.problem.checklist", value=repr(checklist))
                )
                continue
            reasons = [self.text(where, spec, k) for k in ("reason_vi", "reason_en")]
            if checklist == "none" and None in reasons:
                self.add(f"{where}.reason_vi", Message("ready.problem.no_reason"))
            plans[str(site)] = SitePlan(str(site), checklist == "all", *reasons)
        return plans

    def seed(
        self, n: int, raw: Any, sites: dict[str, SitePlan], items: set[str]
    ) -> KnownOutcome | None:
        where = f"seeds[#{n}]"
        if not isinstance(raw, dict):
            self.add(where, _MAPPING)
            return None
        where = f"seeds[{raw.get('site')}/{raw.get('item')}]"
        before = len(self.problems)
        self.keys(where, raw, _SEED_KEYS)
        for key in ("site", "item", "status", "note", "confidence"):
            if raw.get(key) in (None, ""):
                self.add(f"{where}.{key}", _MISSING)
        site, item = raw.get("site"), raw.get("item")
        if site is not None and site not in sites:
            self.add(f"{where}.site", Message("ready.problem.not_a_site"))
        elif site is not None and not sites[site].checklist:
            self.add(f"{where}.site", Message("ready.problem.no_checklist"))
        if item is not None and item not in items:
            self.add(f"{where}.item", Message("ready.problem.not_an_item"))
        status = raw.get("status")
        if status is not None:
            status = self.checked(f"{where}.status", check_status, status)
        if raw.get("confidence") is not None and raw["confidence"] not in CONFIDENCE:
            self.add(
                f"{where}.confidence",
                not_one_of(raw["confidence"], CONFIDENCE),
            )
        note = raw.get("note")
        if note is not None:
            note = self.checked(f"{where}.note", check_note, _seed_note(note))
        when = self.checked(f"{where}.evidence_date", check_date, raw.get("evidence_date"))
        url = self.url(f"{where}.evidence_url", raw.get("evidence_url"))
        if len(self.problems) > before:
            return None
        return KnownOutcome(site, item, status, note, url, when, raw["confidence"])


def _reason(error: ReadinessError) -> Message | str:
    """Why the store refused a value, without the field's name and value (a catalogue message
    when the refusal carries one, so the problem reads in the reader's language)."""
    reason = error.message.params.get("reason") if isinstance(error.message, Message) else None
    return reason if isinstance(reason, Message) else error.reason


def _seed_note(note: Any) -> str:
    """A seed's note as it is stored: text stripped (YAML may read ``note: 3`` as a number)."""
    return (note if isinstance(note, str) else str(note)).strip()


def _shown(value: Any) -> str:
    """``value`` for a message: its repr, cut at 80 characters."""
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:79]}…"
