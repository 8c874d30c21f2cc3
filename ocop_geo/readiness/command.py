"""``ocop-geo readiness``: the readiness of the sites as of a day, as a table, CSV, JSON, XLSX or
PDF briefing.

Registered by :mod:`ocop_geo.cli.entry`; nothing heavy is imported while the parser is built. The
database is migrated and the known outcomes of ``data/criteria.yaml`` are seeded first (once;
idempotent), as the page does.

Exit codes: 0 success; 1 the data or the database has problems, or Noto Sans is missing for a
PDF; 2 usage errors (a bad --as-of date, an unknown --site, xlsx/pdf without -o, an output file
that cannot be written).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ocop_geo.database.command import open_store
from ocop_geo.io.output import deliver, fail

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ocop_geo.config import Settings
    from ocop_geo.database.store import Store
    from ocop_geo.readiness.briefing_figures import Geography
    from ocop_geo.readiness.criteria import Criteria
    from ocop_geo.readiness.records import AuditEntry
    from ocop_geo.readiness.status import Overview

FORMATS = ("table", "csv", "json", "xlsx", "pdf")
BINARY = ("xlsx", "pdf")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EPILOG = (
    "an item counts as done as of the day when its status is done and its evidence date (else "
    "its update day, Hanoi time) is not after it; a milestone is late when its planned months "
    "ended before the day and it is not done; readiness = done ÷ applicable items. The plan's 15 "
    "tasks (appendix of KH 100/KH-UBND) come with their planned months, status and late flag "
    "(json: plan_tasks; xlsx: a sheet; pdf: a page; see also ocop-geo plan). Exit codes: 1 bad "
    "data, a database error or no Noto Sans font for a PDF; 2 a bad --as-of, an unknown --site, "
    "xlsx/pdf without -o, an output file that cannot be written"
)


@dataclass(frozen=True)
class PlanExtras:
    """What the plan adds to the readiness outputs (made by ``ocop_geo.plan.command``)."""

    records: list[dict[str, Any]] = field(default_factory=list)  # JSON: one per task
    sheet: Any = None  # the plan-tasks sheet (a DataFrame headed in the language)
    pages: tuple[Callable[[Any], None], ...] = ()  # PDF pages
    late: int = 0
    late_tasks: list[Any] | None = None  # readiness.late_tasks.LateTask, for the summary page


#: ``(settings, store, as_of, lang, fmt) → PlanExtras``: given by the ``ocop-geo`` entry point,
#: so this package does not import the plan package (which builds on it).
Extras = Callable[["Settings", "Store", date, str, str], PlanExtras]


def add_readiness_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], *, extras: Extras | None = None
) -> None:
    """Add ``readiness`` to the ``ocop-geo`` sub-commands (``extras`` adds the plan's tasks)."""
    cmd = sub.add_parser(
        "readiness", help="readiness of the sites as of a day (checklists, late milestones)",
        epilog=EPILOG,
    )  # fmt: skip
    cmd.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day (default: today, Hanoi)")
    cmd.add_argument("--site", metavar="ID", help="one site only (e.g. bat-trang)")
    cmd.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    cmd.add_argument("--lang", choices=("vi", "en"), default="vi", help="labels (default: vi)")
    cmd.add_argument("-o", "--output", help="write to this file (atomically); xlsx/pdf need it")
    cmd.set_defaults(func=run_readiness, extras=extras)


def parse_day(text: str) -> date:
    """``YYYY-MM-DD`` as a date; DateTextError (a ValueError) naming the problem otherwise."""
    from ocop_geo.i18n import Message
    from ocop_geo.readiness.items import DateTextError

    if not _DAY.match(text):
        raise DateTextError(Message("ready.error.day", text=repr(text)))
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        message = Message("ready.error.not_a_day", text=repr(text), error=str(exc))
        raise DateTextError(message) from exc


def run_readiness(args: argparse.Namespace) -> int:
    """Compute and print or write the readiness; returns the exit code."""
    from ocop_geo.config import Settings
    from ocop_geo.database.store import StoreError
    from ocop_geo.layers.validate import DataError
    from ocop_geo.readiness import report
    from ocop_geo.readiness.status import today

    if args.format in BINARY and not args.output:
        return fail(f"error: --format {args.format} needs -o FILE", 2)
    try:
        as_of = parse_day(args.as_of) if args.as_of else today()
    except ValueError as exc:
        return fail(f"error: --as-of {exc}", 2)
    settings = Settings.from_env()
    try:
        sites = report.load_sites(settings)
        criteria = report.load_checklist(settings, sites.index)
        geography = report.load_geography(settings, sites) if args.format in BINARY else None
    except DataError as exc:
        return fail([str(p) for p in exc.problems], 1)
    site_ids = [str(i) for i in sites.index]
    if args.site is not None and args.site not in site_ids:
        return fail(f"error: --site {args.site!r} is not a site; known: {', '.join(site_ids)}", 2)
    chosen = [args.site] if args.site else site_ids
    try:
        store = open_store(settings)
        store.upgrade()
        report.seed(store, criteria)
        view = report.status_as_of(store, criteria, chosen, as_of)
        audit = report.audit_log(store, chosen) if args.format == "xlsx" else []
        extras = args.extras or (lambda *_: PlanExtras())
        plan = extras(settings, store, as_of, args.lang, args.format)
    except StoreError as exc:
        return fail(f"error: {exc}", 1)
    except DataError as exc:
        return fail([str(p) for p in exc.problems], 1)
    names = report.site_names(sites, args.lang)
    try:
        output = _render(args.format, view, criteria, names, audit, args.lang, geography, plan)
    except RuntimeError as exc:  # FontMissingError: the message names the package
        return fail(f"error: {exc}", 1)
    if deliver(output, args.output):
        return 2
    print(
        f"as of {as_of.isoformat()}: {view.ready}/{view.with_checklist} sites ready, "
        f"{view.items_done}/{view.items_applicable} items done, "
        f"{view.milestones_late} milestones late, {plan.late} plan tasks late",
        file=sys.stderr,
    )
    return 0


def _render(
    fmt: str,
    view: Overview,
    criteria: Criteria,
    names: Mapping[str, str],
    audit: Sequence[AuditEntry],
    lang: str,
    geography: Geography | None,
    plan: PlanExtras,
) -> bytes:
    from ocop_geo.io import writers
    from ocop_geo.readiness import briefing, export

    if fmt == "xlsx":
        return briefing.workbook(view, names, audit, lang, plan.sheet, geography=geography)
    if fmt == "pdf":
        return briefing.briefing_pdf(view, criteria, names, lang, geography=geography,
                                     late_tasks=plan.late_tasks, more_pages=plan.pages)  # fmt: skip
    if fmt == "csv":
        return writers.table_csv(export.checklist_frame(view, names, lang))
    if fmt == "json":
        data = as_json(view, names) | {"plan_tasks": plan.records, "plan_tasks_late": plan.late}
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()
    lines = [f"{'site':<34} {'readiness':>9} {'done':>7} {'late':>4}  ready"]
    for s in view.sites:
        share = f"{s.share:.0%}" if s.share is not None else "-"
        done = f"{s.done}/{s.applicable}" if s.checklist else "-"
        lines.append(f"{names[s.site_id]:<34} {share:>9} {done:>7} {s.late:>4}  {s.ready}")
    if len(view.sites) == 1:
        lines.append("")
        lines += [f"{i.item.id:<20} {export.status_text(i, lang)}"
                  + (" [late]" if i.late else "") for i in view.sites[0].items]  # fmt: skip
    lines.append(f"plan tasks late: {plan.late} (ocop-geo plan lists the 15 tasks)")
    return ("\n".join(lines) + "\n").encode("utf-8")


def as_json(view: Overview, names: Mapping[str, str]) -> dict:
    """The overview as a JSON-ready dict (dates ISO, UTC times ISO 8601)."""
    from ocop_geo.readiness.export import iso

    return {
        "as_of": view.as_of.isoformat(),
        "sites_ready": view.ready, "sites_with_checklist": view.with_checklist,
        "items_done": view.items_done, "items_applicable": view.items_applicable,
        "milestones_late": view.milestones_late,
        "sites": [{
            "site_id": s.site_id, "name": names[s.site_id], "checklist": s.checklist,
            "readiness": s.share, "done": s.done, "applicable": s.applicable,
            "ready": s.ready, "milestones_late": s.late,
            "items": [{
                "item_id": i.item.id, "kind": i.item.kind, "verified": i.item.verified,
                "status": i.state.status, "status_as_of": i.as_of, "done": i.done,
                "late": i.late, "done_date": iso(i.done_date), "note": i.state.note,
                "evidence_url": i.state.evidence_url, "evidence_date": iso(i.state.evidence_date),
                "updated_by": i.state.updated_by, "updated_at": iso(i.state.updated_at),
                "version": i.state.version,
            } for i in s.items],
        } for s in view.sites],
    }  # fmt: skip
