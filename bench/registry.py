"""Benchmark: the OCOP product registry at 1,000, 10,000 and 50,000 rows (synthetic data).

Run ``python bench/registry.py [--sizes 1000 10000 50000] [--repeat 3]`` (or
``make bench``). For each size it prints, against a naive baseline measured in the same run:

* import + placement: ``read_registry`` + ``place`` on all rows (spatial join for coordinates,
  indexed name lookups for the rest);
* placement of the rows with coordinates, like for like: ``place`` (spatial join) vs
  ``naive_place`` (a Python loop testing ``polygon.contains`` against every ward and district
  polygon, unprepared), on the same rows;
* name placement, like for like: ``place`` on the rows without coordinates (each distinct
  (commune, district) spelling resolved once through the ``vietnamadminunits`` crosswalk) vs a
  per-row loop calling the library's own parser (``parse_address``, 63-province mode) on each
  row and looking its old unit up in the same crosswalk — the naive way to use the library;
* the whole placement: ``place`` on all rows vs the two per-row loops together;
* the map: ``registry_map`` (one FastMarkerCluster, rows built in the browser) vs one
  ``folium.Marker`` per product, build + ``get_root().render()`` time and HTML bytes.

Times are medians of ``--repeat`` runs and are printed as ratios to the baseline; absolute
milliseconds depend on the machine. Goals at 50,000 rows: map HTML under 3 MB, map build+render
≥ 30× faster than the naive map, placement ≥ 20× faster than the per-row loop. The data are
SYNTHETIC (bench/synthetic_registry.py); the app ships no invented products.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import folium

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

from bench import timed  # noqa: E402
from bench.synthetic_registry import make_registry, to_csv_bytes  # noqa: E402
from ocop_geo.config import Settings  # noqa: E402
from ocop_geo.layers.admin_units import crosswalk  # noqa: E402
from ocop_geo.layers.catalog import Catalog  # noqa: E402
from ocop_geo.maps import builders as maps  # noqa: E402
from ocop_geo.registry import workflow  # noqa: E402
from ocop_geo.registry.layers import registry_map  # noqa: E402
from ocop_geo.registry.placement import locate_points, naive_place, place  # noqa: E402
from ocop_geo.registry.reader import read_registry  # noqa: E402

LANG = "vi"


def naive_names(frame: Any) -> list[tuple[str, ...]]:
    """BASELINE: per row, the library's parser on "ward, district, Hà Nội" (or the address),
    then the 2025 unit(s) of the old unit it found, from the crosswalk."""
    from vietnamadminunits import parse_address

    old = {(u.district_vi, u.name_vi): u.targets for u in crosswalk().units}
    out = []
    for ward, district, address in zip(frame["ward"], frame["district"], frame["address"],
                                       strict=True):  # fmt: skip
        text = f"{ward}, {district}, Hà Nội" if ward or district else f"{address}, Hà Nội"
        unit = parse_address(text, mode="LEGACY", level=3, keep_street=False)
        out.append(old.get((unit.short_district, unit.ward), ()))
    return out


def naive_map(settings: Settings, placed: Any) -> folium.Map:
    """The baseline map: one folium.Marker with a popup per product."""
    m = maps.base_map(settings, LANG)
    group = folium.FeatureGroup(name="products").add_to(m)
    for row in placed[placed["method"] != "unplaced"].itertuples():
        folium.Marker([row.placed_lat, row.placed_lon], popup=maps.esc(row.product_name)).add_to(
            group
        )
    maps.use_local_assets(m, settings)
    return m


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    settings = Settings()
    catalog = Catalog.load(settings)
    names = workflow.gazetteer(catalog)
    print("OCOP product registry: app vs naive baseline (same run, SYNTHETIC data)")
    print(f"sizes: {args.sizes}  repeat: {args.repeat} (median; naive runs once)\n")
    header = (f"{'rows':>7} {'read+place':>11} {'sjoin':>9} {'PIP loop':>10} "
              f"{'ratio':>7} {'map b+r':>9} {'naive map':>10} {'ratio':>7} "
              f"{'map bytes':>11} {'naive bytes':>12}")  # fmt: skip
    print(header)
    print("-" * len(header))
    results = []
    names_rows: list[tuple[int, int, float, float, float, float]] = []
    for n in args.sizes:
        data = to_csv_bytes(make_registry(n, seed=n, catalog=catalog))

        def app_place(data: bytes = data) -> Any:
            return place(read_registry(data, "synthetic.csv"), names, catalog)

        t_app, placed = timed(app_place, args.repeat)
        frame = read_registry(data, "synthetic.csv")
        coords = frame[frame["lat"].notna()]
        lon, lat = coords["lon"].to_numpy(), coords["lat"].to_numpy()
        # Like for like: each coordinate row gets its ward (2025) and district (2020), by the
        # vectorised spatial join …
        t_sjoin, (wards, _) = timed(lambda x=lon, y=lat: locate_points(x, y, catalog), args.repeat)
        # … and by the Python point-in-polygon loop (unprepared polygons), on the same rows.
        t_loop, naive = timed(lambda c=coords: naive_place(c, catalog), 1)
        assert list(naive["ward_2025"].fillna("-")) == [w or "-" for w in wards], "must agree"
        t_coords, _ = timed(lambda c=coords: place(c, names, catalog), args.repeat)
        named = frame[frame["lat"].isna()]
        t_names, _ = timed(lambda f=named: place(f, names, catalog), args.repeat)
        t_names_loop, _ = timed(lambda f=named: naive_names(f), 1)
        t_all, _ = timed(lambda f=frame: place(f, names, catalog), args.repeat)
        names_rows.append((n, len(named), t_names, t_names_loop, t_all, t_loop + t_names_loop))

        summary = workflow.summarize(placed, catalog, level="district")

        def app_map(s: Any = summary) -> str:
            m = registry_map(catalog, settings, LANG, s.products, level="district", style="count",
                             counts=s.counts, distances=s.distances)  # fmt: skip
            return m.get_root().render()

        def base_map(p: Any = placed) -> str:
            return naive_map(settings, p).get_root().render()

        t_map, html = timed(app_map, args.repeat)
        t_base, base_html = timed(base_map, 1)
        size, base_size = len(html.encode()), len(base_html.encode())
        results.append((n, len(coords), t_app, t_sjoin, t_loop, t_map, t_base, size, t_coords))
        print(f"{n:>7,} {t_app * 1e3:>8.0f} ms {t_sjoin * 1e3:>6.0f} ms {t_loop * 1e3:>7.0f} ms "
              f"{t_sjoin / t_loop:>6.3f}× {t_map * 1e3:>6.0f} ms {t_base * 1e3:>7.0f} ms "
              f"{t_map / t_base:>6.3f}× {size:>11,} {base_size:>12,}")  # fmt: skip

    print("\nread+place: read_registry + place() on all rows (coordinates, then names);")
    print("sjoin: locate_points() — ward and district of each row with coordinates (vectorised);")
    print("PIP loop: naive_place() on the same rows (polygon.contains per ward and district).")
    n, n_coords, t_app, t_sjoin, t_loop, t_map, t_base, size, t_coords = results[-1]
    print(f"\nat {n:,} rows ({n_coords:,} with coordinates):")
    print(f"  map HTML < 3,000,000 bytes: {'yes' if size < 3_000_000 else 'no'} ({size:,})")
    speed_map, speed_place = t_base / t_map, t_loop / t_sjoin
    print(f"  map build+render ≥ 30× faster than naive: {'yes' if speed_map >= 30 else 'no'} "
          f"({speed_map:.0f}×)")  # fmt: skip
    print(f"  placement ≥ 20× faster than the loop (same rows): "
          f"{'yes' if speed_place >= 20 else 'no'} ({speed_place:.0f}×)")  # fmt: skip
    print(
        f"  whole place() on the coordinate rows (adds the ward-column cross-check and the "
        f"output frame): {t_coords * 1e3:.0f} ms, {t_loop / t_coords:.0f}× faster than the loop"
    )
    print(f"  whole import (read + place, all {n:,} rows incl. names): {t_app * 1e3:.0f} ms")
    print("\nnames: place() on the rows without coordinates vs the per-row library loop;")
    print("all: place() on every row vs the PIP loop + the library loop (no file reading)")
    print(f"{'rows':>7} {'name rows':>10} {'place':>9} {'loop':>10} {'speed-up':>9} "
          f"{'all: place':>11} {'all: loops':>11} {'speed-up':>9}")  # fmt: skip
    for n, k, t_n, t_nl, t_all, t_loops in names_rows:
        print(f"{n:>7,} {k:>10,} {t_n * 1e3:>6.0f} ms {t_nl * 1e3:>7.0f} ms "
              f"{t_nl / t_n:>8.0f}× {t_all * 1e3:>8.0f} ms {t_loops * 1e3:>8.0f} ms "
              f"{t_loops / t_all:>8.0f}×")  # fmt: skip
    n, k, t_n, t_nl, t_all, t_loops = names_rows[-1]
    print(f"\nat {n:,} rows: name placement {t_nl / t_n:.0f}× faster than the per-row library "
          f"loop; whole placement ≥ 20× faster than the per-row loops (PIP + library): "
          f"{'yes' if t_loops / t_all >= 20 else 'no'} ({t_loops / t_all:.0f}×)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
