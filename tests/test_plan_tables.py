"""The plan's tables against the plan's own text (../shared/plan/), and their checks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.layers.validate import DataError
from ocop_geo.plan.reader import load_plan, parse_period
from ocop_geo.plan.records import Plan

DATA = REPO_ROOT / "data"
PLAN_TEXT = REPO_ROOT.parent / "shared" / "plan" / "000_a9868353c71e0dbb.txt"
PLACES = {"trinh-cong-son", "van-phuc", "bat-trang", "sai-son", "duong-lam", "khuyen-cong",
          "dong-anh"}  # fmt: skip


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(DATA, site_ids=PLACES)


@pytest.fixture(scope="module")
def text() -> str:
    if not PLAN_TEXT.is_file():
        pytest.skip(f"the plan's text is not here: {PLAN_TEXT}")
    return PLAN_TEXT.read_text(encoding="utf-8")


def appendix_rows(text: str) -> dict[int, list[str]]:
    """The appendix's rows as the plan's text lays them out: one tab-led line per cell (a cell
    may continue on lines without a tab); a row is its number and five cells."""
    cells: list[str] = []
    for line in text[text.index("PHỤ LỤC") :].split("\n"):
        if line.startswith("\t"):
            cells.append(line[1:])
        elif cells and line.strip():
            cells[-1] += "\n" + line
    rows: dict[int, list[str]] = {}
    for i, cell in enumerate(cells):
        if re.fullmatch(r"\d{1,2}", cell.strip()) and int(cell) not in rows:
            rows[int(cell)] = [c.strip() for c in cells[i + 1 : i + 6]]
    return rows


def test_every_task_is_the_appendix_row_word_for_word(plan: Plan, text: str) -> None:
    rows = appendix_rows(text)
    assert sorted(rows) == list(range(1, 16))
    for task in plan.tasks:
        title, result, period, lead, cooperating = rows[task.number]
        assert task.title_vi == title, task.number
        assert task.result_vi == result, task.number
        assert task.period_vi == period, task.number
        assert task.lead_vi == lead, task.number
        assert task.cooperating_vi == cooperating, task.number
        start, end = parse_period(period)
        assert (f"{task.planned_start:%Y-%m}", f"{task.planned_end:%Y-%m}") == (start, end)


def test_typos_are_kept_and_noted(plan: Plan) -> None:
    assert plan.task(13).title_vi.startswith("Tổ chúc Hội nghị")
    assert "Tổ chúc" in plan.task(13).note
    assert "đồng bàng sông Hồng" in plan.task(2).result_vi
    assert "du- lịch" in plan.task(9).title_vi


def test_leads_and_periods_a_leader_reads(plan: Plan) -> None:
    assert [t.number for t in plan.tasks if t.lead == "so-cong-thuong"] == [5, 7, 8, 9]
    assert plan.task(6).lead == "ubnd-huyen-thi-diem"
    assert {t.lead for t in plan.tasks if t.section == "III"} == {"so-nnptnt"}
    assert (plan.task(6).planned_start.isoformat(), plan.task(6).planned_end.isoformat()) == (
        "2020-06-01", "2020-12-31")  # fmt: skip
    assert plan.task(4).period_vi == "Tháng 12/2020"
    assert plan.task(10).sites == ("dong-anh",)
    assert plan.task(1).sites == ("trinh-cong-son",)
    assert len(plan.task(9).sites) == 5


def test_section_iv_parties_and_their_duties_are_the_plans(plan: Plan, text: str) -> None:
    section_iv = text[text.index("IV. TỐ CHỨC THỰC HIỆN") : text.index("Trên đây là Kế hoạch")]
    parties = [a for a in plan.agencies if a.listed_in_iv]
    assert [a.section_iv for a in parties] == list(range(1, 14))
    for agency in parties:
        heading = f"\n{agency.section_iv}. "
        assert heading + agency.name_vi.split(" (")[0][:12] in section_iv, agency.id
        for line in agency.duties_vi.split("\n"):
            assert line in section_iv, (agency.id, line[:60])
    others = {a.id for a in plan.agencies if not a.listed_in_iv}
    assert {"vpdp-ntm-tp", "so-noi-vu"} <= others
    assert plan.agency("so-cong-thuong").leads == (5, 7, 8, 9)
    assert 10 in plan.agency("ubnd-dong-anh").cooperates_by_iv


def test_budget_is_section_iii(plan: Plan, text: str) -> None:
    section_iii = text[text.index("III. KINH PHÍ") : text.index("IV. TỐ CHỨC")]
    assert [b.decision for b in plan.budget] == ["6999/QĐ-UBND", "6999/QĐ-UBND"]
    assert all(b.text_vi in section_iii for b in plan.budget)
    funded = sorted(n for b in plan.budget for n in b.funds_tasks)
    assert funded == list(range(1, 16))
    assert plan.budget[1].funds_tasks == (5, 6, 7, 8, 9)


def test_no_row_cites_an_issue() -> None:
    for name in ("plan_tasks.csv", "agencies.csv", "plan_budget.csv", "events.csv",
                 "criteria.yaml"):  # fmt: skip
        assert "issue" not in (DATA / name).read_text(encoding="utf-8").lower(), name


@pytest.mark.parametrize(
    ("column", "old", "new", "expected"),
    [
        (
            "plan_tasks.csv",
            "2020-06,2020-12",
            "2020-06,2020-11",
            "plan_tasks.csv: row 7, column 'planned_start': 2020-06–2020-11 disagrees with the "
            "plan's period 'Tháng 6 đến tháng 12/2020'",
        ),
        (
            "plan_tasks.csv",
            "Sở Công Thương,so-cong-thuong,",
            "Sở Công Thương,so-ct,",
            "plan_tasks.csv: row 6, column 'lead': 'so-ct' is not an id of agencies.csv",
        ),
        (
            "agencies.csv",
            ",5;7;8;9,6,",
            ",5;7;8,6,",
            "agencies.csv: row 3, column 'leads': says tasks [5, 7, 8]; plan_tasks.csv gives",
        ),
    ],
)
def test_a_broken_table_names_file_row_and_column(
    tmp_path: Path, column: str, old: str, new: str, expected: str
) -> None:
    for name in ("plan_tasks.csv", "agencies.csv", "plan_budget.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    path = tmp_path / column
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_plan(tmp_path, site_ids=PLACES)
    assert any(str(p).startswith(expected) for p in caught.value.problems), caught.value


def test_a_site_not_in_the_catalogue_is_refused() -> None:
    with pytest.raises(DataError, match=r"row 2, column 'sites': 'trinh-cong-son' is not"):
        load_plan(DATA, site_ids=PLACES - {"trinh-cong-son"})


def test_period_wording() -> None:
    assert parse_period("Tháng 7- 8/2020") == ("2020-07", "2020-08")
    assert parse_period("Tháng 6 đến tháng 12/2020") == ("2020-06", "2020-12")
    with pytest.raises(ValueError, match="not a period"):
        parse_period("Quý 3/2020")
