"""What the plan page, the readiness views and ``ocop-geo plan`` share: the checked tables, the
known outcomes and every task's progress as of a day from the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ocop_geo.config import Settings
from ocop_geo.database.store import Store
from ocop_geo.events.catalog import read_events
from ocop_geo.plan.progress import TaskStatus, plan_progress
from ocop_geo.plan.reader import load_plan
from ocop_geo.plan.records import Plan
from ocop_geo.plan.tracking import plan_seeds, seed_plan
from ocop_geo.readiness.criteria import Criteria
from ocop_geo.readiness.report import load_checklist, load_sites, seed
from ocop_geo.readiness.store import load_states


@dataclass(frozen=True)
class PlanData:
    """The plan's tables, the checklist (whose milestones are tasks 5–9) and the events."""

    plan: Plan
    criteria: Criteria
    events: pd.DataFrame


def load_plan_data(settings: Settings) -> PlanData:
    """Read and check everything the plan views need.

    Raises
    ------
    DataError
        A table or the sites layer has problems (every one named).
    """
    sites = [str(i) for i in load_sites(settings).index]
    criteria = load_checklist(settings, sites)
    events = read_events(settings.data_dir / "events.csv")
    plan = load_plan(settings.data_dir, site_ids=None)
    return PlanData(plan, criteria, events)


def seed_all(store: Store, data: PlanData, settings: Settings) -> int:
    """Write the known outcomes of the checklists and of the plan's tasks where nothing is saved
    yet; how many were written (0 after the first time)."""
    written = seed(store, data.criteria)
    return written + seed_plan(store, plan_seeds(data.plan, data.events, settings.data_dir))


def progress_as_of(store: Store, data: PlanData, as_of: date) -> tuple[TaskStatus, ...]:
    """Every task as of ``as_of`` (StoreError if the database fails)."""
    return plan_progress(data.plan, load_states(store), as_of)
