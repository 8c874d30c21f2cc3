"""The plan tasks that are late, as the briefing's summary page takes them.

The briefing does not compute lateness: whoever knows the plan's 15 tasks (the KH 100/KH-UBND
appendix) passes every task late as of the day as a :class:`LateTask`; the summary shows how many
and the :data:`SHOWN` most overdue. ``None`` instead of a list means the tasks are not available,
and the page says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

#: How many of the most overdue tasks the summary page lists.
SHOWN = 3


class LateTask(NamedTuple):
    """One task of the plan's appendix that is late as of the briefing's day.

    ``number`` is the task's row number (TT, 1–15); ``planned_end`` the last day of its planned
    period; ``days_overdue`` the whole days from then to the briefing's day (> 0). A plain tuple
    in this order is taken as one too.
    """

    number: int
    title: str
    lead: str
    planned_end: date
    days_overdue: int


def most_overdue(tasks: Iterable[tuple], n: int = SHOWN) -> list[LateTask]:
    """The ``n`` tasks of ``tasks`` (LateTasks or plain tuples in their order) overdue the
    longest; ties: the lower task number first."""
    late = [LateTask._make(task) for task in tasks]
    return sorted(late, key=lambda task: (-task.days_overdue, task.number))[:n]
