"""``ocop-geo candidates score FILE``: rank candidate sites for the Đông Anh centre.

Registered by :mod:`ocop_geo.cli.entry`; only the weight keys are imported when the parser is built
(pandas, shapely and the catalogue load when the command runs).

Exit codes: 0 success; 1 the data has problems (a malformed file, a candidate outside the area,
bad committed data); 2 usage errors (bad weights, a routing back end misconfigured, an output file
that cannot be written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ocop_geo.candidates.weights import CRITERIA, WeightError, normalise_weights, parse_weights
from ocop_geo.io.output import deliver, fail

if TYPE_CHECKING:
    from ocop_geo.candidates.scoring import Ranking

FORMATS = ("table", "csv", "geojson")

WEIGHTS_HELP = (
    "weights as key=value pairs separated by commas, e.g. airport=2,craft=0. Keys: "
    "airport (Nội Bài airport), centre (Hoàn Kiếm lake), co_loa (Cổ Loa citadel), "
    "pilots (mean distance to the five pilot points), craft (nearest craft village). "
    "Values ≥ 0, at least one > 0; keys not given weigh 1; normalised to sum 1"
)
EPILOG = (
    "score per criterion = 100 × max(0, 1 − d / d_max), d = straight-line (geodesic) distance, "
    "d_max = an hour's estimated car trip (23.1 km; 46.2 km for the pilots' mean); total = "
    "Σ weight × score; rank 1 = highest total, ties by name. Road distances are shown only when "
    "OCOP_ROUTER gives a road network. Exit codes: 1 a malformed file or a candidate outside the "
    "area; 2 bad weights, a routing back end misconfigured, an output file that cannot be written"
)


def add_candidates_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``candidates score`` to the ``ocop-geo`` sub-commands."""
    cand = sub.add_parser("candidates", help="candidate sites for the Đông Anh national centre")
    cand_sub = cand.add_subparsers(dest="candidates_command", required=True)
    score = cand_sub.add_parser(
        "score",
        help="rank candidate sites: distances and scores per criterion",
        epilog=EPILOG,
    )
    score.add_argument(
        "file", help="FILE.csv (columns name, lat, lon; UTF-8) or FILE.geojson (Points, name)"
    )
    score.add_argument("--weights", default="", metavar="KEY=VALUE,...", help=WEIGHTS_HELP)
    score.add_argument(
        "--anywhere",
        action="store_true",
        help="accept any point inside Hanoi (default: inside the former Đông Anh district)",
    )
    score.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    score.add_argument("-o", "--output", help="write to this file (atomically), not stdout")
    score.set_defaults(func=run_score)


def run_score(args: argparse.Namespace) -> int:
    """Read, check, score and print or write the ranking; returns the exit code."""
    from ocop_geo.candidates.anchors import load_anchors
    from ocop_geo.candidates.area import AreaError, place_candidates
    from ocop_geo.candidates.reader import CandidateError, read_candidates
    from ocop_geo.candidates.scoring import criteria_from, road_distances, score_candidates
    from ocop_geo.config import Settings
    from ocop_geo.layers.catalog import Catalog
    from ocop_geo.layers.validate import DataError
    from ocop_geo.routing.select import router_from_settings

    try:
        weights = normalise_weights(parse_weights(args.weights))
    except WeightError as exc:
        return fail(f"error: --weights: {exc}", 2)
    path = Path(args.file)
    try:
        candidates = read_candidates(path.read_bytes(), path.name)
    except OSError as exc:
        return fail(f"error: {path}: {exc.strerror or exc}", 1)
    except CandidateError as exc:
        found = [str(p) for p in exc.problems]
        return fail([*found, f"{len(found)} problem(s) found; nothing was scored."], 1)
    settings = Settings.from_env()
    try:
        catalog = Catalog.load(settings)
        criteria = criteria_from(catalog, load_anchors(settings.data_dir))
        placed = place_candidates(candidates, catalog, anywhere=args.anywhere)
    except DataError as exc:
        return fail([str(p) for p in exc.problems], 1)
    except AreaError as exc:
        return fail(f"error: {exc}".splitlines(), 1)
    try:
        router = router_from_settings(settings)
    except ValueError as exc:
        return fail(f"error: {exc}", 2)
    lon = [p.candidate.lon for p in placed]
    lat = [p.candidate.lat for p in placed]
    road = road_distances(lon, lat, criteria, router)
    ranking = score_candidates(placed, criteria, weights, road=road)
    output = _render(ranking, args.format)
    if deliver(output, args.output):
        return 2
    shares = ", ".join(f"{k} {weights[k]:.2f}" for k in CRITERIA)
    print(f"{len(placed)} candidate(s) ranked; weights {shares}", file=sys.stderr)
    source = ranking.road_backend or road.note
    if ranking.road_backend and road.note:  # figures, with some pairs no road reaches
        source = f"{ranking.road_backend} ({road.note})"
    print(f"road distances: {source}", file=sys.stderr)
    return 0


def _render(ranking: Ranking, fmt: str) -> bytes:
    from ocop_geo.candidates import export

    if fmt == "csv":
        return export.to_csv(ranking)
    if fmt == "geojson":
        return export.to_geojson(ranking)
    frame = export.export_frame(ranking)
    shown = frame[["rank", "name", "commune_2025", "total"]].copy()
    for key in CRITERIA:
        shown[f"{key}_km"] = (frame[f"{key}_m"] / 1000).round(2)
        if frame[f"{key}_road_m"].notna().any():
            shown[f"{key}_road_km"] = (frame[f"{key}_road_m"] / 1000).round(2)
        shown[f"{key}_score"] = frame[f"{key}_score"].round(1)
    shown["commune_2025"] = shown["commune_2025"].fillna("unknown")
    return (shown.to_string(index=False) + "\n").encode("utf-8")
