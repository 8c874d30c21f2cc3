"""Benchmark: one readiness checklist update, with 1, 5 and 20 concurrent writers.

Run ``python bench/store.py [--writers 1 5 20] [--updates 200] [--repeat 3]`` (or
``make bench``). On SQLite (a temporary file) and on PostgreSQL (a temporary schema in
``OCOP_TEST_POSTGRES_URL``, skipped when it is not set) it prints, for each number of writers
(threads sharing one ``Store``, each updating its own item, so there are no conflicts):

* **app**: ``update_item`` — validation, read, version-guarded UPDATE, audit INSERT, one
  transaction;
* **baseline**, measured in the same run through the same engine: a plain single-row UPDATE of the
  same rows (no read, no version check, no audit), one transaction each.

Figures: updates per second (all writers together) and the p95 latency of one call in ms; ratios
are app ÷ baseline (throughput below 1 and latency above 1 mean the app costs more). Both sides
commit every update, so the disk's sync time weighs on both alike.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import bindparam, create_engine, func, select, update
from sqlalchemy.schema import CreateSchema, DropSchema

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

from ocop_geo.auth.permissions import OPERATOR  # noqa: E402
from ocop_geo.database.store import Store, checklist_state  # noqa: E402
from ocop_geo.readiness.store import Change, update_item  # noqa: E402

POSTGRES_ENV = "OCOP_TEST_POSTGRES_URL"
SITE = "bench"

#: The baseline: one plain UPDATE of one row.
PLAIN = (
    update(checklist_state)
    .where(checklist_state.c.site_id == SITE, checklist_state.c.item_id == bindparam("item"))
    .values(note=bindparam("text"))
)


def measure(writers: int, updates: int, work: Callable[[int, int], None]) -> tuple[float, float]:
    """Updates per second and p95 latency (s) of ``work(writer, k)`` run by ``writers`` threads."""
    latencies: list[list[float]] = [[] for _ in range(writers)]
    start = threading.Barrier(writers + 1)

    def writer(w: int) -> None:
        start.wait()
        for k in range(updates):
            began = time.perf_counter()
            work(w, k)
            latencies[w].append(time.perf_counter() - began)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    ordered = sorted(t for part in latencies for t in part)
    return len(ordered) / wall, ordered[math.ceil(0.95 * len(ordered)) - 1]


def bench_store(
    store: Store, label: str, writer_counts: list[int], updates: int, repeat: int
) -> None:
    """Print one line per writer count for ``store`` (upgraded here): medians of ``repeat``
    rounds, each timing the baseline and then the app (so a busy machine slows both alike)."""
    store.upgrade()
    most = max(writer_counts)
    known = {SITE: {f"item-{w}" for w in range(most)}}
    versions = [0] * most

    def app(w: int, k: int) -> None:
        change = Change(status="in_progress", note=f"update {k}")
        versions[w] = update_item(
            store, SITE, f"item-{w}", change, expected_version=versions[w], by=f"writer {w}",
            actor=OPERATOR, known_items=known,
        ).version  # fmt: skip

    def baseline(w: int, k: int) -> None:
        with store.transaction(write=True) as conn:
            conn.execute(PLAIN, {"item": f"item-{w}", "text": f"update {k}"})

    for w in range(most):  # the rows exist before timing, and the pool is warm
        app(w, 0)
    for writers in writer_counts:
        rounds = [
            (*measure(writers, updates, baseline), *measure(writers, updates, app))
            for _ in range(repeat)
        ]
        medians = [statistics.median(figure) for figure in zip(*rounds, strict=True)]
        base_rate, base_p95, app_rate, app_p95 = medians
        print(f"{label:<11} {writers:>7} {app_rate:>9,.0f} {base_rate:>10,.0f} "
              f"{app_rate / base_rate:>6.2f}× {app_p95 * 1e3:>10.2f} {base_p95 * 1e3:>11.2f} "
              f"{app_p95 / base_p95:>6.2f}×")  # fmt: skip
    with store.engine.connect() as conn:
        total = conn.execute(select(func.sum(checklist_state.c.version))).scalar_one()
    expected = most + updates * sum(writer_counts) * repeat
    assert total == expected, f"{label}: versions add up to {total}, not {expected}"


@contextmanager
def postgres_store(url: str) -> Iterator[Store]:
    """A store in a new schema of the PostgreSQL database at ``url``, dropped afterwards."""
    admin = create_engine(url)
    schema = f"bench_store_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    store = Store.from_url(
        admin.url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
            hide_password=False
        )
    )
    try:
        yield store
    finally:
        store.close()
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--updates", type=int, default=200, help="updates per writer")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (medians are printed)")
    args = parser.parse_args(argv)

    print("Readiness store: update_item vs a plain single-row UPDATE (same engine, same run)")
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}")  # fmt: skip
    print(f"{args.updates} updates per writer, each on its own item (no conflicts); "
          f"medians of {args.repeat} rounds\n")  # fmt: skip
    header = (f"{'database':<11} {'writers':>7} {'app upd/s':>9} {'base upd/s':>10} {'ratio':>7} "
              f"{'app p95 ms':>10} {'base p95 ms':>11} {'ratio':>7}")  # fmt: skip
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as tmp:
        store = Store.from_url(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        try:
            bench_store(store, "sqlite", args.writers, args.updates, args.repeat)
        finally:
            store.close()
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if url:
        with postgres_store(url) as store:
            bench_store(store, "postgresql", args.writers, args.updates, args.repeat)
    else:
        print(f"{'postgresql':<11} skipped: no PostgreSQL (set {POSTGRES_ENV})")
    print("\nratio = app ÷ baseline; upd/s = updates per second, all writers together;")
    print("p95 = 95th percentile of one call's latency. Both sides commit every update.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
