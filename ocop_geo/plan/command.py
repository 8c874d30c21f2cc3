"""``ocop-geo plan`` (the 15 tasks as of a day: table, CSV, JSON or an iCalendar of the planned
periods) and ``ocop-geo plan-update`` (a task's status, one or a batch from a CSV, as a named
account, through the same checks as the page); also the plan's part of ``ocop-geo readiness``.

Registered by :mod:`ocop_geo.cli`; nothing heavy is imported while the parser is built.

Exit codes: 0 success; 1 the data or the database has problems; 2 usage errors (a bad --as-of,
an unknown --agency, task, site or account, a refused change, a conflict, an output file that
cannot be written).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ocop_geo.database.command import open_store
from ocop_geo.io.output import deliver, fail

if TYPE_CHECKING:
    from ocop_geo.config import Settings
    from ocop_geo.database.store import Store
    from ocop_geo.plan.progress import TaskStatus
    from ocop_geo.plan.report import PlanData
    from ocop_geo.readiness.command import PlanExtras

FORMATS = ("table", "csv", "json", "ics")
UPDATE_COLUMNS = ("task", "site", "status", "note", "evidence_url", "evidence_date")
EPILOG = (
    "a task is late as of the day when its planned end month ended before it and it is not "
    "done; tasks 5–9 are done only when done at all five pilot points. --agency keeps the tasks "
    "the agency leads or cooperates on (ids of data/agencies.csv). ics: one all-day event per "
    "task over its planned period. Exit codes: 1 bad data or a database error; 2 a bad --as-of, "
    "an unknown --agency, an output file that cannot be written"
)
UPDATE_EPILOG = (
    "the change is saved as the account --user (it must exist; editors may update the tasks "
    "their agencies lead, or their sites' part of tasks 5–9; admins any), with the same checks, "
    "optimistic locking and audit log as the page. --from FILE reads a CSV with the columns "
    f"{', '.join(UPDATE_COLUMNS)} (site only for tasks 5–9; empty cells keep a field): every "
    "row is checked before any is saved. Exit codes: 1 bad data or a database error; 2 an "
    "unknown account, task or site, a refused value or permission, a conflict"
)


def add_plan_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``plan`` and ``plan-update`` to the ``ocop-geo`` sub-commands."""
    cmd = sub.add_parser(
        "plan", help="the plan's 15 tasks as of a day (KH 100 appendix)", epilog=EPILOG
    )
    cmd.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day (default: today, Hanoi)")
    cmd.add_argument("--agency", metavar="ID", help="only the tasks of this agency")
    cmd.add_argument("--format", choices=FORMATS, default="table")
    cmd.add_argument("--lang", choices=("vi", "en"), default="vi", help="labels (default: vi)")
    cmd.add_argument("-o", "--output", help="write to this file (atomically)")
    cmd.set_defaults(func=run_plan)
    upd = sub.add_parser(
        "plan-update", help="update a plan task's status as an account", epilog=UPDATE_EPILOG
    )
    upd.add_argument("task", nargs="?", type=int, help="task number 1–15 (or --from FILE)")
    upd.add_argument("--site", help="the pilot point (tasks 5–9)")
    upd.add_argument(
        "--status", help="not_started, in_progress, done, not_applicable, blocked, unknown"
    )
    upd.add_argument("--note")
    upd.add_argument("--url", dest="evidence_url", help="evidence URL (http/https)")
    upd.add_argument("--date", dest="evidence_date", metavar="YYYY-MM-DD", help="evidence date")
    upd.add_argument(
        "--expected-version", type=int, help="the version you read (default: the current one)"
    )
    upd.add_argument("--from", dest="from_file", metavar="CSV", help="a batch of changes")
    upd.add_argument("--user", required=True, help="the account making the change")
    upd.set_defaults(func=run_plan_update)


def _load(settings: Settings) -> PlanData:
    from ocop_geo.plan.report import load_plan_data

    return load_plan_data(settings)


def _progress(store: Store, data: PlanData, settings: Settings, as_of: date) -> tuple:
    from ocop_geo.plan.report import progress_as_of, seed_all

    store.upgrade()
    seed_all(store, data, settings)
    return progress_as_of(store, data, as_of)


def run_plan(args: argparse.Namespace) -> int:
    """List the tasks as of the day; returns the exit code."""
    from ocop_geo.config import Settings
    from ocop_geo.database.store import StoreError
    from ocop_geo.layers.validate import DataError
    from ocop_geo.readiness.command import parse_day
    from ocop_geo.readiness.status import today

    try:
        as_of = parse_day(args.as_of) if args.as_of else today()
    except ValueError as exc:
        return fail(f"error: --as-of {exc}", 2)
    settings = Settings.from_env()
    try:
        data = _load(settings)
    except DataError as exc:
        return fail([str(p) for p in exc.problems], 1)
    ids = [a.id for a in data.plan.agencies]
    if args.agency is not None and args.agency not in ids:
        return fail(f"error: --agency {args.agency!r} is not an agency; known: {', '.join(ids)}", 2)
    try:
        tasks = _progress(open_store(settings), data, settings, as_of)
    except StoreError as exc:
        return fail(f"error: {exc}", 1)
    if args.agency:
        from ocop_geo.plan.matrix import role

        agency = data.plan.agency(args.agency)
        tasks = tuple(s for s in tasks if role(agency, s.task.number))
    if deliver(_render(args.format, tasks, data, as_of, args.lang), args.output):
        return 2
    late = sum(s.late for s in tasks)
    print(
        f"as of {as_of.isoformat()}: {sum(s.done for s in tasks)}/{len(tasks)} tasks done, "
        f"{late} late",
        file=sys.stderr,
    )
    return 0


def _render(
    fmt: str, tasks: tuple[TaskStatus, ...], data: PlanData, as_of: date, lang: str
) -> bytes:
    from ocop_geo.io import writers as exports
    from ocop_geo.plan import rows
    from ocop_geo.plan.calendar import plan_calendar

    if fmt == "ics":
        return plan_calendar(data.plan, [s.task for s in tasks])
    if fmt == "json":
        doc = {
            "as_of": as_of.isoformat(),
            "tasks_late": sum(s.late for s in tasks),
            "tasks": [rows.task_record(s) for s in tasks],
        }
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode()
    table = rows.task_rows(tasks, data.plan, lang)
    if fmt == "csv":
        import pandas as pd

        return exports.table_csv(pd.DataFrame(table, columns=list(rows.ROW_COLUMNS)))
    lines = [f"{'task':>4}  {'planned':<17} {'lead':<28} status"]
    for row in table:
        lines.append(
            f"{row['task']:>4}  {row['period']:<17} {row['lead'][:28]:<28} "
            f"{row['status']}  ({row['done_parts']})"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def agency_ids() -> set[str]:
    """The ids of ``data/agencies.csv`` (for ``ocop-geo users assign-agency``).

    Raises DataError when the plan's tables have problems.
    """
    from ocop_geo.config import Settings
    from ocop_geo.plan.reader import load_plan

    return {a.id for a in load_plan(Settings.from_env().data_dir).agencies}


def readiness_extras(
    settings: Settings, store: Store, as_of: date, lang: str, fmt: str
) -> PlanExtras:
    """The plan's part of ``ocop-geo readiness``: JSON records, the Excel sheet, the PDF page.

    Raises DataError (the plan's tables) or StoreError (the database).
    """
    import pandas as pd

    from ocop_geo.i18n import t
    from ocop_geo.plan import rows
    from ocop_geo.readiness.command import PlanExtras

    data = _load(settings)
    tasks = _progress(store, data, settings, as_of)
    sheet = pd.DataFrame(rows.task_rows(tasks, data.plan, lang), columns=list(rows.ROW_COLUMNS))
    sheet = sheet.rename(columns={c: t(f"plan.col.{c}", lang) for c in rows.ROW_COLUMNS})
    pages: tuple = ()
    if fmt == "pdf":
        from ocop_geo.plan.briefing import plan_page

        pages = (plan_page(tasks, data.plan, as_of, lang),)
    from ocop_geo.plan.matrix import late_tasks

    records = [rows.task_record(s) for s in tasks]
    late = late_tasks(data.plan, tasks, as_of, lang)
    return PlanExtras(records, sheet, pages, len(late), late)


def run_plan_update(args: argparse.Namespace) -> int:
    """Save one change (or a checked batch) as the named account; returns the exit code."""
    from ocop_geo.auth.users import get_account
    from ocop_geo.config import Settings
    from ocop_geo.database.store import StoreError
    from ocop_geo.layers.validate import DataError
    from ocop_geo.readiness.store import ConflictError, ReadinessError

    settings = Settings.from_env()
    try:
        data = _load(settings)
        changes = _changes(args)
    except DataError as exc:
        return fail([str(p) for p in exc.problems], 1)
    except ValueError as exc:
        return fail(f"error: {exc}", 2)
    try:
        store = open_store(settings)
        store.upgrade()
        account = get_account(store, args.user)
        if account is None:
            return fail(f"error: --user {args.user!r} is not an account (ocop-geo users list)", 2)
        _check_all(data, changes, account.user)
        saved = _apply(store, data, changes, account.user, args.expected_version)
    except (ConflictError, ReadinessError) as exc:
        return fail(f"error: {exc}", 2)
    except StoreError as exc:
        return fail(f"error: {exc}", 1)
    for line in saved:
        print(line)
    return 0


def _changes(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The changes asked for: the arguments, or each row of --from (PlanError on bad input)."""
    from ocop_geo.i18n import Message
    from ocop_geo.plan.records import PlanError

    if args.from_file:
        if args.task is not None:
            raise PlanError(Message("plan.error.task_and_file"))
        path = Path(args.from_file)
        try:
            reader = csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines())
        except (OSError, UnicodeDecodeError) as exc:
            message = Message("plan.error.unreadable", file=path.name, error=str(exc))
            raise PlanError(message) from None
        missing = [c for c in ("task", "status") if c not in (reader.fieldnames or [])]
        if missing:
            message = Message("plan.error.columns", file=path.name, columns=", ".join(missing))
            raise PlanError(message)
        rows = []
        for n, row in enumerate(reader, start=2):
            task = (row.get("task") or "").strip()
            if not task.isdigit():
                where = {"file": path.name, "row": n, "task": repr(task)}
                raise PlanError(Message("plan.error.task_not_number", **where))
            cells = {c: (row.get(c) or "").strip() or None for c in UPDATE_COLUMNS[1:]}
            where = Message("plan.error.where", file=path.name, row=n)
            rows.append({"task": int(task), **cells, "where": where})
        return rows
    if args.task is None:
        raise PlanError(Message("plan.error.no_task"))
    return [
        {
            "task": args.task,
            "site": args.site,
            "status": args.status,
            "note": args.note,
            "evidence_url": args.evidence_url,
            "evidence_date": args.evidence_date,
            "where": "",
        }
    ]


def _check_all(data: PlanData, changes: list[dict[str, Any]], user: Any) -> None:
    """Refuse the whole batch (ReadinessError naming the row) before anything is written."""
    from ocop_geo.auth.permissions import can_edit_task
    from ocop_geo.i18n import Message
    from ocop_geo.plan.progress import MILESTONE_OF_TASK
    from ocop_geo.plan.tracking import part_of
    from ocop_geo.readiness import _checks
    from ocop_geo.readiness.store import ReadinessError

    for change in changes:
        try:
            task = data.plan.task(change["task"])
            site, _ = part_of(task, change["site"])
            if not can_edit_task(
                user, task.lead, site if task.number in MILESTONE_OF_TASK else None
            ):
                who = {"who": user.username, "role": user.role}
                message = Message("plan.error.not_lead", **who, task=task.number, lead=task.lead)
                raise ReadinessError(message)
            if change["status"] is not None:
                _checks.check_status(change["status"])
            _checks.check_note(change["note"] or "")
            _checks.check_url(change["evidence_url"])
            _checks.check_date(change["evidence_date"])
        except (KeyError, ReadinessError) as exc:
            error = (
                exc.message
                if isinstance(exc, ReadinessError)
                else Message("plan.error.no_such_task", task=change["task"])
            )
            where = Message("plan.error.at", where=change["where"], error=error)
            raise ReadinessError(where) from None


def _apply(
    store: Store, data: PlanData, changes: list[dict[str, Any]], user: Any, expected: int | None
) -> list[str]:
    saved: list[str] = []
    try:
        for change in changes:
            saved.append(_apply_one(store, data, change, user, expected))
    except Exception:
        for line in saved:  # what was saved before the row that failed
            print(line)
        raise
    return saved


def _apply_one(
    store: Store, data: PlanData, change: dict[str, Any], user: Any, expected: int | None
) -> str:
    from ocop_geo.plan.tracking import part_of, update_task
    from ocop_geo.readiness.records import Change
    from ocop_geo.readiness.store import load_item

    task = data.plan.task(change["task"])
    site, item = part_of(task, change["site"])
    version = expected if expected is not None else load_item(store, site, item).version
    fields = {k: change[k] for k in ("status", "note", "evidence_url", "evidence_date")}
    state = update_task(
        store,
        data.plan,
        data.criteria,
        task.number,
        Change(**fields),
        expected_version=version,
        user=user,
        site_id=change["site"],
    )
    return (
        f"task {task.number} at {site}: {state.status} (version {state.version}, "
        f"by {state.updated_by})"
    )
