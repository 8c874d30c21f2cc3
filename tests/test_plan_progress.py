"""Plan tasks' progress as of a day, updates through the checklist store, seeds and roles
(SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from ocop_geo.auth.guard import ForbiddenError
from ocop_geo.auth.permissions import VIEWER, User
from ocop_geo.auth.users import add_user, assign, assign_agencies, unassign_agencies
from ocop_geo.config import Settings
from ocop_geo.database.store import Store
from ocop_geo.layers.validate import DataError
from ocop_geo.plan.progress import MILESTONE_OF_TASK, task_parts
from ocop_geo.plan.report import PlanData, load_plan_data, progress_as_of, seed_all
from ocop_geo.plan.tracking import PermissionRefusedError, file_seeds, task_history, update_task
from ocop_geo.readiness.store import Change, ConflictError, ReadinessError

PILOTS = ("van-phuc", "bat-trang", "sai-son", "duong-lam", "khuyen-cong")
SCT = User("lan", "Nguyễn Thị Lan", "editor", agencies=frozenset({"so-cong-thuong"}))
SITE_EDITOR = User("an", "An", "editor", sites=frozenset({"sai-son"}))
ADMIN = User("root", "Admin", "admin")
PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - a test account's password


@pytest.fixture(scope="module")
def data() -> PlanData:
    return load_plan_data(Settings.from_env())


@pytest.fixture
def seeded(store: Store, data: PlanData) -> Store:
    """The seeded store, with the accounts of the users below (every write reads the account
    again: a User that no account backs may write nothing)."""
    seed_all(store, data, Settings.from_env())
    for user in (SCT, SITE_EDITOR, ADMIN):
        add_user(store, user.username, role=user.role, password=PASSWORD,
                 display_name=user.display_name)  # fmt: skip
        if user.sites:
            assign(store, user.username, user.sites, known_sites=user.sites)
        if user.agencies:
            assign_agencies(store, user.username, user.agencies, known_agencies=user.agencies)
    return store


def by_number(store: Store, data: PlanData, day: date) -> dict:
    return {t.task.number: t for t in progress_as_of(store, data, day)}


def test_tasks_5_to_9_have_one_part_per_pilot_point(data: PlanData) -> None:
    assert task_parts(data.plan.task(9)) == tuple((p, "opening") for p in PILOTS)
    assert task_parts(data.plan.task(1)) == (("trinh-cong-son", "task-01"),)
    assert task_parts(data.plan.task(13)) == (("dong-anh", "task-13"),)


def test_seeds_give_the_known_outcomes_and_nothing_else(seeded: Store, data: PlanData) -> None:
    end_2020 = by_number(seeded, data, date(2020, 12, 31))
    assert [n for n, t in end_2020.items() if t.done] == [1, 2, 3]
    assert end_2020[1].done_date == date(2020, 7, 27)
    assert end_2020[3].done_date == date(2020, 11, 2)
    opening = end_2020[9]
    assert not opening.done  # Bát Tràng only: one point of five
    assert [p.site_id for p in opening.parts if p.done] == ["bat-trang"]
    assert opening.done_parts == 1
    assert opening.status == "in_progress"
    assert end_2020[15].status == "unknown"
    assert "KH 276/KH-UBND" in end_2020[15].parts[0].state.note
    late = [n for n, t in end_2020.items() if t.late]
    assert late == [5, 7, 8, 9, 10, 11, 12, 13, 14]  # 4, 6, 15 end on 31/12: not late yet
    new_year = by_number(seeded, data, date(2021, 1, 1))
    assert [n for n, t in new_year.items() if t.late] == [4, *range(5, 16)]


def test_late_is_as_of_the_day(seeded: Store, data: PlanData) -> None:
    first_july = by_number(seeded, data, date(2020, 7, 1))
    assert first_july[1].late  # planned 6/2020, held 23–27/7
    assert first_july[1].status == "done_later"
    assert not first_july[2].late  # planned 7/2020: not over yet
    assert by_number(seeded, data, date(2020, 7, 28))[1].done
    assert not by_number(seeded, data, date(2020, 7, 28))[1].late
    assert by_number(seeded, data, date(2021, 1, 1))[15].late


def test_a_task_of_every_point_is_done_when_every_point_is(seeded: Store, data: PlanData) -> None:
    for site in PILOTS:
        change = Change(status="done", evidence_date="2020-06-20")
        update_task(seeded, data.plan, data.criteria, 5, change, expected_version=0, user=SCT,
                    site_id=site)  # fmt: skip
        status = by_number(seeded, data, date(2020, 6, 30))[5]
        assert status.done == (site == PILOTS[-1])
    assert not by_number(seeded, data, date(2020, 7, 1))[5].late
    entries = task_history(seeded, data.plan.task(5))
    assert len(entries) == 5
    assert {e.changed_by for e in entries} == {
        "Nguyễn Thị Lan (lan)"
    }  # the account that made the change


def test_an_agency_taken_away_stops_the_next_task_update(seeded: Store, data: PlanData) -> None:
    unassign_agencies(seeded, "lan", ["so-cong-thuong"])  # SCT was resolved before this
    with pytest.raises(ForbiddenError, match=r"'lan' \(editor\) may not change plan"):
        update_task(seeded, data.plan, data.criteria, 5, Change(status="in_progress"),
                    expected_version=0, user=SCT, site_id="van-phuc")  # fmt: skip


def test_an_agency_editor_may_update_only_what_it_leads(seeded: Store, data: PlanData) -> None:
    with pytest.raises(
        PermissionRefusedError,
        match=r"lan \(editor\) may not update task 10: it is led by so-nnptnt",
    ):
        update_task(seeded, data.plan, data.criteria, 10, Change(status="in_progress"),
                    expected_version=0, user=SCT)  # fmt: skip
    with pytest.raises(PermissionRefusedError, match="anonymous visitor"):
        update_task(seeded, data.plan, data.criteria, 7, Change(status="done"),
                    expected_version=0, user=VIEWER, site_id="sai-son")  # fmt: skip
    site_editor = SITE_EDITOR
    saved = update_task(seeded, data.plan, data.criteria, 7, Change(status="not_started"),
                        expected_version=0, user=site_editor, site_id="sai-son")  # fmt: skip
    assert (saved.site_id, saved.item_id, saved.updated_by) == ("sai-son", "conference", "An (an)")


def test_updates_share_the_stores_checks_and_locking(seeded: Store, data: PlanData) -> None:
    admin = ADMIN
    with pytest.raises(ReadinessError, match="carried out at each pilot point: name one of"):
        update_task(seeded, data.plan, data.criteria, 8, Change(status="done"),
                    expected_version=0, user=admin)  # fmt: skip
    with pytest.raises(ReadinessError, match="status 'finished' is not one of"):
        update_task(seeded, data.plan, data.criteria, 12, Change(status="finished"),
                    expected_version=0, user=admin)  # fmt: skip
    first = update_task(seeded, data.plan, data.criteria, 12, Change(status="in_progress"),
                        expected_version=0, user=admin)  # fmt: skip
    assert first.version == 1
    with pytest.raises(ConflictError, match=r"changed by Admin \(root\)"):
        update_task(seeded, data.plan, data.criteria, 12, Change(status="done"),
                    expected_version=0, user=admin)  # fmt: skip
    with pytest.raises(ConflictError):  # the seed of task 15 is version 1
        update_task(seeded, data.plan, data.criteria, 15, Change(status="done"),
                    expected_version=0, user=admin)  # fmt: skip


def test_seeding_twice_writes_nothing_more(seeded: Store, data: PlanData) -> None:
    assert seed_all(seeded, data, Settings.from_env()) == 0


def test_the_points_milestones_are_appendix_rows_5_to_9(data: PlanData) -> None:
    for number, milestone in MILESTONE_OF_TASK.items():
        task, item = data.plan.task(number), data.criteria.item(milestone)
        assert (item.planned_start, item.planned_end) == (task.planned_start, task.planned_end)
        assert item.sources[0].document.endswith(f"Phụ lục dòng {number}")


def test_a_bad_seed_row_names_file_row_and_column(tmp_path, data: PlanData) -> None:
    path = tmp_path / "plan_seeds.csv"
    path.write_text(
        "task,site,status,evidence_date,evidence_url,note,confidence\n"
        "15,dong-anh,finished,,https://example.org/x,ghi chú,P\n"
        "9,,done,2020-10-08,,,V\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        file_seeds(data.plan, path)
    shown = [str(p) for p in caught.value.problems]
    assert shown[0].startswith("plan_seeds.csv: row 2, column 'status': is not one of")
    assert "row 3, column 'task'/'site': task 9 is carried out at each pilot point" in shown[1]


def test_refused_task_updates_are_explained_in_vietnamese(seeded: Store, data: PlanData) -> None:
    from ocop_geo.i18n import error_text

    with pytest.raises(PermissionRefusedError) as lead:
        update_task(seeded, data.plan, data.criteria, 10, Change(status="in_progress"),
                    expected_version=0, user=SCT)  # fmt: skip
    assert error_text(lead.value, "vi").startswith(
        "lan (editor) không được cập nhật nhiệm vụ 10: nhiệm vụ này do so-nnptnt chủ trì; "
        "quản trị viên có thể gán tài khoản cho đơn vị đó"
    )
    with pytest.raises(PermissionRefusedError) as anonymous:
        update_task(seeded, data.plan, data.criteria, 7, Change(status="done"),
                    expected_version=0, user=VIEWER, site_id="sai-son")  # fmt: skip
    assert error_text(anonymous.value, "vi").startswith("khách chưa đăng nhập (viewer) không được")
    with pytest.raises(ReadinessError) as unknown:
        update_task(seeded, data.plan, data.criteria, 16, Change(status="done"),
                    expected_version=0, user=ADMIN)  # fmt: skip
    assert error_text(unknown.value, "vi") == (
        "nhiệm vụ 16 không có trong phụ lục của kế hoạch (1–15)"
    )
    assert str(unknown.value) == "task 16 is not a task of the plan's appendix (1–15)"
    with pytest.raises(ReadinessError) as point:
        update_task(seeded, data.plan, data.criteria, 5, Change(status="done"),
                    expected_version=0, user=ADMIN)  # fmt: skip
    assert error_text(point.value, "vi") == (
        "nhiệm vụ 5 được thực hiện tại từng điểm thí điểm: hãy chọn một trong các điểm "
        + ", ".join(PILOTS)
    )
