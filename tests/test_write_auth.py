"""Authorization where the write happens (ocop_geo.auth.guard), through the library API, on real
SQLite and PostgreSQL databases: viewers write nothing, editors save tours and candidate sets and
edit the checklists of their sites only, admins do all; a demotion, an unassignment or a removed
account stops the very next write of a ``User`` resolved before it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from ocop_geo.auth.guard import ForbiddenError
from ocop_geo.auth.oidc import oidc_user
from ocop_geo.auth.permissions import OPERATOR, VIEWER, User, can_write
from ocop_geo.auth.users import add_user, assign, get_account, set_role, unassign
from ocop_geo.candidates.reader import Candidate
from ocop_geo.candidates.saved import delete_set, list_sets, save_set
from ocop_geo.database.store import Store, users
from ocop_geo.readiness.store import Change, load_item, update_item
from ocop_geo.registry.imports import list_imports, remove_import
from ocop_geo.routing.request import RouteRequest
from ocop_geo.routing.saved import delete_route, list_routes, save_route
from tests.test_registry_imports import save as save_registry

PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - a test account's password
TOUR = RouteRequest(stop_ids=("bat-trang", "van-phuc"), mode="car", start_min=480)
SET = (Candidate("Vân Hà", 105.8985, 21.1503),)
KNOWN = {"bat-trang": {"signage"}, "van-phuc": {"signage"}}


def account(store: Store, name: str, role: str, sites: tuple[str, ...] = ()) -> User:
    add_user(store, name, role=role, password=PASSWORD, display_name=name.title())
    if sites:
        assign(store, name, sites, known_sites=set(KNOWN))
    found = get_account(store, name)
    assert found is not None
    return found.user


def checklist(store: Store, user: User, site: str = "bat-trang") -> object:
    version = load_item(store, site, "signage").version
    return update_item(store, site, "signage", Change(note="biển đã lắp"),
                       expected_version=version, by="x", actor=user, known_items=KNOWN)  # fmt: skip


#: Each write path, as (kind, write as ``user``): the kinds of ocop_geo.auth.permissions.WRITES.
WRITES: dict[str, Callable[[Store, User], object]] = {
    "save tour": lambda s, u: save_route(s, "Tour", TOUR, saved_by="x", actor=u, replace=True),
    "delete tour": lambda s, u: delete_route(s, "Tour", actor=u),
    "save set": lambda s, u: save_set(s, "Bộ", SET, saved_by="x", actor=u, replace=True),
    "delete set": lambda s, u: delete_set(s, "Bộ", actor=u),
    "import registry": lambda s, u: save_registry(s, "Danh sách", actor=u, replace=True),
    "remove registry": lambda s, u: remove_import(s, list_imports(s)[0].id, actor=u),
    "edit checklist": checklist,
}


def seed(store: Store) -> None:
    """One saved tour, candidate set and registry import for the delete paths to find."""
    save_route(store, "Tour", TOUR, saved_by="x", actor=OPERATOR)
    save_set(store, "Bộ", SET, saved_by="x", actor=OPERATOR)
    save_registry(store, "Danh sách", actor=OPERATOR)


def snapshot(store: Store) -> tuple[object, ...]:
    return (
        [(r.name, r.saved_at) for r in list_routes(store)],
        [(s.name, s.saved_at) for s in list_sets(store)],
        [(i.id, i.imported_at) for i in list_imports(store)],
        load_item(store, "bat-trang", "signage"),
    )


@pytest.mark.parametrize("write", list(WRITES))
def test_an_anonymous_viewer_writes_nothing(store: Store, write: str) -> None:
    seed(store)
    before = snapshot(store)
    with pytest.raises(ForbiddenError, match="log in to save: viewers may not change"):
        WRITES[write](store, VIEWER)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("write", "allowed"),
    [
        ("save tour", True),
        ("delete tour", True),
        ("save set", True),
        ("delete set", True),
        ("import registry", False),  # the city-wide product list: admins only
        ("remove registry", False),
        ("edit checklist", True),  # bat-trang is hers
    ],
)
def test_an_editor_writes_tours_sets_and_her_sites_checklist(
    store: Store, write: str, allowed: bool
) -> None:
    seed(store)
    lan = account(store, "lan", "editor", ("bat-trang",))
    before = snapshot(store)
    if allowed:
        WRITES[write](store, lan)
        assert snapshot(store) != before
    else:
        with pytest.raises(ForbiddenError, match=r"'lan' \(editor\) may not change registry"):
            WRITES[write](store, lan)
        assert snapshot(store) == before


def test_an_editor_cannot_edit_a_site_not_assigned_to_her(store: Store) -> None:
    lan = account(store, "lan", "editor", ("bat-trang",))
    with pytest.raises(ForbiddenError, match="on site 'van-phuc'"):
        checklist(store, lan, "van-phuc")
    assert load_item(store, "van-phuc", "signage").version == 0


@pytest.mark.parametrize("write", list(WRITES))
def test_an_admin_makes_every_write(store: Store, write: str) -> None:
    seed(store)
    an = account(store, "an", "admin")
    before = snapshot(store)
    WRITES[write](store, an)
    assert snapshot(store) != before


@pytest.mark.parametrize("write", ["save tour", "save set", "edit checklist"])
def test_a_demotion_stops_the_next_write_of_a_user_resolved_before_it(
    store: Store, write: str
) -> None:
    seed(store)
    lan = account(store, "lan", "editor", ("bat-trang",))  # as a form drawn before the demotion
    WRITES[write](store, lan)
    set_role(store, "lan", "viewer")
    before = snapshot(store)
    with pytest.raises(ForbiddenError, match=r"'lan' \(viewer\) may not change"):
        WRITES[write](store, lan)
    assert snapshot(store) == before


def test_an_unassignment_stops_the_next_checklist_write(store: Store) -> None:
    lan = account(store, "lan", "editor", ("bat-trang",))
    checklist(store, lan)
    unassign(store, "lan", ["bat-trang"])
    with pytest.raises(ForbiddenError, match="on site 'bat-trang'"):
        checklist(store, lan)
    assert load_item(store, "bat-trang", "signage").version == 1


def test_a_removed_account_writes_nothing(store: Store) -> None:
    an = account(store, "an", "admin")
    with store.transaction(write=True) as conn:
        conn.execute(users.delete().where(users.c.username == "an"))
    with pytest.raises(ForbiddenError, match="no longer exists"):
        save_route(store, "Tour", TOUR, saved_by="x", actor=an)
    assert list_routes(store) == []


def test_a_promotion_counts_at_once(store: Store) -> None:
    lan = account(store, "lan", "editor")  # a User resolved while she was an editor
    set_role(store, "lan", "admin")
    save_registry(store, "Danh sách", actor=lan)
    assert [i.name for i in list_imports(store)] == ["Danh sách"]


def test_an_oidc_role_from_the_config_keeps_its_sites_current(store: Store) -> None:
    oidc = oidc_user("mai@hanoi.gov.vn", "Mai", {"mai@hanoi.gov.vn": "editor"}, store)
    assert oidc.role_from == "config"
    save_route(store, "Tour", TOUR, saved_by="Mai", actor=oidc)  # an editor saves tours
    with pytest.raises(ForbiddenError, match="on site 'bat-trang'"):
        checklist(store, oidc)  # no site assigned yet
    add_user(store, "mai@hanoi.gov.vn", role="viewer")  # an OIDC account (no password)
    assign(store, "mai@hanoi.gov.vn", ["bat-trang"], known_sites=set(KNOWN))
    checklist(store, oidc)  # the assignment counts for the User resolved before it
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(users)).scalar_one() == 1


def test_an_oidc_viewer_cannot_borrow_a_local_accounts_role(store: Store) -> None:
    account(store, "an@hanoi.gov.vn", "admin")  # a local account with a password
    oidc = oidc_user("an@hanoi.gov.vn", "An", {}, store)
    assert oidc.role == "viewer"
    with pytest.raises(ForbiddenError):
        save_route(store, "Tour", TOUR, saved_by="An", actor=oidc)


def test_can_write_answers_what_the_pages_draw() -> None:
    editor = User("lan", "Lan", "editor", frozenset({"bat-trang"}))
    assert can_write(editor, "tours")
    assert not can_write(editor, "registry")
    assert can_write(editor, "checklist", "bat-trang")
    assert not can_write(editor, "checklist", "van-phuc")
    assert can_write(editor, "plan", "bat-trang", lead="so-cong-thuong")  # her site's part
    assert not can_write(editor, "plan", None, lead="so-cong-thuong")  # not her agency
    assert not any(can_write(VIEWER, w, "bat-trang") for w in ("tours", "registry", "checklist"))
    assert can_write(OPERATOR, "registry")
