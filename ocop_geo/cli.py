"""The ``ocop-geo`` command.

    ocop-geo validate [PATH ...]     check the committed layers, or the files given
    ocop-geo serve [-- STREAMLIT_ARGS]
    ocop-geo data build RAW_DIR      rebuild geo/ boundary layers from the raw sources
    ocop-geo assets fetch [DEST]     fetch the offline Leaflet/plugin files (needs npm)

Exit codes: 0 success, 1 the data has problems, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from ocop_geo.config import REPO_ROOT, Settings
from ocop_geo.schema import LAYERS, spec_for_path


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
