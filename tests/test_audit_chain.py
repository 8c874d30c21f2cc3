"""The tamper-evident audit log (ocop_geo.database.audit_chain, ``ocop-geo db verify``) on SQLite
and PostgreSQL: an intact log verifies; every edited, deleted, reordered or forged row is named; the
database refuses UPDATE, DELETE, TRUNCATE and INSERT OR REPLACE; backup and restore keep the
chain and restore verifies it; concurrent writers on several app servers keep one chain."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, exc, insert, select, text, update

from ocop_geo.auth.permissions import OPERATOR
from ocop_geo.cli.entry import main
from ocop_geo.database import audit_chain
from ocop_geo.database.store import (
    Store,
    StoreError,
    alembic_config,
    checklist_audit,
    checklist_state,
)
from ocop_geo.readiness.store import Change, ConflictError, seed_evidence, update_item
from tests.test_readiness_store import KNOWN, rows, save


def three_writes(store: Store) -> None:
    save(store, Change(status="in_progress", note="bắt đầu"))
    save(store, Change(status="done", note='"xong" \\ </script>'), version=1)
    seed_evidence(store, [("van-phuc", "signage", "done", "Biển đã lắp", None, "2020-09-30")])
    save(store, Change(status="blocked"), version=2)


def check(store: Store, anchors: list[tuple[int, str]] | None = None) -> audit_chain.ChainReport:
    with store.transaction() as conn:
        return audit_chain.verify(conn, anchors or [])


def tamper(store: Store, *statements: str | Callable[[Connection], object]) -> None:
    """Run SQL as someone with the database's password would: guards dropped first."""
    with store.transaction(write=True) as conn:
        audit_chain.drop_guards(conn)
        for statement in statements:
            if callable(statement):
                statement(conn)
            else:
                conn.execute(text(statement))


def verify_cli(store: Store, capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("OCOP_DATABASE_URL", store.engine.url.render_as_string(hide_password=False))
    code = main(["db", "verify", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_intact_log_verifies_and_db_verify_exits_0(store: Store, capsys, monkeypatch) -> None:
    assert verify_cli(store, capsys, monkeypatch) == (0, "audit log intact: no rows yet\n", "")
    three_writes(store)
    report = check(store)
    assert (report.intact, report.rows, report.head_id) == (True, 4, 4)
    chain = rows(store, checklist_audit)
    assert chain[0][-2] == audit_chain.GENESIS
    assert [r[-2] for r in chain[1:]] == [r[-1] for r in chain[:-1]]  # each names its predecessor
    code, out, err = verify_cli(store, capsys, monkeypatch)
    assert (code, err) == (0, "")
    assert out.startswith(f"audit log intact: 4 row(s); newest row 4, hash {report.head_hash}\n")
    code, _, _ = verify_cli(store, capsys, monkeypatch, "--anchor", f"4:{report.head_hash}")
    assert code == 0


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        (
            "UPDATE checklist_audit SET changed_by = 'someone else' WHERE id = 2",
            ["audit row 2 (bat-trang/showroom v2) does not match its hash: it was edited"],
        ),
        (
            "DELETE FROM checklist_audit WHERE id = 2",
            ["audit row 3 (van-phuc/signage v1) does not follow row 1: a row was deleted"],
        ),
        (
            # rows 2 and 3 swap places (ids exchanged through a free one)
            "UPDATE checklist_audit SET id = 99 WHERE id = 2;"
            "UPDATE checklist_audit SET id = 2 WHERE id = 3;"
            "UPDATE checklist_audit SET id = 3 WHERE id = 99",
            [
                "audit row 2 (van-phuc/signage v1) does not follow row 1: a row was deleted",
                "audit row 3 (bat-trang/showroom v2) does not follow row 2: a row was deleted",
                "audit row 4 (bat-trang/showroom v3) does not follow row 3: a row was deleted",
            ],
        ),
        (
            # a forged row between 1 and 2, with a made-up hash
            "UPDATE checklist_audit SET id = id * 10;"
            "INSERT INTO checklist_audit (id, site_id, item_id, changed_by, changed_at, before, "
            "after, version_after, prev_hash, row_hash) SELECT 15, site_id, item_id, 'An', "
            "changed_at, NULL, after, 1, row_hash, '" + "f" * 64 + "' FROM checklist_audit "
            "WHERE id = 10",
            [
                "audit row 15 (bat-trang/showroom v1) does not match its hash: it was edited, "
                "or forged",
                "audit row 20 (bat-trang/showroom v2) does not follow row 15: a row was deleted",
            ],
        ),
    ],
    ids=["edited", "deleted", "reordered", "forged"],
)
def test_db_verify_names_each_tampered_row_and_exits_1(
    store: Store, capsys, monkeypatch, how: str, expected: list[str]
) -> None:
    three_writes(store)
    tamper(store, *how.split(";"))
    report = check(store)
    assert len(report.problems) == len(expected), report.problems
    for problem, start in zip(report.problems, expected, strict=True):
        assert problem.startswith(start), problem
    code, out, err = verify_cli(store, capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert err.startswith(f"error: audit log: {len(expected)} problem(s) in ")
    assert all(line in err for line in report.problems)


def test_a_rewritten_or_shortened_log_is_found_with_an_anchor(store: Store) -> None:
    three_writes(store)
    head = check(store)
    anchor = [(head.head_id, head.head_hash)]

    def rehash_all(conn: Connection) -> None:  # edit row 2, then recompute every hash after it
        conn.execute(update(checklist_audit).where(checklist_audit.c.id == 2).values(
            changed_by="someone else"))  # fmt: skip
        prev = audit_chain.GENESIS
        for row in conn.execute(select(checklist_audit).order_by("id")).mappings().all():
            digest = audit_chain.row_hash(row, prev)
            conn.execute(update(checklist_audit).where(checklist_audit.c.id == row["id"]).values(
                prev_hash=prev, row_hash=digest))  # fmt: skip
            prev = digest

    tamper(store, rehash_all)
    assert check(store).intact  # a full rewrite fools the chain alone...
    (problem,) = check(store, anchor).problems  # ...not the hash recorded outside
    assert problem.startswith("anchor 4: audit row 4 now has hash ")
    tamper(store, "DELETE FROM checklist_audit WHERE id = 4")
    # The shortened log is a valid chain; only the item's state, now ahead of its log, and the
    # anchor show the cut.
    state = (
        "checklist state bat-trang/showroom (v3) differs from its newest audit row 2 (status, "
        "updated_at, version): it was changed past the audit log"
    )
    assert check(store).problems == [state]
    assert check(store, anchor).problems == [state, "anchor 4: audit row 4 is missing (deleted)"]


def test_the_database_refuses_update_delete_and_replace_of_audit_rows(store: Store) -> None:
    """Regression: DELETE (and SQLite's INSERT OR REPLACE) used to pass."""
    three_writes(store)
    before = rows(store, checklist_audit)
    refused = [
        "UPDATE checklist_audit SET changed_by = 'someone else'",
        "DELETE FROM checklist_audit WHERE id = 4",
    ]
    if store.is_sqlite:
        refused += [
            "INSERT OR REPLACE INTO checklist_audit SELECT * FROM checklist_audit WHERE id = 1",
            "REPLACE INTO checklist_audit SELECT * FROM checklist_audit WHERE id = 2",
        ]
    else:
        refused += [
            "TRUNCATE checklist_audit",
            "INSERT INTO checklist_audit SELECT * FROM checklist_audit WHERE id = 1 "
            "ON CONFLICT (id) DO UPDATE SET changed_by = 'someone else'",
        ]
    for statement in refused:
        with (
            pytest.raises(exc.DBAPIError, match="append-only"),
            store.transaction(write=True) as conn,
        ):
            conn.execute(text(statement))
    assert rows(store, checklist_audit) == before
    assert check(store).intact


def test_backup_and_restore_keep_the_chain_and_restore_refuses_a_broken_one(
    store: Store, tmp_path: Path
) -> None:
    three_writes(store)
    saved = rows(store, checklist_audit), rows(store, checklist_state)
    backup = store.backup(tmp_path / "backup.sqlite3")
    save(store, Change(status="done"), version=3)
    store.restore(backup)
    assert (rows(store, checklist_audit), rows(store, checklist_state)) == saved
    assert check(store).intact
    assert save(store, Change(status="done"), version=3).version == 4  # the chain goes on
    assert check(store).intact
    now = rows(store, checklist_audit), rows(store, checklist_state)

    broken = tmp_path / "broken.sqlite3"
    shutil.copyfile(backup, broken)
    with sqlite3.connect(broken) as raw:
        raw.execute("DROP TRIGGER checklist_audit_no_update")
        raw.execute("UPDATE checklist_audit SET changed_by = 'An' WHERE id = 1")
    raw.close()
    refused = (
        r"the audit log fails verification, nothing was restored: "
        r"audit row 1 \(bat-trang/showroom v1\) does not match its hash"
    )
    with pytest.raises(StoreError, match=refused):
        store.restore(broken)
    assert (rows(store, checklist_audit), rows(store, checklist_state)) == now
    assert check(store).intact


def test_an_older_database_gets_its_hashes_filled_in_by_the_upgrade(empty_store: Store) -> None:
    config = alembic_config(empty_store)
    command.upgrade(config, "0008_login_throttle")
    old_row = text(
        "INSERT INTO checklist_audit (site_id, item_id, changed_by, changed_at, before, after, "
        "version_after) VALUES ('bat-trang', 'showroom', 'Lan', :at, NULL, '{}', :version)"
    )
    with empty_store.engine.begin() as conn:
        for version in (1, 2, 3):
            conn.execute(old_row, {"at": f"2024-05-0{version} 08:00:00.000000", "version": version})
    empty_store.upgrade()
    report = check(empty_store)
    assert (report.intact, report.rows) == (True, 3)
    save(empty_store, Change(status="done"))
    assert check(empty_store).intact
    command.downgrade(config, "0008_login_throttle")  # and back
    command.upgrade(config, "head")
    assert check(empty_store).rows == 4


def test_concurrent_writers_on_several_app_servers_keep_one_chain(store: Store) -> None:
    """8 writers on 4 stores (app servers) × 15 saves each, some on the same items."""
    writers, updates = 8, 15
    url = store.engine.url.render_as_string(hide_password=False)
    servers = [store, *(Store.from_url(url) for _ in range(3))]
    items = [("bat-trang", "showroom"), ("bat-trang", "parking"), ("van-phuc", "signage")]
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def writer(w: int) -> None:
        try:
            start.wait()
            for k in range(updates):
                site, item = items[(w + k) % len(items)]
                version = 0
                while True:
                    try:
                        update_item(
                            servers[w % 4], site, item, Change(note=f"w{w} #{k}"),
                            expected_version=version, by=f"w{w}", actor=OPERATOR,
                            known_items=KNOWN,
                        )  # fmt: skip
                        break
                    except ConflictError as conflict:
                        version = conflict.current.version
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for server in servers[1:]:
            server.close()
    assert failures == []
    report = check(store)
    assert report.problems == []
    assert report.rows == writers * updates
    with store.transaction() as conn:
        ids = conn.execute(select(checklist_audit.c.id).order_by("id")).scalars().all()
    assert ids == list(range(1, writers * updates + 1))


def test_an_audit_row_without_a_hash_is_refused(store: Store) -> None:
    row = {"site_id": "x", "item_id": "y", "changed_by": "An", "before": None, "after": "{}",
           "version_after": 1, "changed_at": datetime(2024, 1, 1, tzinfo=UTC)}  # fmt: skip
    with pytest.raises(exc.IntegrityError), store.transaction(write=True) as conn:
        conn.execute(insert(checklist_audit).values(row))


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        (
            "UPDATE checklist_state SET note = 'sửa lén' WHERE site_id = 'bat-trang'",
            "checklist state bat-trang/showroom (v3) differs from its newest audit row 4 (note): "
            "it was changed past the audit log",
        ),
        (
            "UPDATE checklist_state SET version = 9 WHERE site_id = 'van-phuc'",
            "checklist state van-phuc/signage (v9) differs from its newest audit row 3 (version)",
        ),
        (
            "INSERT INTO checklist_state (site_id, item_id, status, note, updated_by, updated_at, "
            "version) SELECT 'bat-trang', 'parking', 'done', '', 'An', updated_at, 1 "
            "FROM checklist_state WHERE site_id = 'van-phuc'",
            "checklist state bat-trang/parking (v1) has no audit row",
        ),
    ],
    ids=["edited", "version", "inserted"],
)
def test_a_checklist_state_changed_past_the_log_is_reported(
    store: Store, how: str, expected: str
) -> None:
    three_writes(store)
    assert check(store).intact
    with store.transaction(write=True) as conn:  # the state table has no guard of its own
        conn.execute(text(how))
    (problem,) = check(store).problems
    assert problem.startswith(expected), problem
