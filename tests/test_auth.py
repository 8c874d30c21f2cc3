"""Accounts, passwords, lock-out, roles and OIDC mapping — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select, update

from ocop_geo.auth import passwords
from ocop_geo.auth.oidc import oidc_user, roles_from_config
from ocop_geo.auth.permissions import VIEWER, User, can_admin, can_edit
from ocop_geo.auth.users import (
    LOCK_MINUTES,
    MAX_FAILURES,
    WRONG,
    AuthError,
    add_user,
    assign,
    authenticate,
    get_account,
    list_users,
    set_role,
    unassign,
)
from ocop_geo.database.named_rows import MAX_NAME
from ocop_geo.database.store import Store, user_sites, users

PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - test accounts' password
SITES = {"bat-trang", "van-phuc", "duong-lam"}
T0 = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


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


# -- log-in and lock-out ------------------------------------------------------------------------


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


def test_five_failures_lock_the_account_until_the_lock_ends(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    for attempt in range(1, MAX_FAILURES):
        error = fail(store, "lan", now=T0 + timedelta(seconds=attempt))
        assert (str(error), error.locked_until) == (WRONG, None)
    locked_at = T0 + timedelta(seconds=MAX_FAILURES)
    error = fail(store, "lan", now=locked_at)
    until = locked_at + timedelta(minutes=LOCK_MINUTES)
    assert error.locked_until == until
    assert str(error) == (
        f"{WRONG}; the account is locked after 5 failed log-ins, until 2026-12-01 08:15 UTC"
    )
    almost = until - timedelta(seconds=1)
    error = fail(store, "lan", PASSWORD, now=almost)  # the right password, still locked
    assert "locked after 5 failed log-ins, until 2026-12-01 08:15 UTC" in str(error)
    assert get_account(store, "lan").locked_until == until
    user = authenticate(store, "lan", PASSWORD, now=until)
    assert user.username == "lan"
    account = get_account(store, "lan")
    assert (account.failed_logins, account.locked_until) == (0, None)


def test_a_success_resets_the_count_and_an_expired_lock_counts_from_zero(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    for _ in range(MAX_FAILURES - 1):
        fail(store, "lan", now=T0)
    authenticate(store, "lan", PASSWORD, now=T0)
    for _ in range(MAX_FAILURES - 1):
        assert fail(store, "lan", now=T0).locked_until is None
    assert fail(store, "lan", now=T0).locked_until is not None
    later = T0 + timedelta(minutes=LOCK_MINUTES, seconds=1)
    assert fail(store, "lan", now=later).locked_until is None  # one failure, not a new lock
    assert get_account(store, "lan").failed_logins == 1


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
    assert lan == User("lan@hanoi.gov.vn", "Nguyễn Thị Lan", "editor", frozenset({"bat-trang"}))
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
        "lan@hanoi.gov.vn", "lan@hanoi.gov.vn", "editor", frozenset()
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
    assert user == User("o'brien@example.vn", "O'Brien", "viewer")
