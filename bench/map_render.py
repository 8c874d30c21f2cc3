"""Map render benchmark: rendered chunks kept as text vs compiled again as Jinja templates.

Run ``python bench/map_render.py [--repeat 7]``. For the Map explorer's first map (districts
coloured by 4★ products, Vietnamese) and the same map with the wards layer on, it times what
``st_folium`` does on every rerun — build the map, render the figure, render the map, take
the figure's HTML — once with ``branca.element.Element(text)`` compiling each rendered chunk as
a Jinja template (the **baseline**, branca's own behaviour) and once with
:mod:`ocop_geo.maps.plain_chunks` installed (the app). Medians of ``--repeat`` runs, the two
interleaved; printed as ratios to the baseline measured in the same run, with the HTML bytes
(identical in both: the script checks it).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

import branca.element  # noqa: E402
import folium  # noqa: E402
import jinja2  # noqa: E402

from ocop_geo.config import Settings  # noqa: E402
from ocop_geo.layers.catalog import Catalog  # noqa: E402
from ocop_geo.maps import builders as maps  # noqa: E402
from ocop_geo.maps import plain_chunks  # noqa: E402


def as_st_folium(build: Callable[[], folium.Map]) -> tuple[float, int]:
    """Seconds to build and render the map as ``st_folium`` does, and its HTML's bytes."""
    start = time.perf_counter()
    m = build()
    m.get_root().render()
    m.render()
    html = m.get_root().render()
    return time.perf_counter() - start, len(html.encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs of each variant")
    args = parser.parse_args(argv)
    settings = Settings()
    catalog = Catalog.load(settings)
    figure = maps.FIGURES[1]
    topo = maps.district_topology(catalog.districts, figure, "vi")
    wards = maps.ward_topology(catalog.wards, "vi")
    maps_to_time = {
        "Map explorer, first map": lambda: maps.explorer_map(
            catalog, settings, "vi", figure=figure, district_topo=topo
        ),
        "Map explorer, wards on": lambda: maps.explorer_map(
            catalog, settings, "vi", figure=figure, district_topo=topo, wards=True,
            ward_topo=wards,
        ),
    }  # fmt: skip
    variants = {"baseline": jinja2.Template, "plain chunks": plain_chunks.template}
    print("Map render: build + render as st_folium does (ms; ratio = baseline ÷ variant)")
    print(f"repeat {args.repeat}, medians")
    print(f"{'map':<26} {'baseline ms':>12} {'plain ms':>9} {'speed-up':>9} {'HTML bytes':>11}")
    for label, build in maps_to_time.items():
        times: dict[str, list[float]] = {name: [] for name in variants}
        sizes: dict[str, set[int]] = {name: set() for name in variants}
        for _ in range(args.repeat):
            for name, template in variants.items():
                branca.element.Template = template
                seconds, size = as_st_folium(build)
                times[name].append(seconds)
                sizes[name].add(size)
        branca.element.Template = plain_chunks.template
        if sizes["baseline"] != sizes["plain chunks"]:
            print(f"  {label}: the HTML differs in size: {sizes}", file=sys.stderr)
            return 1
        base, fast = (statistics.median(times[name]) * 1000 for name in variants)
        print(f"{label:<26} {base:>12,.0f} {fast:>9,.0f} {base / fast:>8.1f}× "
              f"{next(iter(sizes['baseline'])):>11,}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
