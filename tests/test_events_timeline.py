"""The events timeline (planned against actual) and the figures table, from the committed data."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.events.catalog import read_events
from ocop_geo.events.timeline import (
    figure_texts,
    figures_table,
    period_text,
    timeline_chart,
    timeline_rows,
)
from ocop_geo.plan.reader import load_plan


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return read_events(REPO_ROOT / "data" / "events.csv")


def lanes(rows: pd.DataFrame, event_id: str) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(lane, mark) → (start day, end day or the note) of one event's rows."""
    out = {}
    for _, r in rows[rows["event_id"] == event_id].iterrows():
        second = r["end"].date().isoformat() if r["mark"] == "bar" else r["note"]
        out[(r["lane"], r["mark"])] = (r["start"].date().isoformat(), second)
    return out


def test_a_postponed_event_has_both_bars_and_a_postponed_label(events: pd.DataFrame) -> None:
    rows = timeline_rows(events, "vi")
    central = lanes(rows, "mien-trung-tay-nguyen")
    assert central[("planned", "bar")] == ("2020-09-17", "2020-09-22")  # end: the day after
    assert central[("actual", "bar")] == ("2020-10-29", "2020-11-03")
    assert central[("actual", "note")] == ("2020-11-03", "hoãn 42 ngày")
    delta = lanes(timeline_rows(events, "en"), "dong-bang-song-hong")
    assert delta[("actual", "note")][1] == "postponed 49 days"


def test_an_event_held_as_planned_has_no_postponed_label(events: pd.DataFrame) -> None:
    north = lanes(timeline_rows(events, "en"), "mien-nui-phia-bac")
    assert north == {
        ("planned", "bar"): ("2020-07-20", "2020-08-04"),
        ("actual", "bar"): ("2020-07-23", "2020-07-28"),
    }


def test_unknown_outcomes_say_so_in_the_actual_lane(events: pd.DataFrame) -> None:
    rows = timeline_rows(events, "en")
    conference = lanes(rows, "hoi-nghi-thanh-pho")
    assert conference[("planned", "bar")] == ("2020-11-01", "2020-12-01")  # the whole month
    assert conference[("actual", "note")] == ("2020-12-01", "unknown")
    assert ("actual", "bar") not in conference
    south = lanes(rows, "nam-bo")  # no planned date, no outcome: still on the chart
    assert list(south) == [("actual", "note")]
    assert south[("actual", "note")][1] == "unknown"
    van_phuc = lanes(rows, "khai-truong-van-phuc")
    assert van_phuc[("actual", "note")] == ("2020-10-08", "before 8 Oct 2020")
    notes = rows[rows["mark"] == "note"].set_index("event_id")["note_kind"]
    assert notes["khai-truong-van-phuc"] == "by"
    assert notes["tap-huan"] == "unknown"


def test_month_plans_span_whole_months(events: pd.DataFrame) -> None:
    training = lanes(timeline_rows(events, "vi"), "tap-huan")
    assert training[("planned", "bar")] == ("2020-07-01", "2020-09-01")
    assert period_text("2020-07", "2020-08", "vi") == "7/2020 – 8/2020"
    assert period_text("2020-07", "2020-08", "en") == "Jul 2020 – Aug 2020"
    assert period_text("2020-10-08", "2020-10-08", "en") == "8 Oct 2020"


def test_the_year_keeps_2020_and_leaves_the_2023_event_out(events: pd.DataFrame) -> None:
    in_2020 = set(timeline_rows(events, "vi")["event_id"])
    assert "nam-bo-me-linh-2023" not in in_2020
    assert in_2020 == set(events.index) - {"nam-bo-me-linh-2023"}
    every = set(timeline_rows(events, "vi", year=None)["event_id"])
    assert every == set(events.index)


def layer(spec: dict[str, Any], mark: str) -> dict[str, Any]:
    return next(layer for layer in spec["layer"] if layer["mark"]["type"] == mark)


@pytest.mark.parametrize(("lang", "planned", "actual"), [("vi", "Dự kiến", "Thực tế"),
                                                          ("en", "Planned", "Actual")])  # fmt: skip
def test_chart_encodes_time_event_and_lane(
    events: pd.DataFrame, lang: str, planned: str, actual: str
) -> None:
    rows = timeline_rows(events, lang)
    spec = timeline_chart(rows, lang).to_dict()
    bars = layer(spec, "bar")["encoding"]
    assert (bars["x"]["field"], bars["x"]["type"], bars["x2"]["field"]) == (
        "start",
        "temporal",
        "end",
    )
    assert bars["y"]["field"] == "event"
    assert bars["y"]["sort"][:3] == list(events[f"short_{lang}"][:3])  # file order
    assert bars["yOffset"]["field"] == "series"
    assert bars["color"]["scale"]["domain"] == [planned, actual]
    planned_dash, actual_dash = bars["strokeDash"]["scale"]["range"]
    assert planned_dash != actual_dash  # planned is dashed, actual solid
    assert layer(spec, "text")["encoding"]["text"]["field"] == "note"
    data = next(iter(spec["datasets"].values()))
    assert len(data) == len(rows)
    shown = {(d["event_id"], d["series"], d["mark"]) for d in data}
    assert ("mien-trung-tay-nguyen", planned, "bar") in shown
    assert ("mien-trung-tay-nguyen", actual, "bar") in shown
    assert ("mien-trung-tay-nguyen", actual, "note") in shown


def test_figures_table_keeps_lower_bounds_and_unknowns(events: pd.DataFrame) -> None:
    vi = figures_table(events, "vi").set_index("Sự kiện")
    delta = vi.loc["Đồng bằng sông Hồng"]
    assert delta["Lượt khách"] == "hơn 50.000"
    assert delta["Doanh thu"] == "hơn 8 tỷ đồng"
    assert delta["Tình trạng"] == "Hoãn, sau đó tổ chức"
    assert vi.loc["Miền núi phía Bắc", "Doanh thu"] == "chưa rõ"
    en = figures_table(events, "en").set_index("Event")
    assert en.loc["Red River Delta", "Sales"] == "over VND 8 billion"
    assert en.loc["Red River Delta", "Booths"] == "over 150"
    assert en.loc["Central – Central Highlands", "Booths"] == "150"
    assert en.loc["Opening: Vạn Phúc", "Actual"] == "before 8 Oct 2020"
    assert en.loc["OCOP fair, Nov 2020", "Planned"] == "no known plan"
    assert en.loc["South", "Planned"] == "unknown"
    assert list(en["Confidence"]) == list(events["confidence"])


def test_figure_texts_list_every_count_or_only_the_known_ones(events: pd.DataFrame) -> None:
    row = events.loc["mien-nui-phia-bac"]
    everything = figure_texts(row, "en")
    assert list(everything) == [
        "events.col.booths", "events.col.provinces", "events.col.products",
        "events.col.visitors", "events.col.sales",
    ]  # fmt: skip
    assert everything["events.col.booths"] == "150"
    assert everything["events.col.sales"] == "unknown"
    known = figure_texts(row, "en", known_only=True)
    assert known == {k: v for k, v in everything.items() if v != "unknown"}
    assert figure_texts(events.loc["dong-bang-song-hong"], "vi")["events.col.sales"] == (
        "hơn 8 tỷ đồng"
    )


def test_the_plans_month_the_revised_dates_and_the_actual_dates_are_three_lanes(
    events: pd.DataFrame,
) -> None:
    plan = load_plan(REPO_ROOT / "data")
    months = {task.number: (task.planned_start, task.planned_end) for task in plan.tasks}
    rows = timeline_rows(events, "vi", plan=months)
    north = lanes(rows, "mien-nui-phia-bac")
    assert north[("plan", "bar")] == ("2020-06-01", "2020-07-01")  # appendix row 1: 6/2020
    assert north[("planned", "bar")] == ("2020-07-20", "2020-08-04")  # CV 2375/UBND-KT
    assert north[("actual", "bar")] == ("2020-07-23", "2020-07-28")
    delta = lanes(rows, "dong-bang-song-hong")
    assert delta[("plan", "bar")] == ("2020-07-01", "2020-08-01")  # row 2: 7/2020
    assert delta[("planned", "bar")] == ("2020-08-20", "2020-08-25")  # CV 3060/UBND-KT
    south = lanes(rows, "nam-bo")
    assert south[("plan", "bar")] == ("2020-12-01", "2021-01-01")  # row 4: 12/2020
    assert south[("actual", "note")] == ("2021-01-01", "chưa rõ")
    plan_row = rows[(rows["event_id"] == "nam-bo") & (rows["lane"] == "plan")]
    assert plan_row["period"].iloc[0] == "12/2020 (KH 100, phụ lục dòng 4)"
    conference = lanes(rows, "hoi-nghi-thanh-pho")  # planned months are the plan's: no 3rd lane
    assert ("plan", "bar") not in conference
    spec = timeline_chart(rows, "vi").to_dict()
    colour = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert colour == ["Kế hoạch KH 100", "Dự kiến", "Thực tế"]
