"""Tour optimiser benchmark: our exact and heuristic solvers against python-tsp and OR-Tools.

Run ``python bench/optimise.py [--instances N] [--seed S] [--quick]``. On the SAME random distance
matrices in the same run (points drawn uniformly in a 40 km square, Euclidean metres rounded to
whole metres, so every solver sees integer costs) it prints:

* **exact**: ``optimise.solve_exact`` (Held–Karp, NumPy) vs python-tsp's
  ``solve_tsp_dynamic_programming`` for 8, 10 and 12 stops — median time ratio and whether the
  tour lengths are equal. python-tsp solves a closed tour from node 0, so we compare like with
  like twice: round trips (``round_trip=True``), and open paths from stop 0, for which python-tsp's
  documentation says to set the return column (``d[:, 0]``) to 0.
* **heuristic**: ``optimise.solve_heuristic`` (default time budget) vs the OR-Tools routing
  solver (one vehicle, depot 0, PATH_CHEAPEST_ARC then GUIDED_LOCAL_SEARCH, 2 s limit, integer
  matrix) for 30 and 80 stops, round trips — time ratio and length gap.

Goals (printed with met / not met): exact at 12 stops ≥ 10× faster than python-tsp; heuristic at
80 stops within 2 % of OR-Tools' length (every instance) in less time. ``--quick`` runs tiny
sizes with short limits, to check that the script works (its figures mean nothing).
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
from ortools.constraint_solver import pywrapcp, routing_enums_pb2
from python_tsp.exact import solve_tsp_dynamic_programming

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script without the package installed
    sys.path.insert(0, str(ROOT))

from ocop_geo.routing.optimise import solve_exact, solve_heuristic  # noqa: E402

SIDE_M = 40_000
EXACT_GOAL, GAP_GOAL = 10.0, 2.0


def matrices(n: int, count: int, rng: np.random.Generator) -> list[np.ndarray]:
    """``count`` integer distance matrices between ``n`` random points of a 40 km square."""
    out = []
    for _ in range(count):
        pts = rng.random((n, 2)) * SIDE_M
        out.append(np.rint(np.linalg.norm(pts[:, None, :] - pts[None, :, :], axis=2)))
    return out


def length(cost: np.ndarray, order: list[int], closed: bool) -> float:
    """Length of ``order`` on ``cost`` (plus the return leg when ``closed``)."""
    seq = [*order, order[0]] if closed else order
    return float(sum(cost[a, b] for a, b in itertools.pairwise(seq)))


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds of one call, and its result."""
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def table_head(head: str) -> None:
    """Print a table's column titles, underlined."""
    print(head)
    print("-" * len(head))


def ortools_tour(cost: np.ndarray, limit_s: float) -> list[int]:
    """OR-Tools routing solver: closed tour from node 0, guided local search for ``limit_s``."""
    manager = pywrapcp.RoutingIndexManager(len(cost), 1, 0)
    routing = pywrapcp.RoutingModel(manager)
    transit = routing.RegisterTransitMatrix(cost.astype(np.int64).tolist())
    routing.SetArcCostEvaluatorOfAllVehicles(transit)
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(round(limit_s * 1000))
    solution = routing.SolveWithParameters(params)
    index, order = routing.Start(0), []
    while not routing.IsEnd(index):
        order.append(manager.IndexToNode(index))
        index = solution.Value(routing.NextVar(index))
    return order


def exact_rows(sizes: list[int], count: int, rng: np.random.Generator) -> dict[int, float]:
    """Print the exact table; return the median python-tsp/ours speed-up per size."""
    print("exact: solve_exact (Held–Karp, NumPy) vs python-tsp solve_tsp_dynamic_programming")
    table_head(
        f"{'stops':>5} {'tour':>10} {'ours ms':>9} {'python-tsp ms':>14} "
        f"{'ours/ptsp':>10} {'same length':>12}"
    )
    speedups = {}
    for n in sizes:
        for closed in (True, False):
            ours, theirs, same = [], [], 0
            for cost in matrices(n, count, rng):
                given = cost.copy()
                if not closed:
                    given[:, 0] = 0  # python-tsp docs: an open path = a closed tour, free return
                t_ours, order = timed(lambda c=cost, rt=closed: solve_exact(c, round_trip=rt))
                t_them, (_, dist) = timed(lambda g=given: solve_tsp_dynamic_programming(g))
                ours.append(t_ours)
                theirs.append(t_them)
                same += abs(length(cost, order, closed) - dist) < 1e-6
            mine, base = statistics.median(ours), statistics.median(theirs)
            kind = "round trip" if closed else "open path"
            print(
                f"{n:>5} {kind:>10} {mine * 1e3:>9.2f} {base * 1e3:>14.2f} "
                f"{mine / base:>9.3f}× {same:>6}/{count}"
            )
            if closed:
                speedups[n] = base / mine
    return speedups


def heuristic_rows(sizes: list[int], count: int, limit_s: float, budget_s: float, rng) -> dict:
    """Print the heuristic table; return per size (worst gap %, worst time ratio)."""
    print(f"\nheuristic: solve_heuristic (budget {budget_s:g} s) vs OR-Tools routing ", end="")
    print(f"(GUIDED_LOCAL_SEARCH, {limit_s:g} s limit, integer costs), round trips")
    table_head(
        f"{'stops':>5} {'ours ms':>9} {'OR-Tools ms':>12} {'ours/OR':>8} "
        f"{'gap mean':>9} {'gap worst':>10}"
    )
    results = {}
    for n in sizes:
        ratios, gaps, ours, theirs = [], [], [], []
        for cost in matrices(n, count, rng):
            t_ours, order = timed(
                lambda c=cost: solve_heuristic(c, round_trip=True, time_budget_s=budget_s)
            )
            t_them, tour = timed(lambda c=cost: ortools_tour(c, limit_s))
            ours.append(t_ours)
            theirs.append(t_them)
            ratios.append(t_ours / t_them)
            gaps.append(100 * (length(cost, order, True) / length(cost, tour, True) - 1))
        mine, base = statistics.median(ours), statistics.median(theirs)
        print(
            f"{n:>5} {mine * 1e3:>9.0f} {base * 1e3:>12.0f} {statistics.median(ratios):>7.2f}× "
            f"{statistics.mean(gaps):>8.2f}% {max(gaps):>9.2f}%"
        )
        results[n] = (max(gaps), max(ratios))
    print("gap = our length / OR-Tools' length − 1 (negative: ours is shorter)")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instances", type=int, default=5, help="random matrices per size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, short limits (smoke)")
    args = parser.parse_args(argv)
    if args.instances < 1:
        parser.error("--instances must be at least 1")
    exact_sizes, heur_sizes = ([6, 8], [12]) if args.quick else ([8, 10, 12], [30, 80])
    limit_s, budget_s = (0.2, 0.1) if args.quick else (2.0, 1.0)
    rng = np.random.default_rng(args.seed)

    print("Tour optimiser: ours vs python-tsp and OR-Tools (same random matrices, same run)")
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"numpy {version('numpy')}, python-tsp {version('python-tsp')}, "
        f"ortools {version('ortools')}"
    )
    print(f"instances: {args.instances} per size, seed {args.seed}, points in a 40 km square\n")
    speedups = exact_rows(exact_sizes, args.instances, rng)
    heur = heuristic_rows(heur_sizes, args.instances, limit_s, budget_s, rng)

    n_exact, n_heur = exact_sizes[-1], heur_sizes[-1]
    speed = speedups[n_exact]
    gap, ratio = heur[n_heur]
    print("\ngoals:")
    print(
        f"  exact at {n_exact} stops ≥ {EXACT_GOAL:g}× faster than python-tsp: "
        f"{'met' if speed >= EXACT_GOAL else 'not met'} ({speed:.1f}×, round trips, median)"
    )
    print(
        f"  heuristic at {n_heur} stops within {GAP_GOAL:g} % of OR-Tools' length in less time: "
        f"{'met' if gap <= GAP_GOAL and ratio < 1 else 'not met'} "
        f"(worst gap {gap:+.2f} %, slowest ours/OR-Tools time {ratio:.2f}×)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
