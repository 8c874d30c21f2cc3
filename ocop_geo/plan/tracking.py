"""Updating the plan's tasks in the checklist store, their history and their known outcomes.

A task's parts (:func:`~ocop_geo.plan.progress.task_parts`) are rows of the readiness store, so
:func:`update_task` goes through :func:`ocop_geo.readiness.store.update_item`: the same optimistic
locking (``expected_version``), the same checks of status, note, URL and date, and the same
append-only audit log, which names the account that made the change. Who may update which task
is :func:`ocop_geo.auth.permissions.can_edit_task`, checked here at the moment of writing.

Known outcomes (:func:`plan_seeds`) come from the committed data and its sources: the regional
events held (``data/events.csv``, tasks 1–4), and ``data/plan_seeds.csv`` (what the sources say of
the Đề án after 2020). The pilot points' milestones (tasks 5–9) are seeded by ``criteria.yaml``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from ocop_geo.auth import guard
from ocop_geo.auth.permissions import User, can_edit_task
from ocop_geo.database.store import Store
from ocop_geo.events.catalog import split_sources
from ocop_geo.i18n import Message
from ocop_geo.layers.validate import DataError, Problem
from ocop_geo.plan.progress import MILESTONE_OF_TASK, plan_items, task_parts
from ocop_geo.plan.records import Plan, PlanTask
from ocop_geo.readiness import _checks
from ocop_geo.readiness.criteria import Criteria
from ocop_geo.readiness.records import AuditEntry, Change, ItemState, Seed
from ocop_geo.readiness.store import ReadinessError, history, seed_evidence, update_item

SEEDS_FILE = "plan_seeds.csv"


class PermissionRefusedError(ReadinessError):
    """The account may not update this task; nothing was written."""


def known_items(criteria: Criteria, plan: Plan) -> dict[str, frozenset[str]]:
    """Every writable (site, item): the checklists' and the plan tasks' own items."""
    items = dict(criteria.known_items())
    for site, ids in plan_items(plan).items():
        items[site] = items.get(site, frozenset()) | ids
    return items


def part_of(task: PlanTask, site_id: str | None) -> tuple[str, str]:
    """The (site_id, item_id) of ``task`` to write: tasks 5–9 need the pilot point.

    Raises
    ------
    ReadinessError
        A per-point task without a point, or a site the task does not concern.
    """
    parts = task_parts(task)
    sites = [site for site, _ in parts]
    if site_id is None:
        if len(parts) > 1:
            message = Message("plan.error.per_point", task=task.number, sites=", ".join(sites))
            raise ReadinessError(message)
        return parts[0]
    for part in parts:
        if part[0] == site_id:
            return part
    where = {"task": task.number, "site": repr(site_id), "sites": ", ".join(sites)}
    raise ReadinessError(Message("plan.error.other_site", **where))


def update_task(
    store: Store,
    plan: Plan,
    criteria: Criteria,
    number: int,
    change: Change,
    *,
    expected_version: int,
    user: User,
    site_id: str | None = None,
) -> ItemState:
    """Save ``change`` to task ``number`` (at ``site_id`` for tasks 5–9) as ``user``.

    Raises
    ------
    PermissionRefusedError
        ``user`` may neither update tasks led by the task's lead agency nor the site's part.
    ReadinessError
        Unknown task or site, or a field the store refuses (status, note, URL, date).
    ConflictError
        Someone saved the task after ``expected_version``.
    StoreError
        The database fails. In every case nothing is written.
    """
    try:
        task = plan.task(number)
    except KeyError:
        message = Message("plan.error.unknown_task", task=repr(number), last=len(plan.tasks))
        raise ReadinessError(message) from None
    site, item = part_of(task, site_id)
    per_point = site if task.number in MILESTONE_OF_TASK else None
    if not can_edit_task(user, task.lead, per_point):
        who = user.username or Message("plan.error.anonymous")
        where = {"who": who, "role": user.role, "task": task.number, "lead": task.lead}
        raise PermissionRefusedError(Message("plan.error.refused", **where))
    return update_item(
        store,
        site,
        item,
        change,
        expected_version=expected_version,
        by=user.signature,
        actor=user,
        known_items=known_items(criteria, plan),
        check=guard.check(user, "plan", per_point, lead=task.lead),  # again, as it writes
    )


def task_history(store: Store, task: PlanTask) -> list[AuditEntry]:
    """Every write to ``task``'s parts, newest first (StoreError if the database fails)."""
    parts = set(task_parts(task))
    entries = history(store, sorted({site for site, _ in parts}))
    return [e for e in entries if (e.site_id, e.item_id) in parts]


def plan_seeds(plan: Plan, events: pd.DataFrame, data_dir: Path) -> list[Seed]:
    """The known outcomes of the tasks that are not milestones: each regional event held (its last
    day and first source URL) and the rows of ``data/plan_seeds.csv``.

    Raises
    ------
    DataError
        ``plan_seeds.csv`` is missing, or names a task or site the plan does not have.
    """
    seeds: list[Seed] = []
    for _, event in events.iterrows():
        number = event.get("plan_task")
        if pd.isna(number) or pd.isna(event["actual_to"]) or int(number) in MILESTONE_OF_TASK:
            continue
        task = plan.task(int(number))
        urls = [s for s in split_sources(event["source"]) if s.startswith("http")]
        first, last = event["actual_from"].date(), event["actual_to"].date()
        note = f"{event['name_vi']}: {first:%-d/%-m}–{last:%-d/%-m/%Y} [{event['confidence']}]"
        seeds.append(
            (
                task_parts(task)[0][0],
                f"task-{task.number:02d}",
                "done",
                note,
                urls[0] if urls else None,
                last,
            )
        )
    return seeds + file_seeds(plan, data_dir / SEEDS_FILE)


def file_seeds(plan: Plan, path: Path) -> list[Seed]:
    """The rows of ``data/plan_seeds.csv`` as seeds, checked as the store checks a write.

    Raises
    ------
    DataError
        Every problem, naming the file, row and column (an unknown task or site, a status, URL,
        date or note the store would refuse).
    """
    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(keepends=True)))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem(path.name, f"cannot be read as UTF-8 text: {exc}")]) from None
    seeds: list[Seed] = []
    problems = []
    for n, row in enumerate(rows, start=2):
        try:
            task = plan.task(int(row["task"]))
            site, item = part_of(task, row["site"] or None)
        except (KeyError, ValueError) as exc:
            problems.append(Problem(path.name, f"row {n}, column 'task'/'site': {exc}"))
            continue
        checks = (
            ("status", _checks.check_status),
            ("note", _checks.check_note),
            ("evidence_url", _checks.check_url),
            ("evidence_date", _checks.check_date),
        )
        values = {}
        for column, check in checks:
            try:
                values[column] = check(row.get(column) or ("" if column == "note" else None))
            except ReadinessError as exc:
                problems.append(Problem(path.name, f"row {n}, column '{column}': {exc.reason}"))
        if len(values) == len(checks):
            seeds.append(
                (
                    site,
                    item,
                    values["status"],
                    values["note"],
                    values["evidence_url"],
                    values["evidence_date"],
                )
            )
    if problems:
        raise DataError(problems)
    return seeds


def seed_plan(store: Store, seeds: list[Seed]) -> int:
    """Write the known outcomes where a part has no state yet; how many were written."""
    return len(seed_evidence(store, seeds))
