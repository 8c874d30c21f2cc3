"""The readiness checklist (``data/criteria.yaml``): criteria, milestones, sites and seeds.

:func:`load_criteria` reads the file and checks it completely before anything uses it: unknown
keys, missing or empty fields, months that are not ``YYYY-MM``, periods that end before they
start, duplicate ids, sources without a document or an http(s) URL, ``verified`` that disagrees
with the confidence label, seeds for an unknown site or item. Every problem names the file, the
item (``items[signboard]``) and the field; :class:`~ocop_geo.layers.validate.DataError` lists them
all.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import yaml

from ocop_geo.i18n import Message
from ocop_geo.layers.validate import DataError, Problem
from ocop_geo.readiness._criteria_check import check_document
from ocop_geo.readiness.items import Item, KnownOutcome, SitePlan

FILE = "criteria.yaml"


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
    Raises :class:`~ocop_geo.layers.validate.DataError` listing every problem (file, item, field),
    also
    when the file is missing or is not YAML.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        message = Message("ready.problem.unreadable", error=exc.strerror or str(exc))
        raise DataError([Problem(path.name, message)]) from exc
    return parse_criteria(text, path.name, site_ids=site_ids)


def parse_criteria(
    text: str, name: str = FILE, *, site_ids: Collection[str] | None = None
) -> Criteria:
    """Parse and check the YAML ``text`` of the file ``name`` (see :func:`load_criteria`)."""

    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataError([Problem(name, Message("ready.problem.not_yaml", error=str(exc)))]) from exc
    items, sites, seeds, problems = check_document(doc, name, site_ids)
    if problems:
        raise DataError(problems)
    return Criteria(tuple(items), sites, tuple(seeds))
