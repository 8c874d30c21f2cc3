"""Each plan task's progress as of a day, from the states in the checklist store.

Where a task's progress is kept (:func:`task_parts`): a task carried out at each pilot point
(tasks 5–9) has one part per point, the point's checklist milestone of the same appendix row
(:data:`MILESTONE_OF_TASK`); every other task has one part, the item ``task-NN`` at the place it
concerns (the Trịnh Công Sơn venue for tasks 1–4, ``dong-anh`` for 10–15). The parts live in the
same table as the checklists, so they share its optimistic locking, audit log and checks.

Definitions, as of a day D (dates are Hanoi days; see :mod:`ocop_geo.readiness.status`):

* a part **counts as done** when its status is ``done`` and its done date (evidence date, else the
  day it was saved) is on or before D; ``not_applicable`` parts are left out;
* a task is **done** when it has an applicable part and every applicable part is done — tasks 5–9
  only when done at every pilot point; its done date is the last part's;
* a task is **late** when its planned end month ended before D and it is not done. Unknown is not
  done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ocop_geo.plan.records import Plan, PlanTask
from ocop_geo.readiness.records import ItemState
from ocop_geo.readiness.status import as_of_status

#: The checklist milestone (data/criteria.yaml) that is a pilot point's part of tasks 5–9.
MILESTONE_OF_TASK = {5: "survey", 6: "premises", 7: "conference", 8: "training", 9: "opening"}
#: A task's overall status: done, late, in progress, not started, blocked, unknown.
TASK_STATUSES = ("done", "in_progress", "not_started", "blocked", "not_applicable", "unknown")


def item_id(task: PlanTask) -> str:
    """The store's item id of ``task``'s parts (``task-05``, or the milestone for tasks 5–9)."""
    return MILESTONE_OF_TASK.get(task.number, f"task-{task.number:02d}")


def task_parts(task: PlanTask) -> tuple[tuple[str, str], ...]:
    """The (site_id, item_id) keys that hold ``task``'s progress: one per pilot point for tasks
    5–9, else one at the place the task concerns."""
    sites = task.sites if task.number in MILESTONE_OF_TASK else task.sites[:1]
    return tuple((site, item_id(task)) for site in sites)


def plan_items(plan: Plan) -> dict[str, frozenset[str]]:
    """The store items of the tasks that are not checklist milestones, by site (``known_items``
    for writes to them)."""
    items: dict[str, set[str]] = {}
    for task in plan.tasks:
        if task.number not in MILESTONE_OF_TASK:
            for site, item in task_parts(task):
                items.setdefault(site, set()).add(item)
    return {site: frozenset(ids) for site, ids in items.items()}


@dataclass(frozen=True)
class PartStatus:
    """One part of a task (a pilot point's, or the task's only one) as of a day."""

    site_id: str
    state: ItemState
    as_of: str  # a status of the store, or DONE_LATER
    done: bool
    done_date: date | None

    @property
    def applicable(self) -> bool:
        """False when the part is marked not applicable."""
        return self.state.status != "not_applicable"


@dataclass(frozen=True)
class TaskStatus:
    """A plan task as of a day: its parts, whether it is done and whether it is late."""

    task: PlanTask
    as_of_day: date
    parts: tuple[PartStatus, ...]

    @property
    def applicable(self) -> tuple[PartStatus, ...]:
        """The parts that apply."""
        return tuple(p for p in self.parts if p.applicable)

    @property
    def done(self) -> bool:
        """Every applicable part done as of the day (and at least one applies)."""
        return bool(self.applicable) and all(p.done for p in self.applicable)

    @property
    def done_date(self) -> date | None:
        """When the last part was done (None unless :attr:`done`)."""
        if not self.done:
            return None
        return max(p.done_date for p in self.applicable if p.done_date is not None)

    @property
    def started(self) -> date | None:
        """The first part's done date, if any part is done as of the day."""
        days = [p.done_date for p in self.parts if p.done and p.done_date is not None]
        return min(days) if days else None

    @property
    def late(self) -> bool:
        """The planned end month has ended and the task is not done."""
        return self.task.planned_end < self.as_of_day and not self.done

    @property
    def status(self) -> str:
        """One of :data:`TASK_STATUSES` or ``done_later``: done; in progress when a part is
        done or in progress; else the parts' common status, or unknown when they differ."""
        if self.done:
            return "done"
        if not self.applicable:
            return "not_applicable"
        shown = {p.as_of for p in self.applicable}
        if any(p.done for p in self.applicable) or "in_progress" in shown:
            return "in_progress"
        return shown.pop() if len(shown) == 1 else "unknown"

    @property
    def done_parts(self) -> int:
        """Applicable parts done as of the day."""
        return sum(p.done for p in self.applicable)


def part_status(site_id: str, state: ItemState, as_of: date) -> PartStatus:
    """What ``state`` means as of ``as_of``."""
    return PartStatus(site_id, state, *as_of_status(state, as_of))


def task_status(
    task: PlanTask, states: Mapping[tuple[str, str], ItemState], as_of: date
) -> TaskStatus:
    """``task`` as of ``as_of`` (``states`` as :func:`~ocop_geo.readiness.store.load_states`)."""
    parts = tuple(
        part_status(site, states.get((site, item)) or ItemState(site, item), as_of)
        for site, item in task_parts(task)
    )
    return TaskStatus(task, as_of, parts)


def plan_progress(
    plan: Plan, states: Mapping[tuple[str, str], ItemState], as_of: date
) -> tuple[TaskStatus, ...]:
    """Every task of ``plan`` as of ``as_of``, in appendix order."""
    return tuple(task_status(task, states, as_of) for task in plan.tasks)


def late_tasks(progress: tuple[TaskStatus, ...]) -> tuple[TaskStatus, ...]:
    """The late tasks."""
    return tuple(t for t in progress if t.late)
