"""``ocop-geo plan`` and ``ocop-geo plan-update``: what an agency's assistant sees and does on the
command line (committed data, a fresh SQLite database per test)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from ocop_geo.auth.users import add_user, assign_agencies
from ocop_geo.cli.entry import main
from ocop_geo.config import REPO_ROOT
from ocop_geo.database.store import Store
from ocop_geo.plan.reader import load_plan
from ocop_geo.plan.tracking import task_history

PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - a test account's password
pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    monkeypatch.setenv("OCOP_DATABASE_URL", url)
    store = Store.from_url(url)
    store.upgrade()
    add_user(store, "lan", role="editor", password=PASSWORD, display_name="Nguyễn Thị Lan")
    assign_agencies(store, "lan", ["so-cong-thuong"], known_agencies={"so-cong-thuong"})
    store.close()
    return url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_table_lists_the_15_tasks_with_late_ones(capsys) -> None:
    code, out, err = run(capsys, "plan", "--as-of", "2020-12-31")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 16
    assert lines[1].split()[:2] == ["1", "6/2020"]
    assert "hoàn thành" in lines[1]
    assert lines[9].split()[0] == "9"
    assert "đang thực hiện — trễ hạn" in lines[9]
    assert "(1/5)" in lines[9]  # Bát Tràng only
    assert err.strip() == "as of 2020-12-31: 3/15 tasks done, 9 late"


def test_json_and_csv_and_agency_filter(capsys) -> None:
    code, out, _ = run(capsys, "plan", "--as-of", "2020-10-08", "--format", "json",
                       "--agency", "so-cong-thuong")  # fmt: skip
    assert code == 0
    doc = json.loads(out)
    assert [t["task"] for t in doc["tasks"]] == [5, 6, 7, 8, 9]  # leads 5, 7, 8, 9; cooperates 6
    assert [p["site"] for p in doc["tasks"][0]["parts"]] == [
        "van-phuc", "bat-trang", "sai-son", "duong-lam", "khuyen-cong"
    ]  # fmt: skip
    assert doc["tasks"][0]["late"]
    assert doc["tasks"][0]["planned_end"] == "2020-06"
    code, out, _ = run(capsys, "plan", "--format", "csv", "--lang", "en", "--as-of", "2021-01-01")
    table = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(table) == 15
    assert table[12]["title"].startswith("Conference for comments of scientists")
    assert table[14]["late"] == "yes"


def test_ics_has_one_all_day_event_per_planned_period(capsys, tmp_path: Path) -> None:
    path = tmp_path / "kh100.ics"
    assert (
        run(capsys, "plan", "--format", "ics", "--agency", "ubnd-dong-anh", "-o", str(path))[0] == 0
    )
    cal = Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    assert len(events) == 6  # Đông Anh cooperates on the Đề án (IV.10): tasks 10–15
    first = events[0]
    assert str(first["summary"]).startswith("KH 100 — 10. Điều tra, khảo sát")
    assert (first.decoded("dtstart").isoformat(), first.decoded("dtend").isoformat()) == (
        "2020-05-01", "2020-08-01")  # fmt: skip
    assert "Tháng 5- 7/2020" in str(first["description"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "31/12/2020"], "error: --as-of '31/12/2020' is not a date written"),
        (["--agency", "so-y-te"], "error: --agency 'so-y-te' is not an agency; known: so-nnptnt,"),
    ],
)
def test_usage_errors(capsys, args: list[str], message: str) -> None:
    code, out, err = run(capsys, "plan", *args)
    assert (code, out) == (2, "")
    assert err.startswith(message)


def test_update_is_signed_by_the_account_and_checked(capsys) -> None:
    code, out, err = run(capsys, "plan-update", "9", "--site", "sai-son", "--status", "done",
                         "--date", "2020-10-20", "--url", "https://example.org/sai-son",
                         "--user", "lan")  # fmt: skip
    assert code == 0, err
    assert out == "task 9 at sai-son: done (version 1, by Nguyễn Thị Lan (lan))\n"
    code, _, err = run(capsys, "plan-update", "12", "--status", "done", "--user", "lan")
    assert code == 2
    assert "lan (editor) may not update task 12: it is led by so-nnptnt" in err
    code, _, err = run(capsys, "plan-update", "9", "--status", "done", "--user", "lan")
    assert code == 2
    assert "carried out at each pilot point: name one of van-phuc" in err
    code, _, err = run(capsys, "plan-update", "7", "--site", "sai-son", "--status", "finished",
                       "--user", "lan")  # fmt: skip
    assert code == 2
    assert "status 'finished' is not one of" in err
    code, _, err = run(capsys, "plan-update", "7", "--site", "sai-son", "--status", "done",
                       "--user", "nobody")  # fmt: skip
    assert code == 2
    assert "--user 'nobody' is not an account" in err
    code, _, err = run(capsys, "plan-update", "9", "--site", "sai-son", "--status", "blocked",
                       "--expected-version", "0", "--user", "lan")  # fmt: skip
    assert code == 2
    assert "was changed by Nguyễn Thị Lan (lan)" in err  # a stale version


def test_a_batch_is_checked_whole_before_anything_is_saved(capsys, db: str, tmp_path: Path) -> None:
    batch = tmp_path / "sct.csv"
    batch.write_text(
        "task,site,status,note,evidence_url,evidence_date\n"
        "5,van-phuc,done,Khảo sát xong,,2020-06-15\n"
        "5,bat-trang,done,,,2020-06-16\n"
        "10,,done,,,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "plan-update", "--from", str(batch), "--user", "lan")
    assert (code, out) == (2, "")
    assert "sct.csv: row 4: lan (editor) may not update task 10" in err
    store = Store.from_url(db)
    plan = load_plan(REPO_ROOT / "data")
    assert task_history(store, plan.task(5)) == []  # nothing written
    batch.write_text("\n".join(batch.read_text(encoding="utf-8").splitlines()[:3]) + "\n",
                     encoding="utf-8")  # fmt: skip
    code, out, err = run(capsys, "plan-update", "--from", str(batch), "--user", "lan")
    assert code == 0, err
    assert out.splitlines()[1] == "task 5 at bat-trang: done (version 1, by Nguyễn Thị Lan (lan))"
    assert len(task_history(store, plan.task(5))) == 2
    store.close()
