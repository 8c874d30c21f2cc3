"""The agencies view: parties × tasks (lead / cooperate) and what one agency leads and has late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from ocop_geo.i18n import t
from ocop_geo.plan.progress import TaskStatus
from ocop_geo.plan.records import Agency, Plan
from ocop_geo.readiness.late_tasks import LateTask

#: The roles of an agency in a task, strongest first (``plan.role.<name>`` labels them).
ROLES = ("lead", "cooperate", "cooperate_iv")


def role(agency: Agency, number: int) -> str | None:
    """``agency``'s role in task ``number``: lead, cooperate (appendix), cooperate_iv (a duty of
    section IV) or None."""
    if number in agency.leads:
        return "lead"
    if number in agency.cooperates:
        return "cooperate"
    if number in agency.cooperates_by_iv:
        return "cooperate_iv"
    return None


def matrix(plan: Plan, lang: str) -> pd.DataFrame:
    """One row per agency (section IV's parties first), one column per task (``1`` … ``15``),
    each cell the agency's role in words (empty when none)."""
    labels = {r: t(f"plan.role.{r}", lang) for r in ROLES}
    rows = []
    for agency in plan.agencies:
        cells = {
            str(task.number): labels.get(role(agency, task.number) or "", "") for task in plan.tasks
        }
        rows.append({t("plan.col.agency", lang): agency.name(lang), **cells})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class AgencyView:
    """What a department head reads: the tasks it leads and cooperates on, and the late ones."""

    agency: Agency
    leads: tuple[TaskStatus, ...]
    cooperates: tuple[TaskStatus, ...]

    @property
    def late(self) -> tuple[TaskStatus, ...]:
        """The tasks it leads that are late."""
        return tuple(s for s in self.leads if s.late)


def agency_view(agency: Agency, progress: tuple[TaskStatus, ...]) -> AgencyView:
    """``agency``'s tasks as of the day of ``progress``."""
    leads = tuple(s for s in progress if role(agency, s.task.number) == "lead")
    coops = tuple(
        s for s in progress if role(agency, s.task.number) in ("cooperate", "cooperate_iv")
    )
    return AgencyView(agency, leads, coops)


def late_tasks(
    plan: Plan, progress: tuple[TaskStatus, ...], as_of: date, lang: str
) -> list[LateTask]:
    """Every task late as of ``as_of`` as the briefing's summary page takes them."""
    return [
        LateTask(
            s.task.number,
            s.task.title(lang),
            plan.agency(s.task.lead).name(lang),
            s.task.planned_end,
            (as_of - s.task.planned_end).days,
        )
        for s in progress
        if s.late
    ]


def late_by_lead(plan: Plan, progress: tuple[TaskStatus, ...]) -> dict[str, list[TaskStatus]]:
    """The late tasks grouped by lead agency id (agencies in file order; none: left out)."""
    groups: dict[str, list[TaskStatus]] = {}
    for agency in plan.agencies:
        late = [s for s in progress if s.late and s.task.lead == agency.id]
        if late:
            groups[agency.id] = late
    return groups
