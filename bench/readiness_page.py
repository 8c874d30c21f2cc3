"""Benchmark: the readiness page's script time with its caches against the same page with
caching off, for the 6 real sites and for many SYNTHETIC ones.

Run ``python bench/readiness_page.py [--sites 6 500] [--repeat 5]`` from the repository root.
For each size the page (``pages/readiness.py``, through Streamlit's AppTest, as the page tests
run it) is opened once to fill the caches, then rerun ``--repeat`` times with the caches kept
(*cached*) and ``--repeat`` times after ``st.cache_data.clear()`` and
``st.cache_resource.clear()`` (*caching off*: the sites layer and criteria file are read and
checked again, the database engine rebuilt and migrated, the seeds re-checked), interleaved.
It prints the medians and their ratio; absolute seconds depend on the machine.

Sizes above 6 add synthetic sites — copies of a real pilot point with new ids, jittered
positions and names marked "[TỔNG HỢP]" — to a scratch copy of geo/ and data/, each with the
full checklist and random (seeded) synthetic states. Nothing synthetic is written to the
repository. Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
import yaml  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from ocop_geo.database.store import Store  # noqa: E402
from ocop_geo.readiness import report  # noqa: E402
from ocop_geo.readiness.criteria import load_criteria  # noqa: E402
from ocop_geo.readiness.store import STATUSES, seed_evidence  # noqa: E402

MARK = "[TỔNG HỢP]"
HEADER = (
    "Readiness page script time: cached vs caching off (AppTest, same run; "
    f"synthetic sites marked {MARK})"
)


def scratch(folder: Path, sites: int) -> tuple[Path, Path]:
    """geo/ and data/ copies with ``sites`` sites in all (the 6 real ones first)."""
    geo, data = folder / "geo", folder / "data"
    shutil.copytree(ROOT / "geo", geo)
    shutil.copytree(ROOT / "data", data)
    layer = json.loads((geo / "sites.geojson").read_text(encoding="utf-8"))
    template = next(f for f in layer["features"] if f["properties"]["id"] == "sai-son")
    doc = yaml.safe_load((data / "criteria.yaml").read_text(encoding="utf-8"))
    rng = random.Random(20200515)
    lon, lat = template["geometry"]["coordinates"]
    for n in range(len(layer["features"]) + 1, sites + 1):
        feature = json.loads(json.dumps(template))
        props = feature["properties"]
        props["id"] = f"syn-{n:04d}"
        props["name_vi"] = f"{MARK} Điểm {n}"
        props["name_en"] = f"{MARK} Point {n}"
        feature["geometry"]["coordinates"] = [round(lon + rng.uniform(-0.02, 0.02), 6),
                                              round(lat + rng.uniform(-0.02, 0.02), 6)]  # fmt: skip
        layer["features"].append(feature)
        doc["sites"][props["id"]] = {"checklist": "all"}
    (geo / "sites.geojson").write_text(json.dumps(layer, ensure_ascii=False), encoding="utf-8")
    (data / "criteria.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return geo, data


def synthetic_states(url: str, data: Path, site_ids: list[str]) -> None:
    """Random statuses, dated in 2020, for the synthetic sites (one transaction)."""
    criteria = load_criteria(data / "criteria.yaml")
    rng = random.Random(7)
    seeds = [
        (site, item.id, rng.choice(STATUSES), f"{MARK} ghi chú", None,
         date(2020, 6, 1) + timedelta(days=rng.randrange(200)))
        for site in site_ids for item in criteria.items_for(site)
    ]  # fmt: skip
    store = Store.from_url(url)
    store.upgrade()
    seed_evidence(store, seeds, by=MARK)
    store.close()


def measure(sites: int, repeat: int) -> tuple[float, float]:
    """Median seconds of a page rerun, cached and with caching off."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        geo, data = scratch(folder, sites)
        url = f"sqlite:///{folder / 'db.sqlite3'}"
        os.environ |= {"OCOP_GEO_DIR": str(geo), "OCOP_DATA_DIR": str(data),
                       "OCOP_DATABASE_URL": url, "OCOP_ROUTER": "estimate",
                       "OCOP_ENTRY_GUARD": "off"}  # fmt: skip
        synthetic_states(url, data, [f"syn-{n:04d}" for n in range(7, sites + 1)])
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        at.run()
        at = at.switch_page("pages/readiness.py").run()
        if at.exception or at.error or not at.metric:
            raise SystemExit(f"the page failed: {[e.value for e in [*at.exception, *at.error]]}")
        cached, uncached = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            at.run()
            cached.append(time.perf_counter() - start)
            st.cache_data.clear()
            st.cache_resource.clear()
            start = time.perf_counter()
            at.run()
            uncached.append(time.perf_counter() - start)
        st.cache_resource.clear()  # closes nothing, but drops the engine before the folder goes
        return statistics.median(cached), statistics.median(uncached)


def main(argv: list[str] | None = None) -> int:
    # The committed sites layer must have exactly 6 features; the bench lifts that count (in
    # this process only) so that the page reads the larger synthetic layer the same way.
    report.SITES = dataclasses.replace(report.SITES, count=None)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, nargs="+", default=[6, 500])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(HEADER)
    print(f"repeat: {args.repeat} (median)\n")
    print(f"{'sites':>6} {'cached s':>9} {'caching off s':>14} {'off / cached':>13}")
    for sites in args.sites:
        cached, uncached = measure(max(sites, 6), args.repeat)
        print(f"{max(sites, 6):>6} {cached:>9.3f} {uncached:>14.3f} {uncached / cached:>12.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
