"""Account errors in the reader's language: Vietnamese on the pages, the same English as before
in logs and on the command line."""

from __future__ import annotations

import pytest

from ocop_geo.auth.oidc import roles_from_config
from ocop_geo.auth.users import (
    WRONG,
    AuthError,
    add_user,
    assign,
    authenticate,
    set_password,
)
from ocop_geo.database.store import Store
from ocop_geo.i18n import error_text

PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - test accounts' password


def refused(call, *args, **kw) -> AuthError:
    with pytest.raises(AuthError) as caught:
        call(*args, **kw)
    return caught.value


def test_a_bad_username_is_explained_in_both_languages(store: Store) -> None:
    error = refused(add_user, store, "a b", role="viewer", password=PASSWORD)
    assert str(error) == (
        "username 'a b' is not allowed: 2–120 characters, lower-case letters, digits and "
        ". _ @ + -, starting with a letter or digit"
    )
    assert error_text(error, "vi").startswith(
        "tên đăng nhập 'a b' không hợp lệ: phải có 2–120 ký tự"
    )


def test_the_password_rule_speaks_vietnamese(store: Store) -> None:
    error = refused(add_user, store, "lan", role="editor", password="short")  # noqa: S106 - a refused password
    assert str(error) == "the password must have at least 10 characters"
    assert error_text(error, "vi") == "mật khẩu phải có ít nhất 10 ký tự"


def test_unknown_role_user_and_site_name_the_value(store: Store) -> None:
    error = refused(add_user, store, "lan", role="boss", password=PASSWORD)
    assert str(error) == "unknown role 'boss': expected viewer, editor, admin"
    assert error_text(error, "vi") == (
        "vai trò 'boss' không hợp lệ: phải là một trong các giá trị viewer, editor, admin"
    )
    error = refused(set_password, store, "ghost", PASSWORD)
    assert (str(error), error_text(error, "vi")) == (
        "there is no user 'ghost'",
        "người dùng 'ghost' không tồn tại",
    )
    add_user(store, "lan", role="editor", password=PASSWORD)
    error = refused(assign, store, "lan", ["hoan-kiem"], known_sites={"bat-trang"})
    assert str(error) == "unknown site id(s): hoan-kiem; known: bat-trang"
    assert error_text(error, "vi") == "mã điểm không tồn tại: hoan-kiem; các mã hiện có: bat-trang"


def test_a_taken_username_and_a_control_character_in_the_display_name(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    error = refused(add_user, store, "LAN", role="viewer", password=PASSWORD)
    assert (str(error), error_text(error, "vi")) == (
        "user 'lan' exists already",
        "người dùng 'lan' đã tồn tại",
    )
    error = refused(
        add_user, store, "mai", role="viewer", password=PASSWORD, display_name="Mai\x07"
    )
    assert str(error) == "the display name contains a control character (U+0007) at position 4"
    assert error_text(error, "vi").startswith("tên hiển thị ")
    assert "U+0007" in error_text(error, "vi")
    assert "control" not in error_text(error, "vi")


def test_a_failed_log_in_says_the_same_in_every_language(store: Store) -> None:
    add_user(store, "lan", role="editor", password=PASSWORD)
    error = refused(authenticate, store, "lan", "not the password", sleep=lambda _s: None)
    assert str(error) == WRONG
    assert error_text(error, "vi") == "sai tên đăng nhập hoặc mật khẩu"


def test_a_broken_roles_table_names_the_entry() -> None:
    error = refused(roles_from_config, {"a@b.vn": "boss"})
    assert str(error) == "[ocop_roles] 'a@b.vn' = 'boss': expected one of viewer, editor, admin"
    assert error_text(error, "vi") == (
        "[ocop_roles] 'a@b.vn' = 'boss': vai trò phải là một trong các giá trị "
        "viewer, editor, admin"
    )
