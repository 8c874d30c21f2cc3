"""Benchmark: the PDF briefing with its map and charts against the text-only briefing of the
same day, for the 6 real sites; and the workbook with its two pictures against the workbook
without them.

Run ``python bench/briefing.py [--repeat 3] [--as-of 2020-10-15]`` from the repository root.
The committed sites, criteria and boundary layers are read once (not timed); the database is a
scratch SQLite file seeded with the committed known outcomes. Each build is repeated
``--repeat`` times, the two kinds interleaved, and the medians are printed with their ratio and
the bytes of each output. The goals of issue 15 are checked on the picture briefing: under
2,000,000 bytes and built in under 10 s. Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

from ocop_geo.config import Settings  # noqa: E402
from ocop_geo.database.store import Store  # noqa: E402
from ocop_geo.readiness import briefing, export, report  # noqa: E402

MAX_BYTES, MAX_SECONDS = 2_000_000, 10.0


def timed(build: Callable[[], bytes], wall: list[float], cpu: list[float]) -> bytes:
    """Run ``build`` once, adding its wall-clock and CPU seconds to ``wall`` and ``cpu``;
    returns its output."""
    start, start_cpu = time.perf_counter(), time.process_time()
    out = build()
    wall.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--as-of", default="2020-10-15", help="the day (YYYY-MM-DD)")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    args = parser.parse_args(argv)
    settings = Settings()
    sites = report.load_sites(settings)
    criteria = report.load_checklist(settings, sites.index)
    geo = report.load_geography(settings, sites)
    names = report.site_names(sites, args.lang)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.from_url(f"sqlite:///{Path(tmp) / 'db.sqlite3'}")
        store.upgrade()
        report.seed(store, criteria)
        ids = [str(i) for i in sites.index]
        view = report.status_as_of(store, criteria, ids, date.fromisoformat(args.as_of))
        store.close()
    builds = {
        "PDF, text only": lambda: briefing.briefing_pdf(view, criteria, names, args.lang),
        "PDF, map and charts": lambda: briefing.briefing_pdf(
            view, criteria, names, args.lang, geography=geo
        ),
        "XLSX, tables only": lambda: export.workbook(view, names, [], args.lang),
        "XLSX, with pictures": lambda: briefing.workbook(view, names, [], args.lang, geography=geo),
    }
    briefing.briefing_pdf(view, criteria, names, args.lang, geography=geo)  # warm-up: imports
    wall: dict[str, list[float]] = {k: [] for k in builds}
    cpu: dict[str, list[float]] = {k: [] for k in builds}
    sizes: dict[str, int] = {}
    for _ in range(args.repeat):
        for label, build in builds.items():
            sizes[label] = len(timed(build, wall[label], cpu[label]))
    median = {k: statistics.median(v) for k, v in wall.items()}
    median_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    print(f"Briefing downloads: {len(ids)} sites as of {args.as_of} ({args.lang}), "
          f"repeat {args.repeat} (median), same run")  # fmt: skip
    print(f"{'output':<22} {'bytes':>10} {'wall s':>7} {'× baseline':>11} {'CPU s':>6} "
          f"{'× baseline':>11}")  # fmt: skip
    for label in builds:
        base = "PDF, text only" if label.startswith("PDF") else "XLSX, tables only"
        ratio, ratio_cpu = median[label] / median[base], median_cpu[label] / median_cpu[base]
        print(f"{label:<22} {sizes[label]:>10,} {median[label]:>7.2f} {ratio:>10.1f}× "
              f"{median_cpu[label]:>6.2f} {ratio_cpu:>10.1f}×")  # fmt: skip
    pdf = "PDF, map and charts"
    print(f"\npicture briefing < {MAX_BYTES:,} bytes: {'yes' if sizes[pdf] < MAX_BYTES else 'NO'}")
    fast = median[pdf] < MAX_SECONDS
    print(f"picture briefing built in < {MAX_SECONDS:.0f} s: {'yes' if fast else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
