"""``ocop-geo users``: what an admin sees on the command line (a fresh SQLite database)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from ocop_geo.auth.users import AuthError, authenticate, get_account
from ocop_geo.cli.entry import main
from ocop_geo.database.store import Store

PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - a test account's password


@pytest.fixture(autouse=True)
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    monkeypatch.setenv("OCOP_DATABASE_URL", url)
    monkeypatch.setenv("OCOP_NEW_PASSWORD", PASSWORD)
    return url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["users", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_set_role_assign_unassign(capsys, db: str) -> None:
    code, out, err = run(capsys, "add", "Lan", "--role", "editor", "--name", "Nguyễn Thị Lan")
    assert (code, out, err) == (0, "added lan (editor, password set)\n", "")
    assert run(capsys, "add", "an", "--role", "admin", "--email", "An@Hanoi.gov.vn")[0] == 0
    code, out, _ = run(capsys, "assign", "lan", "bat-trang", "van-phuc")
    assert (code, out) == (0, "lan is assigned: bat-trang, van-phuc\n")
    code, out, _ = run(capsys, "assign-agency", "lan", "so-cong-thuong")
    assert (code, out) == (0, "lan works for: so-cong-thuong\n")
    code, out, err = run(capsys, "assign-agency", "lan", "so-khong-co")
    assert code == 2
    assert "unknown agency id(s): so-khong-co" in err
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.splitlines() == [
        "username\trole\tname\temail\tlog-in\tsites\tagencies\tstatus",
        "an\tadmin\tan\tan@hanoi.gov.vn\tpassword\t-\t-\tok",
        "lan\teditor\tNguyễn Thị Lan\t-\tpassword\tbat-trang,van-phuc\tso-cong-thuong\tok",
    ]
    assert get_account(Store.from_url(db), "lan").user.agencies == {"so-cong-thuong"}
    assert run(capsys, "unassign-agency", "lan", "so-cong-thuong")[1] == "lan works for: none\n"
    assert PASSWORD not in out
    assert run(capsys, "set-role", "LAN", "viewer")[1] == "lan is now viewer\n"
    code, out, _ = run(capsys, "unassign", "lan", "van-phuc")
    assert out == "lan is assigned: bat-trang (sites count for editors only)\n"
    store = Store.from_url(db)
    assert authenticate(store, "lan", PASSWORD).role == "viewer"  # the password from the env
    assert get_account(store, "lan").sites == {"bat-trang"}


def test_an_oidc_account_has_no_password(capsys, db: str, monkeypatch) -> None:
    monkeypatch.delenv("OCOP_NEW_PASSWORD")
    code, out, _ = run(capsys, "add", "lan@hanoi.gov.vn", "--role", "editor", "--oidc")
    assert (code, out) == (0, "added lan@hanoi.gov.vn (editor, logs in through OIDC)\n")
    assert (
        "lan@hanoi.gov.vn\teditor\tlan@hanoi.gov.vn\tlan@hanoi.gov.vn\toidc"
        in run(capsys, "list")[1]
    )
    assert not get_account(Store.from_url(db), "lan@hanoi.gov.vn").has_password


def test_the_password_is_typed_twice_when_not_in_the_environment(capsys, db, monkeypatch) -> None:
    monkeypatch.delenv("OCOP_NEW_PASSWORD")
    typed = iter([PASSWORD, PASSWORD + "!"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(typed))
    code, out, err = run(capsys, "add", "lan", "--role", "editor")
    assert (code, out) == (2, "")
    assert err == "error: the two passwords differ; nothing was written\n"
    typed = iter([PASSWORD, PASSWORD])
    assert run(capsys, "add", "lan", "--role", "editor")[0] == 0
    assert authenticate(Store.from_url(db), "lan", PASSWORD).username == "lan"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "lan", "--role", "editor"], "error: user 'lan' exists already\n"),
        (["add", "o'brien", "--role", "editor"], 'error: username "o\'brien" is not allowed'),
        (["assign", "lan", "bat-trang", "ha-long"], "error: unknown site id(s): ha-long; known: "),
        (["assign", "minh", "bat-trang"], "error: there is no user 'minh'"),
        (["set-role", "minh", "admin"], "error: there is no user 'minh'"),
        (["unassign", "lan", "sai-son"], "error: 'lan' is not assigned to: sai-son"),
    ],
)
def test_usage_errors_exit_2_on_stderr(capsys, db: str, args: list[str], message: str) -> None:
    assert run(capsys, "add", "lan", "--role", "editor")[0] == 0
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert get_account(Store.from_url(db), "lan").sites == frozenset()


def test_a_weak_password_writes_nothing(capsys, monkeypatch) -> None:
    monkeypatch.setenv("OCOP_NEW_PASSWORD", "lan")
    code, _, err = run(capsys, "add", "lan", "--role", "editor")
    assert (code, err) == (2, "error: the password must have at least 10 characters\n")
    assert (
        run(capsys, "list")[1] == "username\trole\tname\temail\tlog-in\tsites\tagencies\tstatus\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["add", "lan", "--role", "root"],
        ["add", "lan", "--role", "editor", "--password", PASSWORD],  # never from argv
        ["set-role", "lan"],
        ["assign", "lan"],
    ],
)
def test_bad_arguments_exit_2(capsys, args: list[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["users", *args])
    assert caught.value.code == 2
    assert "usage: ocop-geo" in capsys.readouterr().err


def test_a_database_that_cannot_be_reached_exits_1(capsys, monkeypatch) -> None:
    monkeypatch.setenv("OCOP_DATABASE_URL", "postgresql+psycopg://ocop:x@127.0.0.1:9/nowhere")
    code, out, err = run(capsys, "list")
    assert (code, out) == (1, "")
    assert err.startswith("error: upgrading the database failed on postgresql+psycopg://ocop:***@")


def test_set_password_from_stdin_then_unlock(capsys, db: str, monkeypatch) -> None:
    assert run(capsys, "add", "lan", "--role", "editor")[0] == 0
    store = Store.from_url(db)
    for _ in range(5):
        with pytest.raises(AuthError):
            authenticate(store, "lan", "not the password", sleep=lambda _s: None)
    status = run(capsys, "list")[1].splitlines()[1].split("\t")[-1]
    assert re.fullmatch(r"5 failed log-in\(s\)(, next attempt waits [0-4] s)?", status)
    code, out, err = run(capsys, "unlock", "Lan")
    assert (code, out, err) == (
        0,
        "lan: 5 failed log-in(s) forgotten; the next attempt is checked at once\n",
        "",
    )
    assert run(capsys, "list")[1].splitlines()[1].endswith("\tok")
    assert run(capsys, "unlock", "lan")[1] == "lan had no failed log-ins\n"

    monkeypatch.delenv("OCOP_NEW_PASSWORD")
    monkeypatch.setattr("sys.stdin", io.StringIO("a new password 2026\n"))
    code, out, err = run(capsys, "set-password", "lan", "--password-stdin")
    assert (code, out, err) == (0, "new password set for lan; its failed log-ins are forgotten\n",
                                "")  # fmt: skip
    assert "a new password 2026" not in out
    assert authenticate(store, "lan", "a new password 2026").username == "lan"
    with pytest.raises(AuthError):
        authenticate(store, "lan", PASSWORD)


def test_set_password_is_asked_twice_and_never_an_argument(capsys, db: str, monkeypatch) -> None:
    assert run(capsys, "add", "lan", "--role", "editor")[0] == 0
    monkeypatch.delenv("OCOP_NEW_PASSWORD")
    typed = iter(["a new password 2026", "a new password 2026"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(typed))
    assert run(capsys, "set-password", "lan")[0] == 0
    assert authenticate(Store.from_url(db), "lan", "a new password 2026").username == "lan"
    with pytest.raises(SystemExit) as caught:
        main(["users", "set-password", "lan", "a new password 2026"])
    assert caught.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = run(capsys, "set-password", "lan", "--password-stdin")
    assert (code, out) == (2, "")
    assert err == (
        "error: --password-stdin: standard input holds no password; nothing was written\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["unlock", "minh"], "error: there is no user 'minh'\n"),
        (["set-password", "minh"], "error: there is no user 'minh'\n"),
        (
            ["set-password", "an@hanoi.gov.vn"],
            "error: 'an@hanoi.gov.vn' logs in through OIDC: its password is kept by the "
            "identity provider\n",
        ),
    ],
)
def test_unlock_and_set_password_usage_errors(capsys, args: list[str], message: str) -> None:
    assert run(capsys, "add", "an@hanoi.gov.vn", "--role", "admin", "--oidc")[0] == 0
    assert run(capsys, *args) == (2, "", message)
