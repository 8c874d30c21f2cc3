"""The ``ocop-geo`` command.

    ocop-geo validate [PATH ...]     check the committed layers, or the files given
    ocop-geo serve [-- STREAMLIT_ARGS]
    ocop-geo data build RAW_DIR      rebuild geo/ boundary layers from the raw sources
    ocop-geo assets fetch [DEST]     fetch the offline Leaflet/plugin files (pinned
                                     npm tarballs over HTTPS; no npm needed);
                                     --test-tools: axe-core for the browser tests
    ocop-geo db upgrade              create or migrate the database (SQLite by default)
    ocop-geo db backup FILE | restore FILE | verify [--anchor ID:HASH]   copy; check the audit log
    ocop-geo registry import FILE [--dry-run] [--format table|csv|geojson] [-o FILE]
                                     check and place an OCOP product list (and store it)
    ocop-geo registry list | remove ID
    ocop-geo roads import FILE.osm.pbf [--db PATH]   build the road graph (var/roads.npz)
    ocop-geo route STOP_ID ... [--optimize] [--format F] [-o FILE]   plan and export a tour
    ocop-geo candidates score FILE [--weights k=v,...] [--anywhere] [--format F]   rank sites
    ocop-geo readiness [--as-of YYYY-MM-DD] [--site ID] [--format F] [-o FILE]   site readiness
    ocop-geo plan [--as-of YYYY-MM-DD] [--agency ID] [--format table|csv|json|ics] [-o FILE]
                                     the plan's 15 tasks as of a day (late ones flagged)
    ocop-geo plan-update TASK [--site ID] [--status S] … --user NAME   (or --from CSV)
    ocop-geo users add|list|set-role|set-password|unlock|assign|unassign|
                   assign-agency|unassign-agency …

Exit codes: 0 success, 1 the data has problems, 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ocop_geo.auth.command import add_users_parser
from ocop_geo.candidates.command import add_candidates_parser
from ocop_geo.config import REPO_ROOT, Settings, SettingsError
from ocop_geo.database.command import store_command
from ocop_geo.i18n import Message, MessageError
from ocop_geo.io.output import fail
from ocop_geo.layers.schema import LAYERS, spec_for_path
from ocop_geo.plan.command import add_plan_parser, agency_ids, readiness_extras
from ocop_geo.readiness.command import add_readiness_parser
from ocop_geo.registry.command import add_registry_parser
from ocop_geo.routing.command import add_roads_parser, add_route_parser

if TYPE_CHECKING:
    from ocop_geo.database.store import Store


def _validate(args: argparse.Namespace) -> int:
    from ocop_geo.cli.data_checks import Checked, check_tables
    from ocop_geo.layers.catalog import check_files
    from ocop_geo.layers.validate import Problem

    settings = Settings.from_env()
    problems: list[Problem] = []
    tables: list[Checked] = []
    if args.paths:
        given: dict[str, Path] = {}
        for raw in args.paths:
            path = Path(raw)
            spec = LAYERS.get(args.layer) if args.layer else spec_for_path(path)
            if spec is None:
                names = ", ".join(f"{s.name}*.geojson" for s in LAYERS.values())
                message = Message("cli.problem.which_layer", names=names)
                problems.append(Problem(path.name, message))
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
        found, tables = check_tables(settings, frames)
        problems += found
        checked = sorted(paths.values())
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    for path in checked:
        spec = spec_for_path(path) if not args.layer else LAYERS[args.layer]
        count = len(frames[spec.name]) if spec and spec.name in frames else 0
        print(Checked(path, count, "feature"))
    for table in tables:
        print(table)
    return 0


def streamlit_command(*options: str) -> list[str]:
    """The command that starts the app with this interpreter, plus ``options``."""
    return [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard.py"), *options]


def _serve(args: argparse.Namespace) -> NoReturn:
    """Become the Streamlit server (``exec``), so that stopping ``serve`` stops the app.

    No wrapper process stays between a supervisor (systemd, a container runtime, ``kill``) and the
    server: the server gets SIGTERM and SIGINT itself and shuts down, and its port is freed.
    """
    command = streamlit_command(*args.streamlit_args)
    os.chdir(REPO_ROOT)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(command[0], command)  # noqa: S606 - this interpreter, fixed arguments, no shell


def _build(args: argparse.Namespace) -> int:
    from ocop_geo.prepare.boundaries import PrepareError, build

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
    from ocop_geo.maps import assets

    if args.test_tools:
        dest = Path(args.dest) if args.dest else assets.TEST_TOOLS_DIR
        options = {"pins": assets.TEST_TOOLS_PINNED, "packages": assets.TEST_TOOLS}
        what = "browser-test tools"
    else:
        dest = Path(args.dest) if args.dest else Settings.from_env().assets_dir
        options, what = {}, "map files"
    try:
        written = assets.fetch_assets(dest, **options)
    except (assets.AssetFetchError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(written)} npm packages of {what} ready in {dest}")
    return 0


def _upgrade(store: Store, _args: argparse.Namespace) -> str:
    store.upgrade()
    return f"database at revision {store.current_revision()}"


def _backup(store: Store, args: argparse.Namespace) -> str:
    return f"backup written to {store.backup(Path(args.file))}"


def _restore(store: Store, args: argparse.Namespace) -> str:
    store.upgrade()
    store.restore(Path(args.file))
    return f"restored from {args.file}"


def _verify(store: Store, args: argparse.Namespace) -> str:
    from sqlalchemy import exc

    from ocop_geo.database.audit_chain import verify
    from ocop_geo.database.store import StoreError

    verifying = Message("store.action.verify_audit")
    store.require_head(verifying)
    try:
        with store.transaction() as conn:
            report = verify(conn, args.anchor)
    except exc.DBAPIError as error:
        raise store.error_for(verifying, error) from error
    if not report.intact:
        problems = "\n".join(report.problems)
        n, rows = len(report.problems), report.rows
        raise StoreError(Message("cli.error.audit_log", n=n, rows=rows, problems=problems))
    if report.head_id is None:
        return "audit log intact: no rows yet"
    return (
        f"audit log intact: {report.rows} row(s); newest row {report.head_id}, hash "
        f"{report.head_hash}\n(keep this line outside the database; a later check with "
        f"--anchor {report.head_id}:{report.head_hash} also finds a rewritten or shortened log)"
    )


class AnchorError(MessageError, argparse.ArgumentTypeError):
    """``--anchor`` is not ``ID:HASH`` (argparse prints the English text)."""


def _anchor(text: str) -> tuple[int, str]:
    """``ID:HASH`` from an earlier ``db verify`` (argparse type)."""
    rid, _, digest = text.partition(":")
    digest = digest.strip().lower()
    if not rid.strip().isdigit() or len(digest) != 64 or digest.strip("0123456789abcdef"):
        raise AnchorError(Message("cli.error.anchor", text=repr(text)))
    return int(rid), digest


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
    fetch.add_argument(
        "dest", nargs="?", help="target folder (default: static/vendor, or build/test-tools)"
    )
    fetch.add_argument(
        "--test-tools",
        action="store_true",
        help="fetch the browser tests' tools (axe-core) instead of the map files",
    )
    fetch.set_defaults(func=_fetch_assets)

    db = sub.add_parser("db", help="the runtime database (OCOP_DATABASE_URL; SQLite by default)")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="create or migrate the schema").set_defaults(
        func=store_command(_upgrade, upgrade=False)
    )
    backup = db_sub.add_parser("backup", help="write every table to a new SQLite file")
    backup.add_argument("file")
    backup.set_defaults(func=store_command(_backup, upgrade=False))
    restore = db_sub.add_parser("restore", help="replace all content with a backup file")
    restore.add_argument("file")
    restore.set_defaults(func=store_command(_restore, upgrade=False))
    verify = db_sub.add_parser(
        "verify",
        help="check the audit log's hash chain: exit 0 when intact, 1 naming each bad row",
    )
    verify.add_argument(
        "--anchor",
        action="append",
        type=_anchor,
        default=[],
        metavar="ID:HASH",
        help="a row id and hash printed by an earlier `db verify` that must still hold",
    )
    verify.set_defaults(func=store_command(_verify, upgrade=False))

    add_registry_parser(sub)
    add_route_parser(sub)
    add_roads_parser(sub)
    add_candidates_parser(sub)
    add_readiness_parser(sub, extras=readiness_extras)
    add_plan_parser(sub)
    add_users_parser(sub, agency_ids=agency_ids)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    An argument that is not UTF-8 text (bytes the shell passed through, which Python holds as
    lone surrogates) is refused with exit code 2 before anything runs.
    """
    given = sys.argv[1:] if argv is None else list(argv)
    for position, arg in enumerate(given, start=1):
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            shown = arg.encode("utf-8", "backslashreplace").decode("utf-8")
            return fail(f"error: argument {position} ({shown}) is not UTF-8 text", 2)
    parser = build_parser()
    args, extra = parser.parse_known_args(given)
    if extra and args.command != "serve":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command == "serve":
        args.streamlit_args = extra
    try:
        return int(args.func(args))
    except SettingsError as exc:  # a bad OCOP_* variable, whatever the command
        return fail(f"error: {exc}", 2)


if __name__ == "__main__":
    sys.exit(main())
