"""Benchmark: how long a refused log-in takes, by who tried it (the answer must not tell).

Run ``python bench/login_timing.py [--repeat 15]``. On a temporary SQLite file (and on
PostgreSQL in ``OCOP_TEST_POSTGRES_URL``, when set) it times ``authenticate`` for:

* **known, wrong password** — the baseline, measured in the same run;
* **unknown name** — a valid username with no account;
* **invalid name** — a name no account can have (``"o'brien"``);
* **OIDC account** — an account without a password;
* **known, 10 failures on record** and **unknown, 10 failures on record** — both names have
  failed 10 times; the capped wait that follows is *not* slept here (it is the same for both,
  see the ``waits`` column), so the figure compares the remaining work.

Each case runs ``--repeat`` times, interleaved with the others in a new order each round, and
prints the median in ms and
its ratio to the baseline (1.00 means the same). Goal: every ratio within 0.8–1.25.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

from bench.store import postgres_store  # noqa: E402
from ocop_geo.auth import throttle  # noqa: E402
from ocop_geo.auth.users import AuthError, add_user, authenticate  # noqa: E402
from ocop_geo.database.store import Store  # noqa: E402

POSTGRES_ENV = "OCOP_TEST_POSTGRES_URL"
PASSWORD = "gốm Bát Tràng 2020"  # noqa: S105 - the bench account's password
WRONG = "not the password"

#: (label, username, failures recorded before each timed attempt)
CASES = (
    ("known, wrong password", "lan", 0),
    ("unknown name", "nobody", 0),
    ("invalid name", "o'brien", 0),
    ("OIDC account", "minh@hanoi.gov.vn", 0),
    ("known, 10 failures on record", "lan", 10),
    ("unknown, 10 failures on record", "nobody", 10),
)


def stores() -> Iterator[tuple[str, Store]]:
    with tempfile.TemporaryDirectory(prefix="ocop-bench-login-") as tmp:
        store = Store.from_url(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        try:
            yield "sqlite", store
        finally:
            store.close()
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        print("postgresql: skipped: no PostgreSQL (OCOP_TEST_POSTGRES_URL)")
        return
    with postgres_store(url) as store:
        yield "postgresql", store


def attempt(store: Store, name: str, failures: int, waits: list[float]) -> float:
    """Seconds one refused attempt takes, after ``failures`` recorded failures for ``name``."""
    key = throttle.name_key(name)
    with store.transaction(write=True) as conn:
        throttle.clear(conn, key)
        for _ in range(failures):
            throttle.record_failure(conn, key, datetime.now(UTC))
    start = time.perf_counter()
    try:
        authenticate(store, name, WRONG, sleep=waits.append)
    except AuthError:
        pass
    else:  # pragma: no cover - the password is wrong
        raise SystemExit("a wrong password was accepted")
    return time.perf_counter() - start


def run(label: str, store: Store, repeat: int, out: Callable[[str], None]) -> None:
    store.upgrade()
    add_user(store, "lan", role="editor", password=PASSWORD)
    add_user(store, "minh@hanoi.gov.vn", role="editor")
    times: dict[str, list[float]] = {case[0]: [] for case in CASES}
    waits: dict[str, list[float]] = {case[0]: [] for case in CASES}
    for _case, name, failures in CASES:  # warm-up: caches, the dummy hash, connections
        attempt(store, name, failures, [])
    order = random.Random(11)
    for _ in range(repeat):  # each round in a new order: no case always runs first
        for case, name, failures in order.sample(CASES, len(CASES)):
            times[case].append(attempt(store, name, failures, waits[case]))
    base = statistics.median(times[CASES[0][0]])
    out(f"{label}: median of {repeat} refused log-ins")
    out(f"  {'case':34} {'ms':>8} {'ratio':>6}  waits (s, not slept)")
    worst = 1.0
    for case, _name, _failures in CASES:
        median = statistics.median(times[case])
        ratio = median / base
        worst = max(worst, ratio, 1 / ratio)
        seen = waits[case]
        shown = f"{min(seen):.1f}–{max(seen):.1f}" if seen else "none"
        out(f"  {case:34} {median * 1000:8.1f} {ratio:6.2f}  {shown}")
    out(f"  every ratio within 0.8–1.25: {'yes' if worst <= 1.25 else 'no'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    print("Refused log-ins by who tried: known vs unknown names (ocop_geo.auth.authenticate)")
    for label, store in stores():
        run(label, store, args.repeat, print)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
