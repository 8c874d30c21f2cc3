"""Map payload benchmark: the Map explorer's map against a naive build of the same layers.

What it measures (one process, one run, so every figure has a baseline from the same machine
and moment; absolute times are printed for context only and nothing is asserted about them):

* **app** — ``maps.explorer_map(Catalog.load(), Settings(), "vi", figure="ocop_4star_2024")``,
  the map the Map explorer page sends first: districts choropleth as TopoJSON, pilot
  sites, accuracy circles, the Đông Anh candidate area, the event venue, the tourism stops and
  published routes, legend and controls. The wards/communes layer (TopoJSON, half of the
  bytes) is only added when the page's "wards" toggle is on (``wards=True``): the payload row
  "wards on" and the per-layer breakdown measure that map.

  - *build, topologies cached*: what every Streamlit rerun pays. The page passes the district
    and ward TopoJSON from ``st.cache_data``, which hands out a fresh unpickled copy on every
    call, so the timed step is ``pickle.loads`` of both topologies + ``explorer_map``.
  - *build, topologies computed*: ``explorer_map`` without them (it then runs the TopoJSON
    encoding itself), i.e. a cold cache.
  - *render*: ``m.get_root().render()``, which is what ``st_folium`` calls.
  - *HTML bytes*: the UTF-8 size of that render (and its gzip size, for information).
  - *st_folium payload*: what streamlit-folium actually ships to its component —
    ``_get_map_string(m)`` (the Leaflet script) + ``_get_header(m)`` + ``_get_html(m)``, taken
    the way ``st_folium`` takes them (after ``get_root().render()`` and ``m.render()``).

* **baseline** — the same layers built the naive way: the RAW, unsimplified district and
  ward layers (``--raw``) added with one ``folium.GeoJson`` per feature, each with a
  ``folium.GeoJsonTooltip`` of its raw name fields and every raw property kept; the same
  markers (``maps.marker``), circles (``maps.accuracy_circle``), tourism stops and routes
  (``tour_layers``), legend, controls
  (``maps.base_map``) and asset URLs (``maps.use_local_assets``: local copies after
  ``make assets``, else CDN); the candidate area drawn from the raw Đông Anh polygon.
  "build" for the baseline starts from the already-parsed raw files, like the app starts from
  the catalogue.

Times are medians of ``--repeat`` runs (``time.perf_counter``), app and baseline interleaved.
It also prints where the app map's HTML bytes go, per layer: each layer's share is the size
of the full render minus the size of the same map rendered without that layer; what is left
is tiles, controls and Leaflet/JS/CSS boilerplate. For the two boundary layers it prints the
vertex counts (raw → committed → TopoJSON arc points) and the TopoJSON data size, and it checks
that streamlit-folium derives the same component key from two independent builds (a stable
key means the iframe is not remounted on a rerun).

Run from the repository root::

    python bench/map_payload.py [--raw DIR] [--repeat N]

``--raw`` defaults to ``../shared/data/raw`` next to the repository (the folder
``ocop-geo data build`` reads). Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import logging
import os
import pickle
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import folium
import shapely
from jinja2.utils import htmlsafe_json_dumps
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

from ocop_geo.config import Settings  # noqa: E402
from ocop_geo.i18n import t  # noqa: E402
from ocop_geo.layers.catalog import Catalog  # noqa: E402
from ocop_geo.maps import assets, tour_layers  # noqa: E402
from ocop_geo.maps import builders as maps  # noqa: E402
from ocop_geo.prepare.boundaries import RAW_DISTRICTS, RAW_WARDS  # noqa: E402

LANG = "vi"
FIGURE = "ocop_4star_2024"
DEFAULT_RAW = ROOT.parent / "shared" / "data" / "raw"
GOAL_BYTES = 600_000
#: What st_folium sends on the explorer's first render (the wards layer is off until toggled).
GOAL_FIRST_PAYLOAD = 250_000
GOAL_RATIO = 2.0

#: Raw name fields shown in the naive tooltips.
DISTRICT_NAME_FIELDS = ["name_vi", "full_name_vi", "name_ascii"]
WARD_NAME_FIELDS = ["name_vi", "short_name_vi", "name_en"]

LEGEND = "legend"
#: Breakdown rows: label and the i18n key of the layer's name (LEGEND for the legend box).
LAYERS: tuple[tuple[str, str], ...] = (
    ("districts (TopoJSON, fill + tooltip)", "layer.districts"),
    ("wards/communes (TopoJSON, tooltip)", "layer.wards"),
    ("pilot-site markers + popups", "layer.sites"),
    ("accuracy circles", "layer.accuracy"),
    ("Đông Anh candidate area + marker", "layer.candidate"),
    ("event venue: marker + popup + circle", "layer.venue"),
    ("tourism stops (circle markers + popups)", "layer.pois"),
    ("published routes (dashed lines + stop dots)", "layer.routes"),
    ("legend", LEGEND),
)
REST = "tiles, controls, JS/CSS boilerplate (rest)"


@dataclass(frozen=True)
class RawLayers:
    """The raw (unsimplified) boundary features, as parsed from the GeoJSON files."""

    districts: list[dict[str, Any]]
    wards: list[dict[str, Any]]


def load_raw(raw_dir: Path) -> RawLayers:
    """Parse the raw district and ward layers; exit with a clear message if they are missing."""
    if not raw_dir.is_dir():
        sys.exit(
            f"error: raw data folder not found: {raw_dir}\n"
            f"(the naive baseline needs {RAW_DISTRICTS} and {RAW_WARDS}; pass --raw DIR)"
        )
    missing = [name for name in (RAW_DISTRICTS, RAW_WARDS) if not (raw_dir / name).is_file()]
    if missing:
        sys.exit(f"error: raw data folder {raw_dir} lacks {', '.join(missing)} (pass --raw DIR)")

    def features(name: str) -> list[dict[str, Any]]:
        return json.loads((raw_dir / name).read_text(encoding="utf-8"))["features"]

    return RawLayers(districts=features(RAW_DISTRICTS), wards=features(RAW_WARDS))


def naive_map(catalog: Catalog, raw: RawLayers, settings: Settings) -> folium.Map:
    """The explorer map's layers built naively: raw geometry, one GeoJson per feature."""
    m = maps.base_map(settings, LANG)
    values = dict(zip(catalog.districts.index, catalog.districts[FIGURE], strict=True))
    breaks = maps.class_breaks(list(catalog.districts[FIGURE]))

    districts = folium.FeatureGroup(name=t("layer.districts", LANG))
    for feature in raw.districts:
        fill = maps.colour_for(values.get(feature["properties"]["gso_code"]), breaks)
        folium.GeoJson(
            feature,
            style_function=lambda _f, fill=fill: {
                "color": "#35524a",
                "weight": 1.2,
                "fillColor": fill,
                "fillOpacity": 0.6,
            },
            tooltip=folium.GeoJsonTooltip(fields=DISTRICT_NAME_FIELDS),
        ).add_to(districts)
    districts.add_to(m)

    wards = folium.FeatureGroup(name=t("layer.wards", LANG), show=False)
    for feature in raw.wards:
        folium.GeoJson(
            feature,
            style_function=lambda _f: {
                "color": "#7a5195",
                "weight": 0.8,
                "fillOpacity": 0,
                "dashArray": "3 3",
            },
            tooltip=folium.GeoJsonTooltip(fields=WARD_NAME_FIELDS),
        ).add_to(wards)
    wards.add_to(m)

    pilots = catalog.sites[catalog.sites["kind"] == "pilot_point"]
    accuracy = folium.FeatureGroup(name=t("layer.accuracy", LANG))
    for _, row in pilots.iterrows():
        maps.accuracy_circle(row, LANG, "#0b6e4f").add_to(accuracy)
    accuracy.add_to(m)
    sites = folium.FeatureGroup(name=t("layer.sites", LANG))
    for _, row in pilots.iterrows():
        maps.marker(row, LANG).add_to(sites)
    sites.add_to(m)

    candidate = folium.FeatureGroup(name=t("layer.candidate", LANG))
    for _, row in catalog.sites[catalog.sites["kind"] == "candidate_area"].iterrows():
        for feature in raw.districts:
            if feature["properties"]["gso_code"] == row["district_2020_gso"]:
                folium.GeoJson(
                    feature,
                    style_function=maps.candidate_style,
                    tooltip=folium.Tooltip(maps.point_tooltip(row, LANG)),
                ).add_to(candidate)
        maps.marker(row, LANG).add_to(candidate)
    candidate.add_to(m)

    venue = folium.FeatureGroup(name=t("layer.venue", LANG))
    for _, row in catalog.venues.iterrows():
        maps.accuracy_circle(row, LANG, "#6a3d9a").add_to(venue)
        maps.marker(row, LANG).add_to(venue)
    venue.add_to(m)
    tour_layers.pois_layer(
        catalog.pois, LANG, tour_layers.stop_names([catalog.sites], LANG)
    ).add_to(m)  # the same tourism layers as the app's map
    names = tour_layers.stop_names([catalog.sites, catalog.pois], LANG)
    tour_layers.routes_layer(catalog.routes, names, LANG).add_to(m)
    legend = maps.legend_box(t(f"figure.{FIGURE}", LANG), list(catalog.districts[FIGURE]), LANG)
    legend.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    maps.use_local_assets(m, settings)  # the same asset URLs as the app's map
    return m


def quiet_streamlit() -> None:
    """Drop streamlit's "missing ScriptRunContext" warning (we run bare, on purpose)."""
    name = "streamlit.runtime.scriptrunner_utils.script_run_context"
    logging.getLogger(name).addFilter(lambda rec: "ScriptRunContext" not in rec.getMessage())


def vertices(geometry: Any) -> int:
    """Number of coordinates of a shapely geometry."""
    return int(shapely.get_num_coordinates(geometry))


def json_size(data: Any, folium_style: bool) -> int:
    """JSON bytes: as folium's templates write it (jinja2 ``tojson``: ASCII and HTML escapes,
    spaced separators) or compact UTF-8."""
    if folium_style:
        return len(str(htmlsafe_json_dumps(data, sort_keys=True)).encode("utf-8"))
    return len(json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


def html_bytes(m: folium.Map) -> bytes:
    """The rendered map page (what ``st_folium`` renders first), UTF-8."""
    return m.get_root().render().encode("utf-8")


def component_payload(m: folium.Map) -> int:
    """Bytes of script + header + html that streamlit-folium sends to its component."""
    import streamlit_folium as sf

    m.get_root().render()
    m.render()
    html = sf._get_html(m)  # the same order as st_folium: html and header first,
    header = sf._get_header(m)
    script = sf._get_map_string(m)  # then the script (this renames the map's ids)
    return sum(len(part.encode("utf-8")) for part in (script, header, html))


def component_key(m: folium.Map) -> str:
    """The key streamlit-folium derives from the map's script (stable key = no remount)."""
    import streamlit_folium as sf

    m.get_root().render()
    m.render()
    return sf.generate_js_hash(sf._get_map_string(m), "explorer_map", False)


def without(m: folium.Map, layer: str) -> folium.Map:
    """``m`` with one layer (by its i18n name key) or the legend removed."""
    if layer == LEGEND:
        for key, child in list(m._children.items()):
            if isinstance(child, maps.MapLegend):
                del m._children[key]
                return m
    else:
        name = t(layer, LANG)
        for key, child in list(m._children.items()):
            if getattr(child, "layer_name", None) == name:
                del m._children[key]
                return m
    msg = f"no layer {layer!r} on the map"
    raise LookupError(msg)


def breakdown(build: Callable[[], folium.Map]) -> list[tuple[str, int]]:
    """HTML bytes per layer: full render minus the render without that layer."""
    full = len(html_bytes(build()))
    rows = [(label, full - len(html_bytes(without(build(), key)))) for label, key in LAYERS]
    rows.append((REST, full - sum(size for _, size in rows)))
    rows.append(("total", full))
    return rows


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    """Call ``fn`` once; return its result and the wall time in milliseconds."""
    gc.collect()
    start = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - start) * 1000


def ratio(app: float, base: float) -> str:
    """``app / base`` as a factor, e.g. ``0.21×``."""
    return f"{app / base:.2f}×" if base else "—"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="raw layers folder")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (median is shown)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    quiet_streamlit()

    raw = load_raw(args.raw)
    settings = Settings()
    catalog = Catalog.load(settings)
    district_topo = maps.district_topology(catalog.districts, FIGURE, LANG)
    ward_topo = maps.ward_topology(catalog.wards, LANG)
    cached = pickle.dumps((district_topo, ward_topo))  # what st.cache_data keeps

    def app_cold() -> folium.Map:
        return maps.explorer_map(catalog, settings, LANG, figure=FIGURE)

    def app_cached(wards: bool = False) -> folium.Map:
        """The explorer's map as the page builds it: first render (wards off) by default."""
        d_topo, w_topo = pickle.loads(cached)  # noqa: S301 - our own bytes, as st.cache_data
        return maps.explorer_map(
            catalog,
            settings,
            LANG,
            figure=FIGURE,
            wards=wards,
            district_topo=d_topo,
            ward_topo=w_topo if wards else None,
        )

    def app_wards() -> folium.Map:
        return app_cached(wards=True)

    def naive() -> folium.Map:
        return naive_map(catalog, raw, settings)

    times: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for name, build in (("cold", app_cold), ("app", app_cached), ("base", naive)):
            m, build_ms = timed(build)
            _, render_ms = timed(m.get_root().render)
            times.setdefault(f"{name} build", []).append(build_ms)
            times.setdefault(f"{name} render", []).append(render_ms)
        _, unpickle_ms = timed(lambda: pickle.loads(cached))  # noqa: S301 - see app_cached
        times.setdefault("unpickle", []).append(unpickle_ms)
    med = {key: statistics.median(values) for key, values in times.items()}

    app_html, base_html = html_bytes(app_cached()), html_bytes(naive())
    app_sf, base_sf = component_payload(app_cached()), component_payload(naive())
    wards_sf = component_payload(app_wards())
    keys = {component_key(app_cached()), component_key(app_cold())}

    print("Map explorer map: app vs naive baseline (same run)")
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"folium {version('folium')}, streamlit-folium {version('streamlit-folium')}"
    )
    raw_shown = os.path.relpath(args.raw, ROOT)
    print(f"raw: {raw_shown}  repeat: {args.repeat} (median)  lang: {LANG}  figure: {FIGURE}")
    local = not assets.localize_problems(app_cached(), dest=settings.assets_dir)
    assets_shown = os.path.relpath(settings.assets_dir, ROOT)
    print(f"JS/CSS assets: {'local copies (' + assets_shown + ')' if local else 'CDN'}")
    print()

    rows: list[tuple[str, float, float, str]] = [
        ("build, topologies cached (ms)", med["app build"], med["base build"], "ms"),
        ("build, topologies computed (ms)", med["cold build"], med["base build"], "ms"),
        ("render (ms)", med["app render"], med["base render"], "ms"),
        (
            "build+render per rerun (ms)",
            med["app build"] + med["app render"],
            med["base build"] + med["base render"],
            "ms",
        ),
        (
            "build+render, cold cache (ms)",
            med["cold build"] + med["cold render"],
            med["base build"] + med["base render"],
            "ms",
        ),
        ("rendered HTML (bytes)", len(app_html), len(base_html), "B"),
        (
            "rendered HTML, gzip -6 (bytes)",
            len(gzip.compress(app_html, 6)),
            len(gzip.compress(base_html, 6)),
            "B",
        ),
        ("st_folium payload, first render (bytes)", app_sf, base_sf, "B"),
        ("st_folium payload, wards on (bytes)", wards_sf, base_sf, "B"),
    ]
    width = max(len(label) for label, *_ in rows)
    print(f"{'':<{width}}  {'app':>11}  {'baseline':>11}  {'app/baseline':>12}")
    for label, app, base, unit in rows:
        fmt = (lambda v: f"{v:,.1f}") if unit == "ms" else (lambda v: f"{v:,.0f}")
        print(f"{label:<{width}}  {fmt(app):>11}  {fmt(base):>11}  {ratio(app, base):>12}")
    print()
    rerun = med["app build"] + med["app render"]
    base_total = med["base build"] + med["base render"]
    print(f"app build+render = {ratio(rerun, base_total)} baseline (topologies cached)")
    print(f"app HTML = {ratio(len(app_html), len(base_html))} baseline")
    print(f"(app build, topologies cached, includes {med['unpickle']:.1f} ms of unpickling them)")
    print()

    print("Where the HTML bytes go, wards on (full render minus render without the layer)")
    app_rows = breakdown(app_wards)
    base_rows = dict(breakdown(naive))
    width = max(len(label) for label, _ in app_rows)
    print(f"{'':<{width}}  {'app':>11}  {'share':>6}  {'baseline':>11}")
    total = app_rows[-1][1]
    for label, size in app_rows:
        share = f"{100 * size / total:.1f}%"
        print(f"{label:<{width}}  {size:>11,}  {share:>6}  {base_rows[label]:>11,}")
    print()
    print("Boundary data behind the two big rows")
    layers = (
        ("districts", catalog.districts, raw.districts, district_topo),
        ("wards", catalog.wards, raw.wards, ward_topo),
    )
    for name, frame, features, topo in layers:
        raw_vertices = sum(vertices(shape(f["geometry"])) for f in features)
        app_vertices = sum(vertices(g) for g in frame.geometry)
        arc_points = sum(len(arc) for arc in topo["arcs"])
        print(
            f"{name}: vertices raw {raw_vertices:,} → committed {app_vertices:,} "
            f"→ TopoJSON arc points {arc_points:,}; TopoJSON data (no styles) "
            f"{json_size(topo, True):,} bytes in folium's JSON encoding, "
            f"{json_size(topo, False):,} bytes compact UTF-8"
        )
    print()

    ok_bytes = len(app_html) <= GOAL_BYTES
    factor = len(base_html) / len(app_html)
    print(
        f"app map HTML ≤ {GOAL_BYTES:,} bytes: {'yes' if ok_bytes else 'no'} "
        f"({len(app_html):,} bytes)"
    )
    print(
        f"baseline / app bytes ≥ {GOAL_RATIO:g}: {'yes' if factor >= GOAL_RATIO else 'no'} "
        f"({factor:.2f})"
    )
    ok_first = app_sf <= GOAL_FIRST_PAYLOAD
    print(
        f"explorer first payload (wards off) ≤ {GOAL_FIRST_PAYLOAD:,} bytes: "
        f"{'yes' if ok_first else 'no'} ({app_sf:,} bytes; wards on: {wards_sf:,})"
    )
    print(f"streamlit-folium key identical across rebuilds: {'yes' if len(keys) == 1 else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
