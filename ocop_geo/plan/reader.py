"""Reading and checking the plan's tables (``data/plan_tasks.csv``, ``agencies.csv``,
``plan_budget.csv``).

:func:`load_plan` reads all three and checks every row and every cross-reference: a task's
planned months agree with the plan's own wording of its period, its lead and cooperating units are
agencies, its sites are sites of the catalogue, its budget source funds it, and what
``agencies.csv`` says each unit leads or cooperates on agrees with the tasks. Every problem names
the file, the row (header = row 1) and the column; :class:`~ocop_geo.validate.DataError` lists
them all and nothing is returned half.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection
from datetime import date
from pathlib import Path

from ocop_geo.i18n import Message
from ocop_geo.layers.validate import DataError, Problem
from ocop_geo.plan.records import SECTIONS, Agency, BudgetSource, Plan, PlanError, PlanTask
from ocop_geo.readiness.items import DateTextError, month_bounds

TASKS_FILE, AGENCIES_FILE, BUDGET_FILE = "plan_tasks.csv", "agencies.csv", "plan_budget.csv"
#: Every data row cites the plan itself: its number and date.
PLAN_CITATION = "Kế hoạch 100/KH-UBND ngày 15/5/2020"
TASK_COLUMNS = (
    "task",
    "section",
    "title_vi",
    "title_en",
    "result_vi",
    "period_vi",
    "planned_start",
    "planned_end",
    "lead_vi",
    "lead",
    "cooperating_vi",
    "cooperating",
    "sites",
    "budget",
    "note",
    "source",
)
AGENCY_COLUMNS = (
    "id",
    "section_iv",
    "name_vi",
    "name_en",
    "duties_vi",
    "listed_in_iv",
    "named_in",
    "leads",
    "cooperates",
    "cooperates_by_iv",
    "cooperates_by_iv_basis",
    "source",
)
BUDGET_COLUMNS = (
    "id",
    "section",
    "holder",
    "decision",
    "decision_date",
    "text_vi",
    "summary_en",
    "funds_tasks",
    "source",
)
_OPTIONAL = {
    "note",
    "duties_vi",
    "section_iv",
    "leads",
    "cooperates",
    "cooperates_by_iv",
    "cooperates_by_iv_basis",
}
_PERIOD = re.compile(r"^tháng (\d{1,2})(?:\s*(?:-|đến tháng)\s*(\d{1,2}))?/(\d{4})$", re.IGNORECASE)


def parse_period(text: str) -> tuple[str, str]:
    """The start and end month (``YYYY-MM``) of the plan's wording of a period.

    ``"Tháng 6/2020"`` → ``("2020-06", "2020-06")``; ``"Tháng 7- 8/2020"`` and ``"Tháng 6 đến
    tháng 12/2020"`` give a range. PlanError (a ValueError) for any other wording.
    """
    match = _PERIOD.match(text.strip())
    if not match:
        raise PlanError(Message("plan.error.period", text=repr(text)))
    first, last, year = int(match[1]), int(match[2] or match[1]), match[3]
    if not 1 <= first <= last <= 12:
        raise PlanError(Message("plan.error.period_months", text=repr(text)))
    return f"{year}-{first:02d}", f"{year}-{last:02d}"


def load_plan(data_dir: Path, *, site_ids: Collection[str] | None = None) -> Plan:
    """Read and check the three tables of ``data_dir``.

    ``site_ids``, when given, are the ids of the sites and venues layers: every task's sites must
    be among them.

    Raises
    ------
    DataError
        Every problem found (file, row, column), also a missing file or column.
    """
    problems: list[Problem] = []
    task_rows = _rows(data_dir / TASKS_FILE, TASK_COLUMNS, problems)
    agency_rows = _rows(data_dir / AGENCIES_FILE, AGENCY_COLUMNS, problems)
    budget_rows = _rows(data_dir / BUDGET_FILE, BUDGET_COLUMNS, problems)
    if problems:
        raise DataError(problems)
    check = _Checker(problems)
    agencies = [check.agency(n, row) for n, row in agency_rows]
    budget = [check.budget(n, row) for n, row in budget_rows]
    tasks = [check.task(n, row) for n, row in task_rows]
    if not problems:
        _cross_check(tasks, agencies, budget, site_ids, task_rows, agency_rows, problems)
    if problems:
        raise DataError(problems)
    return Plan(tuple(tasks), tuple(agencies), tuple(budget))  # type: ignore[arg-type]


# -- rows -------------------------------------------------------------------------------------


def _rows(
    path: Path, columns: tuple[str, ...], problems: list[Problem]
) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(path.name, Message("plan.problem.unreadable", error=str(exc))))
        return []
    reader = csv.DictReader(text.splitlines(keepends=True))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        message = Message("plan.problem.columns", columns=", ".join(missing))
        problems.append(Problem(path.name, message))
        return []
    rows = [  # rows are records (a quoted cell may span lines); the header is row 1
        (n, {k: (v or "").strip() for k, v in row.items() if k is not None})
        for n, row in enumerate(reader, start=2)
    ]
    for n, row in rows:
        problems += [
            _problem(path.name, n, c, Message("plan.problem.empty"))
            for c in columns
            if c not in _OPTIONAL and not row[c]
        ]
    if not rows:
        problems.append(Problem(path.name, Message("plan.problem.no_rows")))
    return rows


def _problem(file: str, row: int, column: str, message: Message | str) -> Problem:
    """``file: row 3, column 'lead': what is wrong`` (the place named in the reader's language)."""
    return Problem(file, Message("plan.problem.cell", row=row, column=column, problem=message))


class _Checker:
    """Converts rows to records, appending a problem (and a placeholder value) for each bad cell."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems

    def _bad(self, file: str, row: int, column: str, message: Message | str) -> None:
        self.problems.append(_problem(file, row, column, message))

    def _numbers(self, file: str, row: int, column: str, text: str) -> tuple[int, ...]:
        values = []
        for part in filter(None, (p.strip() for p in text.split(";"))):
            if not part.isdigit() or not 1 <= int(part) <= 15:
                self._bad(file, row, column, Message("plan.problem.task_number", value=repr(part)))
            else:
                values.append(int(part))
        return tuple(values)

    def _cites_plan(self, file: str, row: int, source: str) -> None:
        if PLAN_CITATION not in source:
            message = Message(
                "plan.problem.citation", plan=repr(PLAN_CITATION), source=repr(source)
            )
            self._bad(file, row, "source", message)

    def task(self, n: int, row: dict[str, str]) -> PlanTask | None:
        f = TASKS_FILE
        number = self._numbers(f, n, "task", row["task"])
        if row["section"] not in SECTIONS:
            message = Message(
                "plan.problem.not_one_of", value=repr(row["section"]), allowed=", ".join(SECTIONS)
            )
            self._bad(f, n, "section", message)
        months = {}
        for column in ("planned_start", "planned_end"):
            try:
                months[column] = month_bounds(row[column])
            except DateTextError as exc:
                self._bad(f, n, column, exc.message)
        try:
            said = parse_period(row["period_vi"])
        except PlanError as exc:
            self._bad(f, n, "period_vi", exc.message)
        else:
            wrote = (row["planned_start"], row["planned_end"])
            if said != wrote:
                message = Message(
                    "plan.problem.period_differs",
                    start=wrote[0],
                    end=wrote[1],
                    period=repr(row["period_vi"]),
                    said_start=said[0],
                    said_end=said[1],
                )
                self._bad(f, n, "planned_start", message)
        self._cites_plan(f, n, row["source"])
        if f"dòng {row['task']}" not in row["source"]:
            self._bad(f, n, "source", Message("plan.problem.appendix_row", task=row["task"]))
        if len(number) != 1 or len(months) != 2:
            return None
        return PlanTask(
            number[0],
            row["section"],
            row["title_vi"],
            row["title_en"],
            row["result_vi"],
            row["period_vi"],
            months["planned_start"][0],
            months["planned_end"][1],
            row["lead_vi"],
            row["lead"],
            row["cooperating_vi"],
            _ids(row["cooperating"]),
            _ids(row["sites"]),
            row["budget"],
            row["note"],
            row["source"],
        )

    def agency(self, n: int, row: dict[str, str]) -> Agency:
        f = AGENCIES_FILE
        section = None
        listed = row["listed_in_iv"]
        if listed not in ("yes", "no"):
            self._bad(f, n, "listed_in_iv", Message("plan.problem.yes_no", value=repr(listed)))
        elif listed == "yes":
            if not row["section_iv"].isdigit() or not 1 <= int(row["section_iv"]) <= 13:
                message = Message("plan.problem.party", value=repr(row["section_iv"]))
                self._bad(f, n, "section_iv", message)
            else:
                section = int(row["section_iv"])
            if not row["duties_vi"]:
                self._bad(f, n, "duties_vi", Message("plan.problem.no_duties"))
        elif row["section_iv"]:
            self._bad(f, n, "section_iv", Message("plan.problem.not_party"))
        self._cites_plan(f, n, row["source"])
        return Agency(
            row["id"],
            section,
            row["name_vi"],
            row["name_en"],
            row["duties_vi"],
            row["named_in"],
            self._numbers(f, n, "leads", row["leads"]),
            self._numbers(f, n, "cooperates", row["cooperates"]),
            self._numbers(f, n, "cooperates_by_iv", row["cooperates_by_iv"]),
            row["cooperates_by_iv_basis"],
            row["source"],
        )

    def budget(self, n: int, row: dict[str, str]) -> BudgetSource:
        f = BUDGET_FILE
        try:
            day = date.fromisoformat(row["decision_date"])
        except ValueError:
            message = Message("plan.problem.day", value=repr(row["decision_date"]))
            self._bad(f, n, "decision_date", message)
            day = date.min
        self._cites_plan(f, n, row["source"])
        return BudgetSource(
            row["id"],
            row["section"],
            row["holder"],
            row["decision"],
            day,
            row["text_vi"],
            row["summary_en"],
            self._numbers(f, n, "funds_tasks", row["funds_tasks"]),
            row["source"],
        )


def _short(name: str) -> str:
    """A unit's name with "Ủy ban nhân dân" written "UBND", as the appendix abbreviates it."""
    return name.replace("Ủy ban nhân dân", "UBND")


def _ids(text: str) -> tuple[str, ...]:
    return tuple(filter(None, (p.strip() for p in text.split(";"))))


def _cross_check(
    tasks: list[PlanTask | None],
    agencies: list[Agency],
    budget: list[BudgetSource],
    site_ids: Collection[str] | None,
    task_rows: list[tuple[int, dict[str, str]]],
    agency_rows: list[tuple[int, dict[str, str]]],
    problems: list[Problem],
) -> None:
    known = {a.id: a for a in agencies}
    funds = {b.id: set(b.funds_tasks) for b in budget}
    by_number: dict[int, PlanTask] = {}
    for (n, _row), task in zip(task_rows, tasks, strict=True):
        assert task is not None  # noqa: S101 - rows with problems stopped load_plan before
        f = TASKS_FILE
        if task.number in by_number:
            message = Message("plan.problem.task_twice", task=task.number)
            problems.append(_problem(f, n, "task", message))
        by_number[task.number] = task
        for column, ids in (("lead", (task.lead,)), ("cooperating", task.cooperating)):
            problems += [
                _problem(
                    f, n, column, Message("plan.problem.not_agency", id=repr(i), file=AGENCIES_FILE)
                )
                for i in ids
                if i not in known
            ]
        if task.lead in known and _short(known[task.lead].name_vi) != _short(task.lead_vi):
            message = Message(
                "plan.problem.lead_name",
                lead=repr(task.lead),
                name=repr(known[task.lead].name_vi),
                written=repr(task.lead_vi),
            )
            problems.append(_problem(f, n, "lead", message))
        if site_ids is not None:
            problems += [
                _problem(f, n, "sites", Message("plan.problem.not_site", id=repr(s)))
                for s in task.sites
                if s not in site_ids
            ]
        if task.number not in funds.get(task.budget, set()):
            problems.append(
                _problem(
                    f,
                    n,
                    "budget",
                    Message(
                        "plan.problem.budget",
                        budget=repr(task.budget),
                        file=BUDGET_FILE,
                        task=task.number,
                    ),
                )
            )
    if sorted(by_number) != list(range(1, 16)):
        missing = sorted(set(range(1, 16)) - set(by_number))
        message = Message("plan.problem.tasks_missing", missing=str(missing))
        problems.append(Problem(TASKS_FILE, message))
    parties = sorted(a.section_iv for a in agencies if a.section_iv is not None)
    if parties != list(range(1, 14)):
        message = Message("plan.problem.parties", parties=str(parties))
        problems.append(Problem(AGENCIES_FILE, message))
    for (n, _row), agency in zip(agency_rows, agencies, strict=True):
        leads = tuple(t.number for t in by_number.values() if t.lead == agency.id)
        coops = tuple(t.number for t in by_number.values() if agency.id in t.cooperating)
        for column, said, truth in (
            ("leads", agency.leads, leads),
            ("cooperates", agency.cooperates, coops),
        ):
            if sorted(said) != sorted(truth):
                problems.append(
                    _problem(
                        AGENCIES_FILE,
                        n,
                        column,
                        Message(
                            "plan.problem.says_tasks",
                            said=str(list(said)),
                            file=TASKS_FILE,
                            truth=str(sorted(truth)),
                        ),
                    )
                )
