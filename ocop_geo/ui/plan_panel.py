"""Widgets of the plan pages: the cached plan data and seeding, the headline, the Gantt chart, a
task's details (result, lead, cooperating units, evidence point by point, history) and its update
form, the downloads, and the Đông Anh checklist of tasks 10–15.

Every text from the data or the database reaches Markdown only through
:func:`~ocop_geo.text.escape_markdown` (tables show plain text; links go through ``safe_url``).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ocop_geo.auth.permissions import User, can_edit_task
from ocop_geo.database.store import Store, StoreError
from ocop_geo.i18n import date as show_date
from ocop_geo.i18n import error_text, t
from ocop_geo.plan import gantt, report, rows
from ocop_geo.plan.calendar import plan_calendar
from ocop_geo.plan.progress import MILESTONE_OF_TASK, TaskStatus
from ocop_geo.plan.records import PlanTask
from ocop_geo.plan.tracking import task_history, update_task
from ocop_geo.readiness.history import history_line
from ocop_geo.readiness.status import FIRST_DAY, LAST_DAY
from ocop_geo.readiness.store import STATUSES, ConflictError, ReadinessError
from ocop_geo.text import escape_markdown, safe_url
from ocop_geo.ui import loaders
from ocop_geo.ui.choices import placeholder
from ocop_geo.ui.downloads import Download, download_row
from ocop_geo.ui.lang import relabelled
from ocop_geo.ui.readiness_edit import FieldKey, close_form, form_change, notice, open_form, rebase
from ocop_geo.ui.readiness_panel import PlanDownloads

TASK, NOTICE = "plan_task", "plan_notice"


@st.cache_resource(show_spinner=False)
def _data() -> report.PlanData:
    return report.load_plan_data(loaders.settings())


def data(lang: str) -> report.PlanData:
    """The plan's checked tables; on bad data, show every problem and stop."""
    return loaders.checked(_data, lang)


@st.cache_resource(show_spinner=False)
def _seeded(_db: Store, url: str) -> int:
    del url  # the cache key: once per database and server process
    return report.seed_all(_db, _data(), loaders.settings())


def seed(db: Store, lang: str) -> None:
    """Write the known outcomes once (idempotent); a failure is shown, the page goes on."""
    try:
        _seeded(db, db.url)
    except (StoreError, ValueError) as exc:
        st.warning(f"{t('error.database', lang)} {error_text(exc, lang)}")


def progress(
    db: Store, plan_data: report.PlanData, as_of: date, lang: str
) -> tuple[TaskStatus, ...]:
    """Every task as of ``as_of`` (the database error shown and the page stopped on failure)."""
    try:
        return report.progress_as_of(db, plan_data, as_of)
    except StoreError as exc:
        st.error(f"{t('error.database', lang)} {error_text(exc, lang)}")
        st.stop()
        raise


def headline(tasks: tuple[TaskStatus, ...], lang: str) -> None:
    """Tasks done and tasks late as of the day."""
    done, late = st.columns(2)
    done.metric(
        t("plan.tasks_done", lang),
        t("ready.of", lang, n=sum(s.done for s in tasks), total=len(tasks)),
    )
    late.metric(t("plan.tasks_late", lang), sum(s.late for s in tasks))
    st.caption(t("plan.rules", lang))


def chart(
    tasks: tuple[TaskStatus, ...], plan_data: report.PlanData, as_of: date, lang: str
) -> None:
    """The Gantt chart of the 15 tasks, planned against actual, late ones in red."""
    frame = gantt.gantt_frame(tasks, plan_data.plan, lang)
    st.vega_lite_chart(gantt.gantt_data(frame, as_of), _gantt_spec(lang), width="stretch")


@st.cache_data(show_spinner=False, max_entries=4)
def _gantt_spec(lang: str) -> dict:
    """The chart's spec, once per language: Altair's conversion with its schema check took
    ~40 ms of every run of the page (a new day only changes the chart's data)."""
    return gantt.gantt_spec(lang)


def task_picker(tasks: tuple[TaskStatus, ...], lang: str) -> TaskStatus:
    """The task whose details are shown (``?task=`` preselects one)."""
    numbers = [s.task.number for s in tasks]
    wanted = st.query_params.get("task")
    if TASK not in st.session_state or st.session_state[TASK] not in numbers:
        st.session_state[TASK] = (
            int(wanted) if wanted and wanted.isdigit() and int(wanted) in numbers else 1
        )
    by_number = {s.task.number: s for s in tasks}
    chosen = st.selectbox(
        t("plan.pick_task", lang),
        numbers,
        key=relabelled(TASK, lang),
        format_func=lambda n: f"{n}. {by_number[n].task.title(lang)}",
        placeholder=placeholder(numbers, lang),
    )
    return by_number[chosen]


def task_detail(
    status: TaskStatus, plan_data: report.PlanData, names: dict[str, str], lang: str
) -> None:
    """The task as the plan writes it, with its lead, cooperating units, funding and source."""
    task, plan = status.task, plan_data.plan
    badge = f" :red-badge[{t('ready.late', lang)}]" if status.late else ""
    st.subheader(escape_markdown(f"{task.number}. {task.title_vi}") + badge)
    budget = next(b for b in plan.budget if b.id == task.budget)
    lines = [
        (t("plan.title_en", lang), task.title_en),
        (t("plan.result", lang), task.result_vi),
        (t("plan.period_text", lang), task.period_vi),
        (t("plan.lead", lang), plan.agency(task.lead).name(lang)),
        (t("plan.cooperating", lang), task.cooperating_vi),
        (
            t("plan.budget", lang),
            t(
                "plan.budget_line",
                lang,
                section=budget.section,
                decision=budget.decision,
                date=show_date(budget.decision_date.isoformat(), lang),
                holder=plan.agency(budget.holder).name(lang),
            ),
        ),
        (t("plan.col.status", lang), rows.status_text(status, lang)),
        (t("plan.note", lang), task.note),
        (t("plan.source", lang), task.source),
    ]
    st.markdown(
        "\n".join(
            f"- **{escape_markdown(k)}:** {escape_markdown(v)}".replace("\n", "  \n  ")
            for k, v in lines
            if v
        )
    )
    st.markdown(f"**{t('plan.parts', lang)}**")
    st.dataframe(
        parts_table(status, names, lang),
        hide_index=True,
        width="stretch",
        column_config={
            t("plan.evidence", lang): st.column_config.LinkColumn(
                t("plan.evidence", lang), display_text=t("ready.evidence_link", lang)
            )
        },
    )


def parts_table(status: TaskStatus, names: dict[str, str], lang: str) -> pd.DataFrame:
    """The task's parts (one per pilot point for tasks 5–9): status as of the day, evidence."""
    rows_ = []
    for part in status.parts:
        state = part.state
        shown = (
            t("ready.status.done_later", lang, date=show_date(part.done_date.isoformat(), lang))
            if part.as_of == "done_later" and part.done_date
            else t(f"ready.status.{part.as_of}", lang)
        )
        rows_.append(
            {
                t("plan.col.site", lang): names.get(part.site_id, part.site_id),
                t("plan.col.status", lang): shown,
                t("ready.col.evidence_date", lang): show_date(state.evidence_date.isoformat(), lang)
                if state.evidence_date
                else "",
                t("plan.evidence", lang): safe_url(state.evidence_url) or "",
                t("ready.col.note", lang): state.note,
                t("ready.col.by", lang): state.updated_by or "",
            }
        )
    return pd.DataFrame(rows_)


def history(db: Store, task: PlanTask, names: dict[str, str], lang: str) -> None:
    """The task's audit entries, newest first."""
    with st.expander(t("plan.history", lang)):
        try:
            entries = task_history(db, task)
        except StoreError as exc:
            st.warning(f"{t('error.database', lang)} {error_text(exc, lang)}")
            return
        if not entries:
            st.caption(t("ready.no_history", lang))
        for e in entries:
            st.markdown(history_line(e, names.get(e.site_id, e.site_id), lang))


def editor(
    db: Store,
    status: TaskStatus,
    plan_data: report.PlanData,
    user: User,
    names: dict[str, str],
    lang: str,
) -> None:
    """The update form of the task (a pilot point's part for tasks 5–9) for users who may.

    As on the readiness page, the save runs in the button's callback with the version the form
    was opened on; a conflict keeps the user's input, now based on the other person's version.
    """
    task = status.task
    lead = plan_data.plan.agency(task.lead).name(lang)
    per_point = task.number in MILESTONE_OF_TASK
    sites = [p.site_id for p in status.parts]
    allowed = [s for s in sites if can_edit_task(user, task.lead, s if per_point else None)]
    if not allowed:
        st.caption(escape_markdown(t("plan.view_only", lang, lead=lead)))
        return
    notice(NOTICE)
    site = allowed[0]
    if len(allowed) > 1:
        site = st.selectbox(
            t("plan.update_point", lang),
            allowed,
            key=relabelled(f"plan_point_{task.number}", lang),
            format_func=lambda s: names.get(s, s),
            placeholder=placeholder(allowed, lang),
        )
    state = next(p.state for p in status.parts if p.site_id == site)
    prefix = f"plan_form_{task.number}_{site}"
    open_form(_fields(prefix), state)
    with st.form(prefix):
        st.markdown(f"**{escape_markdown(t('plan.update', lang, n=task.number))}**")
        st.selectbox(
            t("ready.field.status", lang),
            STATUSES,
            key=relabelled(f"{prefix}_status", lang),
            format_func=lambda s: t(f"ready.status.{s}", lang),
            placeholder=placeholder(STATUSES, lang),
        )
        st.text_area(t("ready.field.note", lang), key=f"{prefix}_note")
        st.text_input(t("ready.field.url", lang), key=f"{prefix}_evidence_url")
        st.date_input(
            t("ready.field.date", lang),
            key=f"{prefix}_evidence_date",
            format="DD/MM/YYYY",
            min_value=FIRST_DAY,
            max_value=LAST_DAY,
        )
        st.caption(f"v{st.session_state[f'{prefix}_base']}")
        st.form_submit_button(
            t("ready.save", lang),
            on_click=_save,
            args=(db, plan_data, task, site, user, lang, prefix),
        )


def _fields(prefix: str) -> FieldKey:
    return lambda field: f"{prefix}_{field}"


def _save(
    db: Store,
    plan_data: report.PlanData,
    task: PlanTask,
    site: str,
    user: User,
    lang: str,
    prefix: str,
) -> None:
    """Form callback (runs before the script): save, and keep the outcome for the page."""
    form = _fields(prefix)
    change = form_change(form)
    if change is None:
        st.session_state[NOTICE] = ("info", t("ready.nothing", lang))
        return
    try:
        saved = update_task(
            db,
            plan_data.plan,
            plan_data.criteria,
            task.number,
            change,
            expected_version=st.session_state[form("base")],
            user=user,
            site_id=site,
        )
    except ConflictError as exc:
        rebase(form, exc.current)
        st.session_state[NOTICE] = (
            "error",
            t("ready.invalid", lang, message=error_text(exc, lang)),
        )
    except (ReadinessError, StoreError) as exc:
        st.session_state[NOTICE] = (
            "error",
            t("ready.invalid", lang, message=error_text(exc, lang)),
        )
    else:
        close_form(form)
        text = t("plan.saved", lang, n=task.number, version=saved.version)
        st.session_state[NOTICE] = ("success", text)


def task_table(
    tasks: tuple[TaskStatus, ...], plan_data: report.PlanData, lang: str
) -> pd.DataFrame:
    """The tasks as a table (columns in ``lang``)."""
    frame = pd.DataFrame(
        rows.task_rows(tasks, plan_data.plan, lang), columns=list(rows.ROW_COLUMNS)
    )
    return frame.rename(columns={c: t(f"plan.col.{c}", lang) for c in rows.ROW_COLUMNS})


def downloads(
    tasks: tuple[TaskStatus, ...], plan_data: report.PlanData, as_of: date, lang: str
) -> None:
    """The task list as CSV and the planned periods as an iCalendar file."""
    day = as_of.isoformat()
    download_row(
        [
            Download(
                t("plan.download_csv", lang),
                f"ocop-plan-tasks-{day}.csv",
                "text/csv",
                lambda: task_table(tasks, plan_data, lang).to_csv(index=False),
            ),
            Download(
                t("plan.download_ics", lang),
                "ocop-kh100-plan.ics",
                "text/calendar",
                lambda: plan_calendar(plan_data.plan, plan_data.plan.tasks),
            ),
        ],
        "plan_dl",
    )


def readiness_downloads(
    tasks: tuple[TaskStatus, ...], plan_data: report.PlanData, as_of: date, lang: str
) -> PlanDownloads:
    """The plan's sheet and PDF page for the readiness downloads."""
    from ocop_geo.plan.briefing import plan_page
    from ocop_geo.plan.matrix import late_tasks

    return PlanDownloads(
        lambda: task_table(tasks, plan_data, lang),
        lambda: plan_page(tasks, plan_data.plan, as_of, lang),
        lambda: late_tasks(plan_data.plan, tasks, as_of, lang),
    )


def site_checklist(db: Store, site_id: str, as_of: date, lang: str) -> None:
    """The plan tasks that concern ``site_id`` (Đông Anh: tasks 10–15) as its checklist."""
    plan_data = data(lang)
    seed(db, lang)
    tasks = tuple(s for s in progress(db, plan_data, as_of, lang) if site_id in s.task.sites)
    st.markdown(f"**{t('plan.checklist', lang, date=show_date(as_of.isoformat(), lang))}**")
    frame = task_table(tasks, plan_data, lang)
    keep = [t(f"plan.col.{c}", lang) for c in ("task", "title", "period", "lead", "status", "late")]
    st.dataframe(frame[keep], hide_index=True, width="stretch")
