"""The plan's records, as read from ``data/plan_tasks.csv``, ``agencies.csv`` and
``plan_budget.csv``.

Vietnamese fields are the plan's text exactly as written (typos kept, see each task's ``note``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ocop_geo.i18n import MessageError


class PlanError(MessageError, ValueError):
    """A value of the plan's tables or of a plan update that cannot be used (the message says
    which and why)."""


#: The appendix's three sections: I events, II pilot points, III the Đề án.
SECTIONS = ("I", "II", "III")


@dataclass(frozen=True)
class PlanTask:
    """One row of the appendix "Danh mục nhiệm vụ".

    ``planned_start``/``planned_end`` are the first day of the start month and the last day of the
    end month of ``period_vi`` (the plan's wording, e.g. "Tháng 6 đến tháng 12/2020").
    """

    number: int
    section: str
    title_vi: str
    title_en: str
    result_vi: str
    period_vi: str
    planned_start: date
    planned_end: date
    lead_vi: str
    lead: str
    cooperating_vi: str
    cooperating: tuple[str, ...]
    sites: tuple[str, ...]
    budget: str
    note: str
    source: str

    def title(self, lang: str) -> str:
        """The task's title in ``lang`` (the plan's Vietnamese, or the English title beside)."""
        return self.title_en if lang == "en" else self.title_vi

    @property
    def label(self) -> str:
        """``"5. Tổ chức khảo sát…"``: number and Vietnamese title."""
        return f"{self.number}. {self.title_vi}"


@dataclass(frozen=True)
class Agency:
    """A party of section IV (``section_iv`` 1–13), or a unit only the appendix or IV's text
    names (``section_iv`` None)."""

    id: str
    section_iv: int | None
    name_vi: str
    name_en: str
    duties_vi: str
    named_in: str
    leads: tuple[int, ...]
    cooperates: tuple[int, ...]
    cooperates_by_iv: tuple[int, ...]
    cooperates_by_iv_basis: str
    source: str

    @property
    def listed_in_iv(self) -> bool:
        """True for the 13 parties of section IV."""
        return self.section_iv is not None

    def name(self, lang: str) -> str:
        """The name in ``lang``."""
        return self.name_en if lang == "en" else self.name_vi


@dataclass(frozen=True)
class BudgetSource:
    """A funding source of section III and the tasks it pays for."""

    id: str
    section: str
    holder: str
    decision: str
    decision_date: date
    text_vi: str
    summary_en: str
    funds_tasks: tuple[int, ...]
    source: str


@dataclass(frozen=True)
class Plan:
    """The three tables, checked against each other."""

    tasks: tuple[PlanTask, ...]
    agencies: tuple[Agency, ...]
    budget: tuple[BudgetSource, ...]

    def task(self, number: int) -> PlanTask:
        """Task ``number`` (KeyError when the appendix has none)."""
        for task in self.tasks:
            if task.number == number:
                return task
        raise KeyError(number)

    def agency(self, agency_id: str) -> Agency:
        """The agency ``agency_id`` (KeyError when there is none)."""
        for agency in self.agencies:
            if agency.id == agency_id:
                return agency
        raise KeyError(agency_id)

    def __len__(self) -> int:
        return len(self.tasks)
