"""``ocop-geo route`` (plan and export a tour) and ``ocop-geo roads import`` (build the road
graph) from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ocop_geo.config import Settings
from ocop_geo.io.output import deliver, fail

#: ``route --format`` choices: the keys of :data:`ocop_geo.routing.export.FORMATS` (not imported
#: here, so that parsing arguments does not load pandas and shapely).
ROUTE_FORMATS = ("json", "gpx", "kml", "geojson", "csv", "html")


def _route(args: argparse.Namespace) -> int:
    from ocop_geo.database.named_rows import check_name
    from ocop_geo.database.store import StoreError
    from ocop_geo.layers.opening_hours import format_hhmm, parse_hhmm
    from ocop_geo.layers.validate import DataError
    from ocop_geo.routing import describe
    from ocop_geo.routing.base import RoutingError
    from ocop_geo.routing.export import FORMATS
    from ocop_geo.routing.select import router_from_settings
    from ocop_geo.routing.stops import load_stops
    from ocop_geo.routing.tour import plan_route, resolve_stops

    try:
        start_min = parse_hhmm(args.start)
    except ValueError as exc:
        return fail(f"error: --start {args.start!r}: {exc}", 2)
    if args.name is not None:  # the title written into every format (GPX/KML: XML text)
        try:
            args.name = check_name("--name", args.name)
        except StoreError as exc:
            return fail(f"error: {exc}", 2)
    settings = Settings.from_env()
    try:
        known = load_stops(settings)
    except DataError as exc:
        return fail([str(p) for p in exc.problems], 1)
    try:
        stops = resolve_stops(args.stops, known)
    except RoutingError as exc:
        return fail(f"error: {exc}", 2)  # names the id, with the closest known ones
    try:
        route = plan_route(
            stops, router_from_settings(settings), mode=args.mode, optimise=args.optimize,
            round_trip=args.round_trip, fixed_end=args.fixed_end, start_min=start_min,
            respect_hours=args.respect_hours,
        )  # fmt: skip
    except RoutingError as exc:
        return fail(f"error: {exc}", 1)
    except ValueError as exc:  # a back end the settings cannot build, or options that clash
        return fail(f"error: {exc}", 2)
    name = args.name or describe.default_name(route, args.lang)
    output = FORMATS[args.format].render(route, name, args.lang)
    if code := deliver(output, args.output):
        return code
    print(
        f"{len(route.visits)} stops, {route.distance_m / 1000:.1f} km, "
        f"{round(route.travel_s / 60)} min travel, {format_hhmm(route.start_min)}–"
        f"{format_hhmm(route.end_min)} ({describe.figures_label(route, 'en')})",
        file=sys.stderr,
    )
    for warning in route.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def add_route_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ocop_geo.routing.base import MODES

    route = sub.add_parser(
        "route", help="plan a tour between sites/POIs and export it",
        epilog="exit codes: 1 the route cannot be computed; 2 unknown, repeated or too few stop "
        "ids, a bad --start, a routing back end misconfigured, an output file that cannot be "
        "written",
    )  # fmt: skip
    route.add_argument("stops", nargs="+", metavar="STOP_ID", help="site/POI ids, in order")
    route.add_argument("--mode", choices=MODES, default="car", help="travel mode (default: car)")
    route.add_argument(
        "--optimize", action="store_true", help="reorder the stops (the first stays first)"
    )
    ends = route.add_mutually_exclusive_group()
    ends.add_argument("--round-trip", action="store_true", help="come back to the first stop")
    ends.add_argument("--fixed-end", action="store_true", help="keep the last stop last")
    route.add_argument(
        "--respect-hours", action="store_true", help="avoid arriving where it is closed"
    )
    route.add_argument("--start", default="08:00", help="departure time HH:MM (default: 08:00)")
    route.add_argument(
        "--format", choices=ROUTE_FORMATS, default="json", help="output format (default: json)"
    )
    route.add_argument("--name", help="title of the tour (default: the stop names)")
    route.add_argument("--lang", choices=("vi", "en"), default="vi", help="labels (default: vi)")
    route.add_argument("-o", "--output", help="write to this file (atomically), not stdout")
    route.set_defaults(func=_route)


def _roads_import(args: argparse.Namespace) -> int:
    from ocop_geo.routing.roads_osm import RoadImportError, city_outline, import_roads

    settings = Settings.from_env()
    dest = Path(args.db) if args.db else settings.road_graph
    try:
        report = import_roads(Path(args.file), dest, city_outline(settings.geo_dir))
    except (RoadImportError, OSError) as exc:
        return fail(f"error: {exc}; nothing was written", 1)
    edges = ", ".join(f"{mode} {count:,}" for mode, count in report.edges.items())
    print(
        f"{report.source.name}: {report.ways_kept:,} road ways kept, {report.ways_outside:,} "
        f"outside Hanoi, {report.ways_unusable:,} closed to every mode, "
        f"{report.ways_incomplete:,} incomplete"
    )
    print(f"{report.nodes:,} nodes; directed edges: {edges}")
    print(f"wrote {report.dest} ({report.bytes_written:,} bytes) in {report.seconds:.1f} s")
    return 0


def add_roads_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    roads = sub.add_parser("roads", help="the road graph used by the `roads` router")
    roads_sub = roads.add_subparsers(dest="roads_command", required=True)
    imp = roads_sub.add_parser(
        "import", help="build the road graph from an OpenStreetMap extract (.osm.pbf or .osm)",
        epilog="exit code 1: the file cannot be read or has no usable road inside Hanoi",
    )  # fmt: skip
    imp.add_argument("file", help="OpenStreetMap extract covering Hanoi (PBF or XML)")
    imp.add_argument(
        "--db", metavar="PATH", help="graph file to write (default: OCOP_ROAD_GRAPH, var/roads.npz)"
    )
    imp.set_defaults(func=_roads_import)
