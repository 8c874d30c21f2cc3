"""Booth planner benchmark: :func:`plan_booths` against a naive per-booth baseline, same run.

Run ``python bench/booths.py [--sizes 150 2000] [--repeat N]``. For each size it lays out that
many booths (default rules, two rows) along a SYNTHETIC straight street just long enough, east
of the Trịnh Công Sơn midpoint estimate, and prints the median time of:

* **planner**: ``plan_booths`` (NumPy slots, vectorised shapely polygons, STRtree overlap and
  walkway checks, back to EPSG:4326 in a GeoDataFrame);
* **baseline**: the naive way on the same straight street — for every booth, two
  ``LineString.interpolate`` calls for its frontage, one shapely Polygon built in Python, then the
  same GeoDataFrame in EPSG:4326 (no bend handling, no overlap check: it only works on a
  straight street, which is why the street is straight).

It also says whether both give the same booths (every polygon within 1 mm). Figures only: the
ratio depends on the machine.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer
from shapely import LineString, Polygon

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

from bench import timed  # noqa: E402
from ocop_geo.events.booths import BoothRules, Street, plan_booths  # noqa: E402
from ocop_geo.geo import METRIC, WGS84  # noqa: E402

RULES = BoothRules()


def test_street(count: int) -> Street:
    """A straight east–west street just long enough for ``count`` booths in two rows."""
    pitch = RULES.width_m + RULES.gap_m
    length = math.ceil(count / 2) * pitch + 2 * RULES.end_clearance_m + 1.0
    to_metric = Transformer.from_crs(WGS84, METRIC, always_xy=True)
    to_wgs84 = Transformer.from_crs(METRIC, WGS84, always_xy=True)
    x0, y0 = to_metric.transform(105.8165, 21.0775)
    line = LineString([to_wgs84.transform(x0, y0), to_wgs84.transform(x0 + length, y0)])
    return Street("bench", "SYNTHETIC straight street", line)


def baseline(street: Street, count: int) -> gpd.GeoDataFrame:
    """Booths one at a time with ``interpolate`` (left and right alternating, like the planner)."""
    line = gpd.GeoSeries([street.line], crs=WGS84).to_crs(METRIC).iloc[0]
    pitch, near = RULES.width_m + RULES.gap_m, RULES.aisle_m / 2
    polygons = []
    for k in range(count):
        start = RULES.end_clearance_m + (k // 2) * pitch
        a = np.array(line.interpolate(start).coords[0])
        b = np.array(line.interpolate(start + RULES.width_m).coords[0])
        d = (b - a) / np.hypot(*(b - a))
        n = np.array([-d[1], d[0]]) * (1 if k % 2 == 0 else -1)
        p0 = a + n * near
        polygons.append(Polygon([p0, b + n * near, b + n * (near + RULES.depth_m),
                                 p0 + n * RULES.depth_m, p0]))  # fmt: skip
    frame = gpd.GeoDataFrame({"booth_no": np.arange(1, count + 1)}, geometry=polygons, crs=METRIC)
    return frame.to_crs(WGS84)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 2000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print("SYNTHETIC straight street near the Trịnh Công Sơn midpoint; default rules, two rows")
    head = f"{'booths':>7} {'street m':>9} {'planner s':>10} {'baseline s':>11}"
    print(head)
    print("-" * len(head))
    for count in args.sizes:
        street = test_street(count)
        ours_s, layout = timed(lambda s=street, c=count: plan_booths([s], count=c),
                               args.repeat)  # fmt: skip
        base_s, naive = timed(lambda s=street, c=count: baseline(s, c), args.repeat)
        ours = layout.booths.to_crs(METRIC).geometry.to_numpy()
        theirs = naive.to_crs(METRIC).geometry.to_numpy()
        same = len(ours) == len(theirs) == count and bool(
            np.all(shapely.hausdorff_distance(ours, theirs) < 1e-3)
        )
        length = gpd.GeoSeries([street.line], crs=WGS84).to_crs(METRIC).length.iloc[0]
        print(f"{count:>7,} {length:>9,.1f} {ours_s:>10.4f} {base_s:>11.4f}")
        print(f"  {count:,} booths: baseline / planner time = {base_s / ours_s:.1f}; "
              f"same booths: {'yes' if same else 'no'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
