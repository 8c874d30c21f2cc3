"""The ``ocop-geo`` command.

    ocop-geo validate [PATH ...]     check the committed layers, or the files given
    ocop-geo serve [-- STREAMLIT_ARGS]
    ocop-geo data build RAW_DIR      rebuild geo/ boundary layers from the raw sources
    ocop-geo assets fetch [DEST]     fetch the offline Leaflet/plugin files (needs npm)
    ocop-geo db upgrade              create or migrate the database (SQLite by default)
    ocop-geo registry import FILE [--dry-run] [--format table|csv|geojson] [-o FILE]
                                     check and place an OCOP product list (and store it)
    ocop-geo registry list | remove ID
    ocop-geo roads import FILE.osm.pbf [--db PATH]   build the road graph (var/roads.npz)
    ocop-geo route STOP_ID ... [--optimize] [--format F] [-o FILE]   plan and export a tour
    ocop-geo candidates score FILE [--weights k=v,...] [--anywhere] [--format F]   rank sites
    ocop-geo readiness [--as-of YYYY-MM-DD] [--site ID] [--format F] [-o FILE]   site readiness
    ocop-geo users add|list|set-role|assign|unassign …   accounts, roles, sites (admins)

Exit codes: 0 success, 1 the data has problems, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ocop_geo.auth.command import add_users_parser
from ocop_geo.candidates.command import add_candidates_parser
from ocop_geo.config import REPO_ROOT, Settings
from ocop_geo.readiness.command import add_readiness_parser
from ocop_geo.schema import LAYERS, spec_for_path

if TYPE_CHECKING:
    from ocop_geo.store import Store


def _check_events(settings: Settings, frames: dict) -> list:
    """Problems of data/events.csv; venue ids are checked when venues and sites loaded."""
    from ocop_geo.events.catalog import read_events
    from ocop_geo.validate import DataError

    ids = None
    if "venues" in frames and "sites" in frames:
        ids = {str(i) for name in ("venues", "sites") for i in frames[name].index}
    try:
        read_events(settings.data_dir / "events.csv", venues=ids)
    except DataError as exc:
        return exc.problems
    return []


def _validate(args: argparse.Namespace) -> int:
    from ocop_geo.catalog import check_files, read_figures
    from ocop_geo.validate import DataError, Problem

    settings = Settings.from_env()
    problems: list[Problem] = []
    if args.paths:
        given: dict[str, Path] = {}
        for raw in args.paths:
            path = Path(raw)
            spec = LAYERS.get(args.layer) if args.layer else spec_for_path(path)
            if spec is None:
                names = ", ".join(f"{s.name}*.geojson" for s in LAYERS.values())
                problems.append(
                    Problem(
                        path.name,
                        f"cannot tell which layer this is; name it {names} or pass --layer",
                    )
                )
                continue
            given[spec.name] = path
        # Consistency and outline checks use the committed layers for what was not given.
        paths = {n: s.path(settings.geo_dir) for n, s in LAYERS.items()} | given
        frames, found = check_files(paths)
        problems += [p for p in found if p.file in {q.name for q in given.values()}]
        checked = sorted(given.values())
    else:
        paths = {n: s.path(settings.geo_dir) for n, s in LAYERS.items()}
        frames, problems = check_files(paths)
        try:
            read_figures(settings.data_dir / "figures.csv")
        except DataError as exc:
            problems += exc.problems
        problems += _check_events(settings, frames)
        checked = sorted(paths.values())
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    for path in checked:
        spec = spec_for_path(path) if not args.layer else LAYERS[args.layer]
        count = len(frames[spec.name]) if spec and spec.name in frames else 0
        print(f"ok  {path}  ({count} feature{'' if count == 1 else 's'})")
    return 0


def streamlit_command(*options: str) -> list[str]:
    """The command that starts the app with this interpreter, plus ``options``."""
    return [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard.py"), *options]


def _serve(args: argparse.Namespace) -> int:
    command = streamlit_command(*args.streamlit_args)
    return subprocess.call(command, cwd=REPO_ROOT, env=os.environ.copy())


def _build(args: argparse.Namespace) -> int:
    from ocop_geo.prepare import PrepareError, build

    settings = Settings.from_env()
    try:
        report = build(Path(args.raw_dir), settings.geo_dir, settings.data_dir)
    except (PrepareError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in report.written:
        print(f"wrote {path}")
    for layer, before in report.vertices_before.items():
        print(
            f"{layer}: {before} → {report.vertices_after[layer]} vertices, "
            f"largest shift {report.max_deviation_m[layer]} m"
        )
    return 0


def _fetch_assets(args: argparse.Namespace) -> int:
    from ocop_geo import assets

    dest = Path(args.dest) if args.dest else Settings.from_env().assets_dir
    try:
        written = assets.fetch_assets(dest)
    except (assets.AssetFetchError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(written)} asset files ready in {dest}")
    return 0


def _store() -> Store:
    from ocop_geo.store import Store  # imported lazily: only these commands need SQLAlchemy

    return Store.from_url(Settings.from_env().database_url)


def _db_command(action: Callable[[Store, argparse.Namespace], str]) -> Callable[..., int]:
    """A ``db`` subcommand: run ``action``; a StoreError becomes a message and exit code 1."""

    def run(args: argparse.Namespace) -> int:
        from ocop_geo.store import StoreError

        try:
            print(action(_store(), args))
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        return 0

    return run


def _upgrade(store: Store, _args: argparse.Namespace) -> str:
    store.upgrade()
    return f"database at revision {store.current_revision()}"


def _backup(store: Store, args: argparse.Namespace) -> str:
    return f"backup written to {store.backup(Path(args.file))}"


def _restore(store: Store, args: argparse.Namespace) -> str:
    store.upgrade()
    store.restore(Path(args.file))
    return f"restored from {args.file}"


def _registry_import(args: argparse.Namespace) -> int:
    import getpass

    from ocop_geo import exports
    from ocop_geo.catalog import Catalog
    from ocop_geo.registry import workflow
    from ocop_geo.registry.reader import RegistryError
    from ocop_geo.store import StoreError

    path = Path(args.file)
    settings = Settings.from_env()
    catalog = Catalog.load(settings)
    try:
        data = path.read_bytes()
        prepared = workflow.prepare(
            data, path.name, catalog, workflow.gazetteer(catalog, settings.data_dir)
        )
    except FileNotFoundError:
        print(f"{path}: file not found", file=sys.stderr)
        return 1
    except RegistryError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found; nothing was imported.", file=sys.stderr)
        return 1
    placed = prepared.placed
    if args.format == "geojson":
        output = exports.placed_geojson(placed)
    elif args.format == "csv":
        output = exports.placed_csv(placed)
    else:
        shown = placed[
            ["row", "product_name", "stars", "method", "ward_2025", "district_2020", "reason"]
        ]
        output = (shown.to_string(index=False) + "\n").encode("utf-8")
    if args.output:
        Path(args.output).write_bytes(output)
    else:
        sys.stdout.buffer.write(output)
    counts = prepared.method_counts()
    summary = ", ".join(f"{n} {m}" for m, n in counts.items())
    print(f"{len(placed)} rows: {summary}", file=sys.stderr)
    if args.dry_run:
        print("dry run: nothing stored", file=sys.stderr)
        return 0
    store = _store()
    store.upgrade()
    try:
        saved = store.save_import(
            name=args.name or path.stem,
            source_filename=path.name,
            sha256=prepared.sha256,
            imported_by=args.by or getpass.getuser(),
            products=placed,
            replace=args.replace,
        )
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"stored as import {saved.id} ({saved.name!r}, {saved.row_count} rows)", file=sys.stderr)
    return 0


def _registry_list(_args: argparse.Namespace) -> int:
    store = _store()
    store.upgrade()
    for item in store.list_imports():
        when = item.imported_at.strftime("%Y-%m-%d %H:%M UTC")
        print(
            f"{item.id}\t{item.name}\t{item.row_count} rows\t{item.placed_count} placed"
            f"\t{item.imported_by}\t{when}\t{item.source_filename}"
        )
    return 0


def _registry_remove(args: argparse.Namespace) -> int:
    from ocop_geo.store import StoreError

    store = _store()
    store.upgrade()
    try:
        store.remove_import(args.id)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"removed import {args.id}")
    return 0


#: ``route --format`` choices: the keys of :data:`ocop_geo.routing.export.FORMATS` (not imported
#: here, so that parsing arguments does not load pandas and shapely).
ROUTE_FORMATS = ("json", "gpx", "kml", "geojson", "csv", "html")


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it: a failure never
    leaves a half-written file (raises OSError when the folder cannot be written)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # same folder: rename is atomic
    try:
        with tmp.open("xb") as handle:  # the usual permissions (umask), unlike mkstemp's 0600
            handle.write(data)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _route(args: argparse.Namespace) -> int:
    from ocop_geo.routing import describe
    from ocop_geo.routing.base import RoutingError
    from ocop_geo.routing.export import FORMATS
    from ocop_geo.routing.itinerary import format_hhmm, parse_hhmm
    from ocop_geo.routing.select import router_from_settings
    from ocop_geo.routing.stops import load_stops
    from ocop_geo.routing.tour import plan_route, resolve_stops
    from ocop_geo.validate import DataError

    try:
        start_min = parse_hhmm(args.start)
    except ValueError as exc:
        print(f"error: --start {args.start!r}: {exc}", file=sys.stderr)
        return 2
    settings = Settings.from_env()
    try:
        known = load_stops(settings)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    try:
        stops = resolve_stops(args.stops, known)
    except RoutingError as exc:
        print(f"error: {exc}", file=sys.stderr)  # names the id, with the closest known ones
        return 2
    try:
        route = plan_route(
            stops, router_from_settings(settings), mode=args.mode, optimise=args.optimize,
            round_trip=args.round_trip, fixed_end=args.fixed_end, start_min=start_min,
            respect_hours=args.respect_hours,
        )  # fmt: skip
    except RoutingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # a back end the settings cannot build, or options that clash
        print(f"error: {exc}", file=sys.stderr)
        return 2
    name = args.name or describe.default_name(route, args.lang)
    output = FORMATS[args.format].render(route, name, args.lang)
    if args.output:
        try:
            write_atomically(Path(args.output), output)
        except OSError as exc:
            print(f"error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.buffer.write(output)
    print(
        f"{len(route.visits)} stops, {route.distance_m / 1000:.1f} km, "
        f"{round(route.travel_s / 60)} min travel, {format_hhmm(route.start_min)}–"
        f"{format_hhmm(route.end_min)} ({describe.figures_label(route, 'en')})",
        file=sys.stderr,
    )
    for warning in route.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _add_route_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        print(f"error: {exc}; nothing was written", file=sys.stderr)
        return 1
    edges = ", ".join(f"{mode} {count:,}" for mode, count in report.edges.items())
    print(
        f"{report.source.name}: {report.ways_kept:,} road ways kept, {report.ways_outside:,} "
        f"outside Hanoi, {report.ways_unusable:,} closed to every mode, "
        f"{report.ways_incomplete:,} incomplete"
    )
    print(f"{report.nodes:,} nodes; directed edges: {edges}")
    print(f"wrote {report.dest} ({report.bytes_written:,} bytes) in {report.seconds:.1f} s")
    return 0


def _add_roads_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and documentation)."""
    parser = argparse.ArgumentParser(prog="ocop-geo", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="check the data; exit 1 on any problem")
    validate.add_argument("paths", nargs="*", help="GeoJSON files (default: the committed geo/)")
    validate.add_argument("--layer", choices=sorted(LAYERS), help="the layer the files hold")
    validate.set_defaults(func=_validate)

    serve = sub.add_parser(
        "serve", help="start the Streamlit app; other options go to `streamlit run`",
        epilog="example: ocop-geo serve --server.port 8502",
    )  # fmt: skip
    serve.set_defaults(func=_serve, streamlit_args=[])

    data = sub.add_parser("data", help="data maintenance")
    data_sub = data.add_subparsers(dest="data_command", required=True)
    build = data_sub.add_parser("build", help="rebuild the boundary layers from raw sources")
    build.add_argument("raw_dir", help="folder with the raw layers (see data/SOURCES.md)")
    build.set_defaults(func=_build)

    assets = sub.add_parser("assets", help="offline map assets")
    assets_sub = assets.add_subparsers(dest="assets_command", required=True)
    fetch = assets_sub.add_parser("fetch", help="fetch Leaflet and plugins with npm pack")
    fetch.add_argument("dest", nargs="?", help="target folder (default: static/vendor)")
    fetch.set_defaults(func=_fetch_assets)

    db = sub.add_parser("db", help="the runtime database (OCOP_DATABASE_URL; SQLite by default)")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="create or migrate the schema").set_defaults(
        func=_db_command(_upgrade)
    )
    backup = db_sub.add_parser("backup", help="write every table to a new SQLite file")
    backup.add_argument("file")
    backup.set_defaults(func=_db_command(_backup))
    restore = db_sub.add_parser("restore", help="replace all content with a backup file")
    restore.add_argument("file")
    restore.set_defaults(func=_db_command(_restore))

    registry = sub.add_parser("registry", help="the OCOP product registry")
    reg_sub = registry.add_subparsers(dest="registry_command", required=True)
    imp = reg_sub.add_parser(
        "import", help="check and place a product list (.csv UTF-8 or .xlsx), then store it"
    )
    imp.add_argument("file")
    imp.add_argument("--dry-run", action="store_true", help="check and place only; store nothing")
    imp.add_argument(
        "--format",
        choices=("table", "csv", "geojson"),
        default="table",
        help="how to print the placed rows (default: table)",
    )
    imp.add_argument("-o", "--output", help="write the placed rows to this file, not stdout")
    imp.add_argument("--name", help="name of the import (default: the file name)")
    imp.add_argument("--by", help="who imports it (default: the login name)")
    imp.add_argument(
        "--replace", action="store_true", help="replace an existing import of the same name"
    )
    imp.set_defaults(func=_registry_import)
    reg_sub.add_parser("list", help="the stored imports").set_defaults(func=_registry_list)
    rm = reg_sub.add_parser("remove", help="remove a stored import and its rows")
    rm.add_argument("id", type=int)
    rm.set_defaults(func=_registry_remove)
    _add_route_parser(sub)
    _add_roads_parser(sub)
    add_candidates_parser(sub)
    add_readiness_parser(sub)
    add_users_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "serve":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "serve":
        args.streamlit_args = extra
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
