"""Accounts, passwords, lock-out, roles and OIDC mapping — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, update

from ocop_geo.auth import passwords, throttle
from ocop_geo.auth.oidc import oidc_user, roles_from_config
from ocop_geo.auth.permissions import VIEWER, User, can_admin, can_edit
from ocop_geo.auth.throttle import MAX_DELAY_SECONDS
from ocop_geo.auth.users import (
    WRONG,
    AuthError,
    add_user,
    assign,
    authenticate,
    get_account,
    list_users,
    set_password,
    set_role,
    unassign,
    unlock,
)
from ocop_geo.database.named_rows import MAX_NAME
from ocop_geo.database.store import Store, login_throttle, user_sites, users

PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - test accounts' password
SITES = {"bat-trang", "van-phuc", "duong-lam"}
T0 = datetime.now(UTC).replace(microsecond=0)  # the admin list counts from the real clock


WRONG_PASSWORD = "not the password"  # noqa: S105 - what a mistyping user sends


def fail(store: Store, username: str, password: str = WRONG_PASSWORD, **kw) -> AuthError:
    with pytest.raises(AuthError) as caught:
        authenticate(store, username, password, **kw)
    return caught.value


# -- passwords ----------------------------------------------------------------------------------


def test_hashes_are_salted_argon2id_and_verify() -> None:
    first, second = passwords.hash_password(PASSWORD), passwords.hash_password(PASSWORD)
    assert first != second  # a fresh salt each time
    assert first.startswith("$argon2id$")
    assert second.startswith("$argon2id$")
    assert PASSWORD not in first
    assert passwords.verify_password(first, PASSWORD)
    assert passwords.verify_password(second, PASSWORD)
    assert not passwords.verify_password(first, PASSWORD.upper())
    assert not passwords.verify_password("not a hash", PASSWORD)
    assert not passwords.verify_password(None, PASSWORD)
    assert not passwords.needs_rehash(first)
    weak = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    assert passwords.needs_rehash(weak)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1234", "at least 10 characters"),
        ("Hoang.Anh1", "must not be the username"),
        ("x" * 1025, "at most 1024 characters"),
    ],
)
def test_the_password_rule(store: Store, password: str, message: str) -> None:
    with pytest.raises(AuthError, match=message):
        add_user(store, "hoang.anh1", role="editor", password=password)
    assert list_users(store) == []


# -- accounts -----------------------------------------------------------------------------------


def test_usernames_are_lower_case_and_unique(store: Store) -> None:
    user = add_user(store, "  Lan ", role="editor", password=PASSWORD, email="Lan@Hanoi.gov.vn")
    assert user == User("lan", "lan", "editor", frozenset())
    with pytest.raises(AuthError, match=r"^user 'lan' exists already$"):
        add_user(store, "LAN", role="viewer", password=PASSWORD)
    with pytest.raises(AuthError, match=r"^e-mail address lan@hanoi\.gov\.vn exists already$"):
        add_user(store, "lan2", role="viewer", password=PASSWORD, email="LAN@hanoi.gov.vn")
    (account,) = list_users(store)
    assert (account.username, account.email, account.has_password) == (
        "lan",
        "lan@hanoi.gov.vn",
        True,
    )
    assert authenticate(store, "LAN", PASSWORD).username == "lan"


@pytest.mark.parametrize(
    "username",
    ["alice'; DROP TABLE users; --", "' OR '1'='1", "o'brien", "bob smith", "x", "-bob", "a" * 121],
)
def test_sql_injection_looking_and_other_bad_usernames_are_refused(
    store: Store, username: str
) -> None:
    add_user(store, "lan", role="viewer", password=PASSWORD)
    with pytest.raises(AuthError, match="is not allowed"):
        add_user(store, username, role="admin", password=PASSWORD)
    assert str(fail(store, username)) == WRONG
    assert [a.username for a in list_users(store)] == ["lan"]  # the table is still there


def test_sql_looking_names_are_stored_as_text(store: Store) -> None:
    name = "Robert'); DROP TABLE users; --"
    add_user(store, "bobby.tables+1@x.vn", role="viewer", password=PASSWORD, display_name=name)
    (account,) = list_users(store)
    assert (account.username, account.display_name) == ("bobby.tables+1@x.vn", name)


def test_unknown_role_site_or_user_is_rejected_and_nothing_written(store: Store) -> None:
    with pytest.raises(AuthError, match="unknown role 'root': expected viewer, editor, admin"):
        add_user(store, "lan", role="root", password=PASSWORD)
    add_user(store, "lan", role="editor", password=PASSWORD)
    with pytest.raises(AuthError, match="unknown role"):
        set_role(store, "lan", "superuser")
    with pytest.raises(AuthError, match=r"unknown site id\(s\): ha-long; known: bat-trang, "):
        assign(store, "lan", ["bat-trang", "ha-long"], known_sites=SITES)
    with pytest.raises(AuthError, match="there is no user 'minh'"):
        assign(store, "minh", ["bat-trang"], known_sites=SITES)
    with pytest.raises(AuthError, match="there is no user 'minh'"):
        set_role(store, "minh", "admin")
    with pytest.raises(AuthError, match="not assigned to: van-phuc"):
        unassign(store, "lan", ["van-phuc"])
    with pytest.raises(AuthError, match="no site id given"):
        assign(store, "lan", [" "], known_sites=SITES)
    assert get_account(store, "lan").sites == frozenset()
    assert get_account(store, "lan").role == "editor"


def test_roles_and_assignments_decide_who_may_edit(store: Store) -> None:
    add_user(store, "an", role="admin", password=PASSWORD, display_name="Trần An")
    add_user(store, "lan", role="editor", password=PASSWORD)
    add_user(store, "minh", role="viewer", password=PASSWORD)
    assign(store, "lan", ["bat-trang", "van-phuc", "bat-trang"], known_sites=SITES)
    assign(store, "lan", ["van-phuc"], known_sites=SITES)  # assigned already: kept once
    assign(store, "minh", ["duong-lam"], known_sites=SITES)
    admin, editor, viewer = (authenticate(store, n, PASSWORD) for n in ("an", "lan", "minh"))
    assert admin.display_name == "Trần An"
    assert editor.sites == {"bat-trang", "van-phuc"}
    assert [can_edit(admin, s) for s in sorted(SITES)] == [True, True, True]
    assert [can_edit(editor, s) for s in sorted(SITES)] == [True, False, True]
    assert [can_edit(viewer, s) for s in sorted(SITES)] == [False, False, False]  # sites ignored
    assert [can_admin(u) for u in (admin, editor, viewer, VIEWER)] == [True, False, False, False]
    assert not can_edit(VIEWER, "bat-trang")
    assert VIEWER.is_anonymous
    assert not editor.is_anonymous

    set_role(store, "minh", "editor")  # the assignment made while a viewer now counts
    assert can_edit(get_account(store, "minh").user, "duong-lam")
    set_role(store, "lan", "viewer")
    assert not can_edit(get_account(store, "lan").user, "bat-trang")
    unassign(store, "lan", ["bat-trang"])
    assert get_account(store, "lan").sites == {"van-phuc"}


# -- log-in and the growing delay ---------------------------------------------------------------


class Clock:
    """The sleep ``authenticate`` calls: records each wait instead of sleeping it."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def test_a_wrong_password_gets_the_same_message_as_an_unknown_user(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    add_user(store, "lan@hanoi.gov.vn", role="editor")  # OIDC: no password
    messages = {
        str(fail(store, "lan")),
        str(fail(store, "nobody", PASSWORD)),
        str(fail(store, "lan@hanoi.gov.vn", PASSWORD)),
        str(fail(store, "", "")),
    }
    assert messages == {WRONG}
    assert "nobody" not in list_users(store)


def test_failures_slow_down_the_next_attempts_up_to_a_cap(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    clock = Clock()
    for _ in range(12):  # each attempt made as soon as the previous one is answered
        fail(store, "lan", now=T0 + timedelta(seconds=sum(clock.waits)), sleep=clock)
    assert clock.waits == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0]  # 3 free, then x2
    assert [throttle.delay_after(n) for n in range(5)] == [0.0, 0.0, 0.0, 1.0, 2.0]
    assert throttle.delay_after(10_000) == MAX_DELAY_SECONDS
    (account,) = list_users(store)
    assert account.failed_logins == 12


def test_an_attacker_failing_on_purpose_never_keeps_the_right_password_out(store: Store) -> None:
    """Regression: 5 failures every 15 minutes used to keep the admin locked out for ever."""
    add_user(store, "an", role="admin", password=PASSWORD)
    attacker = Clock()
    now = T0
    for _ in range(40):  # two failures a second, hours of them in a row
        now += timedelta(seconds=0.5)
        error = fail(store, "an", now=now, sleep=attacker)
        now += timedelta(seconds=error.waited)
    admin = Clock()
    user = authenticate(store, "an", PASSWORD, now=now, sleep=admin)
    assert user.username == "an"
    assert admin.waits
    assert 0 < admin.waits[0] <= MAX_DELAY_SECONDS  # held back at most the cap, then let in
    (account,) = list_users(store)
    assert account.failed_logins == 0  # a success clears the count
    assert authenticate(store, "an", PASSWORD, now=now, sleep=admin).username == "an"
    assert len(admin.waits) == 1  # no wait after the success


def test_the_right_password_waits_at_most_the_cap_even_after_an_old_lock(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    for _ in range(30):
        fail(store, "lan", now=T0, sleep=Clock())
    clock = Clock()
    assert authenticate(store, "lan", PASSWORD, now=T0, sleep=clock).username == "lan"
    assert clock.waits == [MAX_DELAY_SECONDS]
    later = T0 + throttle.FORGET_AFTER
    for _ in range(throttle.FREE_FAILURES):
        fail(store, "lan", now=T0, sleep=Clock())
    clock = Clock()
    fail(store, "lan", now=later, sleep=clock)  # a day later: the old failures are forgotten
    assert clock.waits == []
    (account,) = list_users(store)
    assert account.failed_logins == 1


def test_an_unknown_user_goes_through_the_same_steps_as_a_known_one(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same message, one argon2 verification and one counted failure, and the same waits
    after the same failures, so neither the answer nor its timing tells who has an account."""
    add_user(store, "lan", role="editor", password=PASSWORD)
    add_user(store, "minh@hanoi.gov.vn", role="editor")  # OIDC: no password
    verified: list[str] = []
    real = passwords._verify

    def counted(stored_hash: str, password: str) -> bool:
        verified.append(stored_hash)
        return real(stored_hash, password)

    monkeypatch.setattr(passwords, "_verify", counted)
    waits: dict[str, list[float]] = {}
    for name in ("lan", "nobody", "minh@hanoi.gov.vn", "not a valid name!"):
        clock = Clock()
        errors = [fail(store, name, now=T0, sleep=clock) for _ in range(5)]
        assert {str(e) for e in errors} == {WRONG}
        assert len(verified) == 5, name  # one verification per attempt, known or not
        assert all(h.startswith("$argon2id$") for h in verified)
        waits[name] = clock.waits
        verified.clear()
    assert waits["lan"] == [1.0, 3.0]  # all tried at T0: the 5th waits for the 4th's 1 s too
    assert waits["nobody"] == waits["lan"]
    assert waits["minh@hanoi.gov.vn"] == waits["lan"]
    assert waits["not a valid name!"] == waits["lan"]
    with store.transaction() as conn:
        kept = conn.execute(select(login_throttle.c.name_key, login_throttle.c.failures)).all()
    assert sorted(f for _, f in kept) == [5, 5, 5, 5]
    assert {k for k, _ in kept} == {
        throttle.name_key(n) for n in ("lan", "nobody", "minh@hanoi.gov.vn", "not a valid name!")
    }
    assert all("nobody" not in k and len(k) == 64 for k, _ in kept)  # digests, not what was typed


def test_unlock_and_a_new_password_clear_the_count(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    for _ in range(6):
        fail(store, "lan", now=T0, sleep=Clock())
    assert unlock(store, "LAN", now=T0) == 6
    clock = Clock()
    fail(store, "lan", now=T0, sleep=clock)
    assert clock.waits == []  # checked at once
    assert unlock(store, "lan", now=T0) == 1
    assert unlock(store, "lan", now=T0) == 0
    for _ in range(6):
        fail(store, "lan", now=T0, sleep=Clock())
    set_password(store, "lan", "a new password 2026")
    (account,) = list_users(store)
    assert account.failed_logins == 0
    assert fail(store, "lan", PASSWORD, now=T0, sleep=Clock()).waited == 0
    assert authenticate(store, "lan", "a new password 2026").username == "lan"


def test_set_password_and_unlock_refuse_what_they_cannot_do(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    add_user(store, "lanlanlan1", role="editor", password=PASSWORD)
    add_user(store, "minh@hanoi.gov.vn", role="editor")  # OIDC
    with pytest.raises(AuthError, match="there is no user 'nobody'"):
        unlock(store, "nobody")
    with pytest.raises(AuthError, match="there is no user 'nobody'"):
        set_password(store, "nobody", "a new password 2026")
    with pytest.raises(AuthError, match="logs in through OIDC"):
        set_password(store, "minh@hanoi.gov.vn", "a new password 2026")
    with pytest.raises(AuthError, match="at least 10 characters"):
        set_password(store, "lan", "short")
    with pytest.raises(AuthError, match="must not be the username"):
        set_password(store, "lanlanlan1", "LanLanLan1")
    assert authenticate(store, "lan", PASSWORD).username == "lan"  # the old one still works
    assert not get_account(store, "minh@hanoi.gov.vn").has_password


def test_an_old_hash_is_replaced_at_the_next_log_in(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    weak = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
    with store.transaction(write=True) as conn:
        conn.execute(update(users).where(users.c.username == "lan").values(password_hash=weak))
    authenticate(store, "lan", PASSWORD)
    with store.transaction() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored != weak
    assert not passwords.needs_rehash(stored)
    assert authenticate(store, "lan", PASSWORD).username == "lan"


def test_naive_now_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        authenticate(store, "lan", PASSWORD, now=datetime(2026, 12, 1, 8, 0))


# -- OIDC ---------------------------------------------------------------------------------------


def test_roles_from_config_lower_cases_and_checks() -> None:
    assert roles_from_config({"Lan@Hanoi.gov.vn": "editor", "an@hanoi.gov.vn": "admin"}) == {
        "lan@hanoi.gov.vn": "editor",
        "an@hanoi.gov.vn": "admin",
    }
    assert roles_from_config(None) == {}
    with pytest.raises(AuthError, match=r"\[ocop_roles\] 'lan@hanoi.gov.vn' = 'root'"):
        roles_from_config({"lan@hanoi.gov.vn": "root"})
    with pytest.raises(AuthError, match="not an e-mail address"):
        roles_from_config({"lan": "editor"})


def test_oidc_users_get_their_role_from_the_table_and_sites_from_the_database(
    store: Store,
) -> None:
    roles = roles_from_config({"Lan@Hanoi.gov.vn": "editor"})
    add_user(store, "lan@hanoi.gov.vn", role="viewer", display_name="Lan")  # OIDC account
    assign(store, "lan@hanoi.gov.vn", ["bat-trang"], known_sites=SITES)
    lan = oidc_user("LAN@hanoi.gov.vn", "Nguyễn Thị Lan", roles, store)
    assert lan == User(
        "lan@hanoi.gov.vn", "Nguyễn Thị Lan", "editor", frozenset({"bat-trang"}), role_from="config"
    )
    assert can_edit(lan, "bat-trang")
    assert not can_edit(lan, "van-phuc")

    unknown = oidc_user("khach@example.com", "Khách", roles, store)
    assert (unknown.role, unknown.sites, can_edit(unknown, "bat-trang")) == (
        "viewer",
        frozenset(),
        False,
    )
    assert oidc_user(None, "Ai đó", roles, store).role == "viewer"
    assert oidc_user("lan@hanoi.gov.vn", None, roles, None) == User(
        "lan@hanoi.gov.vn", "lan@hanoi.gov.vn", "editor", frozenset(), role_from="config"
    )


def test_an_oidc_account_without_a_table_entry_keeps_its_database_role(store: Store) -> None:
    add_user(store, "minh@hanoi.gov.vn", role="editor")  # created with `users add --oidc`
    add_user(store, "an@hanoi.gov.vn", role="admin", password=PASSWORD)  # a local account
    assert oidc_user("minh@hanoi.gov.vn", "", {}, store).role == "editor"
    assert oidc_user("an@hanoi.gov.vn", "", {}, store).role == "viewer"  # no role from passwords


def test_an_oidc_account_needs_its_email_as_username(store: Store) -> None:
    with pytest.raises(AuthError, match="username must be its e-mail address"):
        add_user(store, "minh", role="editor")
    with pytest.raises(AuthError, match="username must be its e-mail address"):
        add_user(store, "minh@hanoi.gov.vn", role="editor", email="other@hanoi.gov.vn")
    assert add_user(store, "Minh@Hanoi.gov.vn", role="editor").username == "minh@hanoi.gov.vn"
    assert get_account(store, "minh@hanoi.gov.vn").email == "minh@hanoi.gov.vn"


def test_removing_an_account_removes_its_sites(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    assign(store, "lan", ["bat-trang"], known_sites=SITES)
    with store.transaction(write=True) as conn:
        conn.execute(users.delete().where(users.c.username == "lan"))
        assert conn.execute(select(func.count()).select_from(user_sites)).scalar_one() == 0


def test_a_display_name_has_the_saved_names_limit(store: Store) -> None:
    longest = "Lê " + "a" * (MAX_NAME - 3)
    add_user(store, "lan", role="viewer", password=PASSWORD, display_name=longest)
    assert get_account(store, "lan").display_name == longest
    with pytest.raises(AuthError, match=f"has {MAX_NAME + 1} characters; at most {MAX_NAME}"):
        add_user(store, "minh", role="viewer", password=PASSWORD, display_name=longest + "b")
    assert [a.username for a in list_users(store)] == ["lan"]


def test_an_oidc_address_no_username_can_hold_matches_no_account(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    user = oidc_user("o'brien@example.vn", "O'Brien", {}, store)
    assert user == User("o'brien@example.vn", "O'Brien", "viewer", role_from="config")
