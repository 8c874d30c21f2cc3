"""Database errors in the reader's language: Vietnamese on the pages, the same English as before
in logs and on the command line (real SQLite files in tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocop_geo.database.store import Store, StoreError, head_revision
from ocop_geo.i18n import error_text


def refused(call, *args) -> StoreError:
    with pytest.raises(StoreError) as caught:
        call(*args)
    return caught.value


def test_an_unsupported_database_url() -> None:
    error = refused(Store.from_url, "mysql://u@h/db")
    assert str(error).startswith("unsupported database 'mysql': use sqlite:///PATH or ")
    assert error_text(error, "vi").startswith(
        "không hỗ trợ cơ sở dữ liệu 'mysql': hãy dùng sqlite:///PATH hoặc "
    )


def test_backup_and_restore_refusals_name_the_file(tmp_path: Path) -> None:
    store = Store.from_url(f"sqlite:///{tmp_path / 'ocop.sqlite3'}")
    store.upgrade()
    taken = tmp_path / "taken.sqlite3"
    taken.write_bytes(b"")
    error = refused(store.backup, taken)
    assert str(error) == f"{taken} exists already; choose a new file for the backup"
    assert error_text(error, "vi") == f"{taken} đã tồn tại; hãy chọn một tệp mới để sao lưu"
    missing = tmp_path / "none.sqlite3"
    error = refused(store.restore, missing)
    assert (str(error), error_text(error, "vi")) == (
        f"no backup file at {missing}",
        f"không có tệp sao lưu tại {missing}",
    )
    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    error = refused(store.restore, text)
    assert str(error) == f"{text} is not an OCOP Geo backup (not an SQLite database)"
    assert error_text(error, "vi") == (
        f"{text} không phải là bản sao lưu OCOP Geo (không phải cơ sở dữ liệu SQLite)"
    )


def test_an_empty_database_must_be_upgraded_first(tmp_path: Path) -> None:
    store = Store.from_url(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    error = refused(store.backup, tmp_path / "backup.sqlite3")
    head = head_revision()
    assert str(error) == (
        f"backing up needs the database at schema revision {head}, but {store.url} is at "
        "no revision (empty); run `ocop-geo db upgrade` first"
    )
    assert error_text(error, "vi") == (
        f"sao lưu cần cơ sở dữ liệu ở phiên bản lược đồ {head}, nhưng {store.url} đang ở "
        "chưa có phiên bản (cơ sở dữ liệu trống); hãy chạy `ocop-geo db upgrade` trước"
    )


def test_a_failed_query_names_the_action_and_keeps_the_drivers_words(tmp_path: Path) -> None:
    from ocop_geo.routing.saved import list_routes

    store = Store.from_url(f"sqlite:///{tmp_path / 'never-upgraded.sqlite3'}")
    error = refused(list_routes, store)
    assert str(error).startswith(f"listing saved tours failed on {store.url}: ")
    assert "no such table" in str(error)
    assert str(error).endswith("(the database schema is not up to date: run `ocop-geo db upgrade`)")
    vi = error_text(error, "vi")
    assert vi.startswith(f"liệt kê các tour đã lưu không thành công trên {store.url}: ")
    assert "no such table" in vi
    assert vi.endswith("(lược đồ cơ sở dữ liệu chưa được cập nhật: hãy chạy `ocop-geo db upgrade`)")


def test_failed_checklist_and_registry_queries_name_their_action_in_vietnamese(
    tmp_path: Path,
) -> None:
    from ocop_geo.readiness.store import load_states
    from ocop_geo.registry.imports import list_imports

    store = Store.from_url(f"sqlite:///{tmp_path / 'never-upgraded.sqlite3'}")
    checklist = refused(load_states, store)
    assert str(checklist).startswith(f"reading the readiness checklist failed on {store.url}: ")
    assert error_text(checklist, "vi").startswith(
        f"đọc danh mục kiểm tra mức sẵn sàng không thành công trên {store.url}: "
    )
    listing = refused(list_imports, store)
    assert error_text(listing, "vi").startswith(
        f"liệt kê các lần nhập danh sách sản phẩm không thành công trên {store.url}: "
    )
