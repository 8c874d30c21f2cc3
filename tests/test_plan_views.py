"""The plan's views without the app: the Gantt data and chart (and its PNG), the agencies matrix,
late tasks by lead agency, the task rows."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.plan import gantt, matrix, rows
from ocop_geo.plan.progress import plan_progress
from ocop_geo.plan.reader import load_plan
from ocop_geo.plan.records import Plan
from ocop_geo.readiness.records import ItemState

DONE_1 = ItemState("trinh-cong-son", "task-01", "done", evidence_date=date(2020, 7, 27), version=1)
DONE_9 = ItemState("bat-trang", "opening", "done", evidence_date=date(2020, 10, 8), version=1)
STATES = {("trinh-cong-son", "task-01"): DONE_1, ("bat-trang", "opening"): DONE_9}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(REPO_ROOT / "data")


def test_gantt_bars_planned_late_actual_and_partial(plan: Plan) -> None:
    frame = gantt.gantt_frame(plan_progress(plan, STATES, date(2020, 11, 1)), plan, "en")
    by = {(r.order, r.series): r for r in frame.itertuples()}
    assert by[(1, "Planned")].kind == "planned"  # done: not late
    assert (by[(1, "Actual")].kind, str(by[(1, "Actual")].start.date())) == ("actual", "2020-07-27")
    assert by[(9, "Planned")].kind == "late"  # one point of five by the end of October
    assert by[(9, "Actual")].kind == "partial"
    assert (str(by[(6, "Planned")].start.date()), str(by[(6, "Planned")].end.date())) == (
        "2020-06-01", "2021-01-01")  # fmt: skip
    assert (15, "Actual") not in by
    assert set(frame["section"]) == {"I. Regional events", "II. Pilot points",
                                     "III. The centre's Đề án"}  # fmt: skip


def test_the_chart_renders_to_a_png(plan: Plan) -> None:
    frame = gantt.gantt_frame(plan_progress(plan, STATES, date(2020, 11, 1)), plan, "vi")
    chart = gantt.gantt_chart(frame, date(2020, 11, 1), "vi", width=300)
    spec = chart.to_dict()
    assert spec["facet"]["row"]["field"] == "section"
    png = gantt.gantt_png(chart, scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("as_of", "rule"), [(date(2020, 11, 1), True), (date(2026, 12, 6), False)])
def test_the_axis_spans_the_plan_not_a_day_years_later(plan: Plan, as_of: date, rule: bool) -> None:
    """Opened today (the default), the plan's 2020 bars still fill the chart: the axis ends with
    the plan's last bar and the as-of rule is left out; a day within the plan gets its rule (one
    per section). Read from the chart as drawn (SVG, vl-convert)."""
    import vl_convert

    frame = gantt.gantt_frame(plan_progress(plan, STATES, as_of), plan, "en")
    svg = vl_convert.vegalite_to_svg(gantt.gantt_chart(frame, as_of, "en").to_json())
    months = re.findall(r">(\d\d/\d{4})</text>", svg)
    # the appendix's periods run from May 2020 to the end of December 2020
    assert (months[0], months[-1]) == ("05/2020", "01/2021")
    drawn = re.findall(r'<g class="mark-rule role-mark[^"]*"[^>]*>(.*?)</g>', svg)
    assert [part.count("<line") for part in drawn] == [int(rule)] * 3


def test_one_spec_serves_every_day(plan: Plan) -> None:
    """The page sends the chart's spec apart from its data: the spec must not change with the
    day (the browser then only swaps the data), and the data carries the day."""
    days = (date(2020, 7, 1), date(2020, 11, 1))
    frames = [gantt.gantt_frame(plan_progress(plan, STATES, d), plan, "vi") for d in days]
    data = [gantt.gantt_data(f, d) for f, d in zip(frames, days, strict=True)]
    assert [str(d["as_of"].iloc[0].date()) for d in data] == ["2020-07-01", "2020-11-01"]
    assert not data[0].equals(data[1])
    spec = gantt.gantt_spec("vi")
    assert "data" not in spec
    assert "2020" not in json.dumps(spec)
    pdf = gantt.gantt_chart(frames[1], days[1], "vi").to_dict()  # the PDF's chart, data aside
    assert spec == {k: v for k, v in pdf.items() if k not in ("data", "datasets", "config")}


def test_matrix_roles_and_late_by_lead(plan: Plan) -> None:
    table = matrix.matrix(plan, "vi").set_index("Đơn vị")
    assert table.loc["Sở Công Thương", "5"] == "chủ trì"
    assert table.loc["Sở Công Thương", "6"] == "phối hợp"
    assert table.loc["Ủy ban nhân dân huyện Đông Anh", "10"] == "phối hợp (mục IV)"
    assert table.loc["Sở Nội vụ (Ban Thi đua - Khen thưởng Thành phố)"].eq("").all()
    progress = plan_progress(plan, STATES, date(2020, 9, 1))
    groups = matrix.late_by_lead(plan, progress)
    assert {k: [s.task.number for s in v] for k, v in groups.items()} == {
        "so-nnptnt": [2, 10], "so-cong-thuong": [5, 8]
    }  # fmt: skip
    view = matrix.agency_view(plan.agency("so-cong-thuong"), progress)
    assert [s.task.number for s in view.late] == [5, 8]
    assert [s.task.number for s in view.cooperates] == [6]


def test_task_rows_in_both_languages(plan: Plan) -> None:
    progress = plan_progress(plan, STATES, date(2020, 7, 20))
    vi = rows.task_rows(progress, plan, "vi")
    assert vi[0]["status"] == "chưa xong (xong ngày 27/7/2020) — trễ hạn"  # planned 6/2020
    assert vi[8]["status"] == "chưa rõ"  # one point done later, four unknown
    assert vi[5]["period"] == "6/2020–12/2020"
    assert (vi[8]["done_parts"], vi[0]["late"]) == ("0/5", "có")
    en = rows.task_rows(plan_progress(plan, STATES, date(2020, 8, 1)), plan, "en")
    assert en[0]["status"] == "done"
    assert en[1]["status"] == "unknown — late"
    assert en[6]["lead"] == "Department of Industry and Trade"
    record = rows.task_record(progress[0])
    assert (record["status"], record["late"], record["done_date"]) == ("done_later", True, None)
