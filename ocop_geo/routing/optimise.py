"""Visiting order of a tour's stops on a cost matrix (seconds or metres; may be asymmetric).

A tour starts at stop ``start``; it ends anywhere (open path), at stop ``end`` (fixed end) or back
at ``start`` (``round_trip``: the return leg counts, the start is not repeated in the answer).

* ``solve_exact`` — Held–Karp dynamic programming, exact, up to ``EXACT_LIMIT`` stops.
* ``solve_heuristic`` — nearest neighbour, 2-opt and Or-opt local search (asymmetric-safe) and an
  iterated local search bounded in time; up to ``HEURISTIC_LIMIT`` stops. Never worse than the
  order given as ``initial`` (default: the stops as numbered).
* ``solve`` — exact up to ``EXACT_LIMIT`` stops, heuristic above.
* ``solve_with_hours`` — respects opening hours: fewest stops reached while closed, then the
  earliest finish (exact up to ``EXACT_LIMIT`` stops). Never raises for closed stops: reports them.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ocop_geo.i18n import Message
from ocop_geo.routing._heldkarp import held_karp, held_karp_hours
from ocop_geo.routing._localsearch import improve_path, nearest_neighbour
from ocop_geo.routing._problem import (
    FloatArray,
    PathProblem,
    canonical,
    check_cost,
    check_ends,
    check_initial,
    path_cost,
)
from ocop_geo.routing._windows import Hours, Windows, evaluate, improve_hours, visit_times
from ocop_geo.routing.base import RouteOptionError

EXACT_LIMIT = 12
HEURISTIC_LIMIT = 80
DEFAULT_TIME_BUDGET_S = 1.0
DEFAULT_MAX_ROUNDS = 5_000


def _checked(
    cost: npt.ArrayLike, start: int, end: int | None, round_trip: bool, limit: int
) -> FloatArray:
    """``cost`` checked (see ``check_cost``/``check_ends``), at most ``limit`` stops."""
    arr = check_cost(cost)
    n = len(arr)
    if n > limit:
        raise RouteOptionError(Message("routing.error.too_many_stops", n=n, limit=limit))
    check_ends(n, start, end, round_trip)
    return arr


def solve_exact(
    cost: npt.ArrayLike, *, start: int = 0, end: int | None = None, round_trip: bool = False
) -> list[int]:
    """The cheapest visiting order (indices into ``cost``), by Held–Karp dynamic programming.

    Raises
    ------
    ValueError
        More than ``EXACT_LIMIT`` stops, a non-square or non-finite matrix, a bad start/end.
    """
    arr = _checked(cost, start, end, round_trip, EXACT_LIMIT)
    problem = canonical(arr, start, end, round_trip)
    return problem.to_tour(held_karp(problem))


def solve_heuristic(
    cost: npt.ArrayLike,
    *,
    start: int = 0,
    end: int | None = None,
    round_trip: bool = False,
    initial: Sequence[int] | None = None,
    seed: int = 0,
    time_budget_s: float = DEFAULT_TIME_BUDGET_S,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
) -> list[int]:
    """A good visiting order, never costlier than ``initial`` (default: stops in index order,
    rearranged to begin at ``start`` and finish at ``end``).

    Starts from the better of ``initial`` and a nearest-neighbour path, descends with 2-opt and
    Or-opt, then perturbs (double bridge) and descends again for at most ``max_rounds`` rounds or
    ``time_budget_s`` seconds, keeping only improvements. ``seed`` makes runs repeatable when the
    round limit, not the clock, stops them.

    Raises
    ------
    ValueError
        More than ``HEURISTIC_LIMIT`` stops, a bad matrix, start/end or ``initial``.
    """
    deadline = time.perf_counter() + time_budget_s
    arr = _checked(cost, start, end, round_trip, HEURISTIC_LIMIT)
    problem = canonical(arr, start, end, round_trip)
    given = np.array(problem.to_path(_initial(initial, len(arr), start, end)), dtype=np.intp)
    greedy = nearest_neighbour(problem)
    seq = min(given, greedy, key=lambda s: path_cost(problem.cost, s))
    best = improve_path(
        problem, seq, rng=np.random.default_rng(seed), deadline=deadline, max_rounds=max_rounds
    )
    return problem.to_tour(best)


def solve(
    cost: npt.ArrayLike,
    *,
    start: int = 0,
    end: int | None = None,
    round_trip: bool = False,
    initial: Sequence[int] | None = None,
    seed: int = 0,
    time_budget_s: float = DEFAULT_TIME_BUDGET_S,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
) -> list[int]:
    """``solve_exact`` for up to ``EXACT_LIMIT`` stops, ``solve_heuristic`` above (same
    arguments; ``initial``, ``seed``, ``time_budget_s`` and ``max_rounds`` only matter to the
    heuristic). Raises like them."""
    n = len(check_cost(cost))
    if n > EXACT_LIMIT:
        return solve_heuristic(
            cost,
            start=start,
            end=end,
            round_trip=round_trip,
            initial=initial,
            seed=seed,
            time_budget_s=time_budget_s,
            max_rounds=max_rounds,
        )
    if initial is not None:
        check_initial(initial, n, start, end)
    return solve_exact(cost, start=start, end=end, round_trip=round_trip)


@dataclass(frozen=True)
class HoursSolution:
    """An hours-aware order: ``order`` (stop indices), the stops in it reached or left while
    closed (``closed``, indices; empty when the order respects every stop's hours) and when the
    tour finishes (``finish_min``, minutes after midnight: the last departure, or the arrival
    back at the start of a round trip)."""

    order: list[int]
    closed: tuple[int, ...]
    finish_min: float


def solve_with_hours(
    duration_s: npt.ArrayLike,
    visit_min: Sequence[float],
    windows: Sequence[Windows],
    start_min: float,
    *,
    start: int = 0,
    end: int | None = None,
    round_trip: bool = False,
    initial: Sequence[int] | None = None,
    seed: int = 0,
    time_budget_s: float = DEFAULT_TIME_BUDGET_S,
    max_rounds: int = DEFAULT_MAX_ROUNDS,
) -> HoursSolution:
    """The order that reaches the fewest stops while closed, then finishes earliest.

    ``duration_s`` is travel seconds; ``visit_min[i]`` the minutes spent at stop ``i`` and
    ``windows[i]`` its opening windows as ``(open_min, close_min)`` pairs, minutes after midnight
    (``None``: unknown, treated as always open). A stop reached before it opens waits; one that
    cannot be visited before closing is *closed* (visited on arrival and reported). Exact
    (dynamic programming) up to ``EXACT_LIMIT`` stops, heuristic above; never worse than
    ``initial`` on that objective.

    Raises
    ------
    ValueError
        Bad matrix, start/end, ``initial``, visit durations or windows; too many stops.
    """
    deadline = time.perf_counter() + time_budget_s
    travel = _checked(duration_s, start, end, round_trip, HEURISTIC_LIMIT) / 60.0
    n = len(travel)
    hours = Hours.build(visit_min, windows)
    if len(hours.visit) != n:
        msg = f"{len(hours.visit)} visit durations for {n} stops"
        raise ValueError(msg)
    problem = canonical(travel, start, end, round_trip)
    if problem.end == n:
        hours = hours.extended()
    given = np.array(problem.to_path(_initial(initial, n, start, end)), dtype=np.intp)
    if n <= EXACT_LIMIT:
        seq = np.array(held_karp_hours(problem, hours, start_min), dtype=np.intp)
    else:
        plain = problem.to_path(
            solve_heuristic(
                travel,
                start=start,
                end=end,
                round_trip=round_trip,
                time_budget_s=0.2 * time_budget_s,
            )
        )
        by_closing = sorted(given[1:-1], key=lambda i: hours.closes[i].max())
        cands = np.array([given, plain, [given[0], *by_closing, given[-1]]], dtype=np.intp)
        seq = cands[int(evaluate(cands, problem.cost, hours, start_min).argmin())]
        seq = improve_hours(
            seq,
            problem.cost,
            hours,
            start_min,
            rng=np.random.default_rng(seed),
            deadline=deadline,
            max_rounds=max_rounds,
        )
    return _hours_solution(problem.to_tour(seq), problem, hours, start_min)


def _hours_solution(
    order: list[int], problem: PathProblem, hours: Hours, start_min: float
) -> HoursSolution:
    """Replay ``order`` to list its closed stops and its finish time."""
    seq = problem.to_path(order)
    closed, clock = [], float(start_min)
    for p, node in enumerate(seq):
        if p:
            clock += float(problem.cost[seq[p - 1], node])
        depart, shut = visit_times(np.float64(clock), *hours.take(node))
        clock = float(depart)
        if shut and node < problem.n:
            closed.append(node)
    return HoursSolution(order=order, closed=tuple(closed), finish_min=clock)


def _initial(initial: Sequence[int] | None, n: int, start: int, end: int | None) -> list[int]:
    """``initial`` checked, or the stops in index order with ``start`` first and ``end`` last."""
    if initial is not None:
        return check_initial(initial, n, start, end)
    middle = [i for i in range(n) if i not in (start, end)]
    return [start, *middle, *([end] if end is not None else [])]


__all__ = [
    "EXACT_LIMIT",
    "HEURISTIC_LIMIT",
    "HoursSolution",
    "solve",
    "solve_exact",
    "solve_heuristic",
    "solve_with_hours",
]
