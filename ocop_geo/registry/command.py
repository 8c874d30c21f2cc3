"""``ocop-geo registry import|list|remove``: the OCOP product registry from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ocop_geo.config import Settings
from ocop_geo.database.command import open_store, store_command
from ocop_geo.io.output import deliver, fail
from ocop_geo.registry.reasons import reason_text

if TYPE_CHECKING:
    from ocop_geo.database.store import Store


def _registry_import(args: argparse.Namespace) -> int:
    import getpass

    from ocop_geo.auth.permissions import OPERATOR
    from ocop_geo.database.store import StoreError
    from ocop_geo.layers.catalog import Catalog
    from ocop_geo.registry import export, workflow
    from ocop_geo.registry.imports import save_import
    from ocop_geo.registry.reader import RegistryError

    path = Path(args.file)
    settings = Settings.from_env()
    catalog = Catalog.load(settings)
    try:
        data = path.read_bytes()
        prepared = workflow.prepare(data, path.name, catalog, workflow.gazetteer(catalog))
    except FileNotFoundError:
        print(f"{path}: file not found", file=sys.stderr)
        return 1
    except OSError as exc:  # a directory, no permission
        print(f"{path}: cannot be read: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except RegistryError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found; nothing was imported.", file=sys.stderr)
        return 1
    placed = prepared.placed
    if args.format == "geojson":
        output = export.placed_geojson(placed)
    elif args.format == "csv":
        output = export.placed_csv(placed)
    else:
        table = prepared.matches().copy()
        table["reason"] = table["reason"].map(lambda r: reason_text(r, "en"))  # CLI: English
        output = (table.to_string(index=False) + "\n").encode("utf-8")
    if code := deliver(output, args.output):  # atomically, or to stdout
        return code
    counts = prepared.method_counts()
    summary = ", ".join(f"{n} {m}" for m, n in counts.items())
    print(f"{len(placed)} rows: {summary}", file=sys.stderr)
    if args.dry_run:
        print("dry run: nothing stored", file=sys.stderr)
        return 0
    try:
        store = open_store()
        store.upgrade()
        saved = save_import(
            store,
            name=args.name or path.stem,
            source_filename=path.name,
            sha256=prepared.sha256,
            imported_by=args.by or getpass.getuser(),
            products=placed,
            actor=OPERATOR,
            replace=args.replace,
        )
    except StoreError as exc:
        return fail(f"error: {exc}", 1)
    print(f"stored as import {saved.id} ({saved.name!r}, {saved.row_count} rows)", file=sys.stderr)
    return 0


def _registry_list(store: Store, _args: argparse.Namespace) -> str:
    from ocop_geo.registry.imports import list_imports

    return "\n".join(
        f"{item.id}\t{item.name}\t{item.row_count} rows\t{item.placed_count} placed"
        f"\t{item.imported_by}\t{item.imported_at:%Y-%m-%d %H:%M} UTC\t{item.source_filename}"
        for item in list_imports(store)
    )


def _registry_remove(store: Store, args: argparse.Namespace) -> str:
    from ocop_geo.auth.permissions import OPERATOR
    from ocop_geo.registry.imports import remove_import

    remove_import(store, args.id, actor=OPERATOR)
    return f"removed import {args.id}"


def add_registry_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``registry import|list|remove`` on the top-level sub-parsers."""
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
    reg_sub.add_parser("list", help="the stored imports").set_defaults(
        func=store_command(_registry_list)
    )
    rm = reg_sub.add_parser("remove", help="remove a stored import and its rows")
    rm.add_argument("id", type=int)
    rm.set_defaults(func=store_command(_registry_remove))
