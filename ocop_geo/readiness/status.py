"""Readiness as of a date: which items count as done, which milestones are late, site scores.

Definitions (all dates are calendar days in Hanoi, UTC+7, which has no daylight saving):

* An item's **done date** is its evidence date when it has one, else the day it was last saved
  (``updated_at``). Only an item whose current status is ``done`` has one.
* An item **counts as done as of D** when its status is ``done`` and its done date is on or
  before D. As of an earlier day it shows as ``done_later`` ("not done yet; done on …"), so any
  day of 2020 replays the plan from the evidence dates.
* Other statuses have no start date in the data: as of any day they show as recorded now.
  ``unknown`` (also what an item without a saved state has) counts as not done.
* ``not_applicable`` items are left out of the counts. A site's **readiness** = done items ÷
  applicable items; it is **ready** when it has at least one applicable item and all are done.
  A site without a checklist (``dong-anh``) has no readiness (None) and is never ready.
* A **milestone is late as of D** when its planned period ended before D (the last day of its
  end month < D), it applies, and it is not done as of D.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from ocop_geo.i18n import HANOI
from ocop_geo.readiness._checks import FIRST_EVIDENCE, LAST_EVIDENCE
from ocop_geo.readiness.criteria import Criteria, Item
from ocop_geo.readiness.records import ItemState

#: The range of days the page's date pickers offer (the plan is of 2020): the evidence range.
FIRST_DAY, LAST_DAY = FIRST_EVIDENCE, LAST_EVIDENCE
#: The as-of status of an item that is done, but only after the chosen day.
DONE_LATER = "done_later"

States = Mapping[tuple[str, str], ItemState]


def today() -> date:
    """Today in Hanoi."""
    return datetime.now(HANOI).date()


#: The ways a typed day is read, Vietnamese order first (``8/10/2020``, ``08-10-2020``,
#: ``8.10.2020``) and ISO (``2020-10-08``).
DAY_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def day_text(day: date) -> str:
    """``day`` as the as-of field shows it: ``DD/MM/YYYY``."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def parse_day(text: str) -> date | None:
    """The day typed in ``text`` (:data:`DAY_FORMATS`, spaces ignored); None when it is not a
    real day in one of them (``31/02/2020``, ``2020``, ``""``)."""
    squeezed = "".join(text.split())
    for fmt in DAY_FORMATS:
        try:
            return datetime.strptime(squeezed, fmt).date()
        except ValueError:
            continue
    return None


def done_on(state: ItemState) -> date | None:
    """The day a done item counts from (evidence date, else the Hanoi day it was saved)."""
    if state.status != "done":
        return None
    if state.evidence_date is not None:
        return state.evidence_date
    if state.updated_at is None:
        return None
    return state.updated_at.astimezone(HANOI).date()


@dataclass(frozen=True)
class ItemStatus:
    """One item of one site as of a day: the recorded state and what it means that day."""

    item: Item
    state: ItemState
    as_of: str  # a status of the store, or DONE_LATER
    done: bool
    applicable: bool
    late: bool
    done_date: date | None


@dataclass(frozen=True)
class SiteReadiness:
    """A site's checklist as of a day (no items when the site has no checklist)."""

    site_id: str
    checklist: bool
    items: tuple[ItemStatus, ...]

    @property
    def applicable(self) -> int:
        """Items that apply (``not_applicable`` left out)."""
        return sum(i.applicable for i in self.items)

    @property
    def done(self) -> int:
        """Applicable items done as of the day."""
        return sum(i.done for i in self.items if i.applicable)

    @property
    def late(self) -> int:
        """Milestones late as of the day."""
        return sum(i.late for i in self.items)

    @property
    def share(self) -> float | None:
        """Readiness, 0–1 (done ÷ applicable); None without applicable items."""
        return self.done / self.applicable if self.applicable else None

    @property
    def ready(self) -> bool:
        """Every applicable item done (and at least one applies)."""
        return self.applicable > 0 and self.done == self.applicable


@dataclass(frozen=True)
class Overview:
    """Every site as of one day, with the headline figures."""

    as_of: date
    sites: tuple[SiteReadiness, ...]

    @property
    def with_checklist(self) -> int:
        """Sites that have a checklist."""
        return sum(s.checklist for s in self.sites)

    @property
    def ready(self) -> int:
        """Sites ready."""
        return sum(s.ready for s in self.sites)

    @property
    def items_done(self) -> int:
        """Applicable items done, over all sites."""
        return sum(s.done for s in self.sites)

    @property
    def items_applicable(self) -> int:
        """Applicable items, over all sites."""
        return sum(s.applicable for s in self.sites)

    @property
    def milestones_late(self) -> int:
        """Late milestones, over all sites."""
        return sum(s.late for s in self.sites)

    def site(self, site_id: str) -> SiteReadiness:
        """The readiness of ``site_id`` (KeyError when it is not in the overview)."""
        for site in self.sites:
            if site.site_id == site_id:
                return site
        raise KeyError(site_id)


def as_of_status(state: ItemState, as_of: date) -> tuple[str, bool, date | None]:
    """(status shown as of ``as_of``, done as of then, done date) of ``state``."""
    when = done_on(state)
    done = when is not None and when <= as_of
    shown = DONE_LATER if state.status == "done" and not done else state.status
    return shown, done, when


def item_status(item: Item, state: ItemState, as_of: date) -> ItemStatus:
    """What ``state`` of ``item`` means as of ``as_of`` (see the module's definitions)."""
    shown, done, when = as_of_status(state, as_of)
    applicable = state.status != "not_applicable"
    ended = item.planned_end is not None and item.planned_end < as_of
    late = item.kind == "milestone" and applicable and ended and not done
    return ItemStatus(item, state, shown, done, applicable, late, when)


def site_readiness(criteria: Criteria, site_id: str, states: States, as_of: date) -> SiteReadiness:
    """The checklist of ``site_id`` as of ``as_of``; ``states`` as ``store.load_states`` gives."""
    items = tuple(
        item_status(item, states.get((site_id, item.id)) or ItemState(site_id, item.id), as_of)
        for item in criteria.items_for(site_id)
    )
    plan = criteria.sites.get(site_id)
    return SiteReadiness(site_id, plan is not None and plan.checklist, items)


def overview(criteria: Criteria, site_ids: Iterable[str], states: States, as_of: date) -> Overview:
    """Every site of ``site_ids`` (in that order) as of ``as_of``."""
    sites = tuple(site_readiness(criteria, s, states, as_of) for s in site_ids)
    return Overview(as_of, sites)
