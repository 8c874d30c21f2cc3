"""The tour optimiser: exact = brute force, heuristic never worse than the order entered, and
opening hours (checked against a brute force on the itinerary's own rule)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from ocop_geo.routing import _localsearch, _windows
from ocop_geo.routing._problem import path_cost
from ocop_geo.routing.itinerary import visit_window
from ocop_geo.routing.optimise import (
    EXACT_LIMIT,
    HEURISTIC_LIMIT,
    solve,
    solve_exact,
    solve_heuristic,
    solve_with_hours,
)

VARIANTS = [  # (end, round_trip): open path, fixed end, round trip
    pytest.param(None, False, id="open"),
    pytest.param("last", False, id="fixed-end"),
    pytest.param(None, True, id="round-trip"),
]


def random_cost(n: int, seed: int, *, symmetric: bool) -> np.ndarray:
    cost = np.random.default_rng(seed).random((n, n)) * 1000
    return (cost + cost.T) / 2 if symmetric else cost


def tour_cost(cost: np.ndarray, order: list[int], round_trip: bool) -> float:
    seq = [*order, order[0]] if round_trip else order
    return float(sum(cost[a, b] for a, b in itertools.pairwise(seq)))


def brute_force(cost: np.ndarray, start: int, end: int | None, round_trip: bool) -> float:
    middle = [i for i in range(len(cost)) if i not in (start, end)]
    tail = [end] if end is not None else []
    return min(
        tour_cost(cost, [start, *perm, *tail], round_trip)
        for perm in itertools.permutations(middle)
    )


def assert_valid(order: list[int], n: int, start: int, end: int | None) -> None:
    assert sorted(order) == list(range(n))
    assert order[0] == start
    if end is not None:
        assert order[-1] == end


@pytest.mark.parametrize(("end_kind", "round_trip"), VARIANTS)
@pytest.mark.parametrize("symmetric", [True, False], ids=["symmetric", "asymmetric"])
@pytest.mark.parametrize("n", [2, 3, 5, 7, 8])
def test_exact_equals_brute_force(n: int, symmetric: bool, end_kind: str, round_trip: bool) -> None:
    for seed in range(4):
        cost = random_cost(n, seed * 31 + n, symmetric=symmetric)
        start = seed % n
        end = (
            (start + 1 + seed) % n
            if end_kind == "last" and (start + 1 + seed) % n != start
            else None
        )
        order = solve_exact(cost, start=start, end=end, round_trip=round_trip)
        assert_valid(order, n, start, end)
        expected = brute_force(cost, start, end, round_trip)
        assert tour_cost(cost, order, round_trip) == pytest.approx(expected)


@pytest.mark.parametrize(("end_kind", "round_trip"), VARIANTS)
@pytest.mark.parametrize("symmetric", [True, False], ids=["symmetric", "asymmetric"])
def test_heuristic_is_never_worse_than_the_order_entered(
    symmetric: bool, end_kind: str, round_trip: bool
) -> None:
    rng = np.random.default_rng(7)
    for trial, n in enumerate([1, 2, 3, 4, 6, 9, 13, 20, 35, 50, 65, HEURISTIC_LIMIT]):
        cost = random_cost(n, trial, symmetric=symmetric)
        start = int(rng.integers(n))
        end = int(rng.choice([i for i in range(n) if i != start])) if end_kind and n > 1 else None
        middle = [int(i) for i in rng.permutation([i for i in range(n) if i not in (start, end)])]
        initial = [start, *middle, *([end] if end is not None else [])]
        order = solve_heuristic(
            cost, start=start, end=end, round_trip=round_trip, initial=initial,
            time_budget_s=0.05, max_rounds=20, seed=trial,
        )  # fmt: skip
        assert_valid(order, n, start, end)
        assert tour_cost(cost, order, round_trip) <= tour_cost(cost, initial, round_trip) + 1e-9


def test_heuristic_keeps_a_good_initial_order() -> None:
    """An optimal order entered by the user comes back unchanged in cost."""
    cost = random_cost(10, 5, symmetric=False)
    best = solve_exact(cost)
    order = solve_heuristic(cost, initial=best, time_budget_s=0.05)
    assert tour_cost(cost, order, False) == pytest.approx(tour_cost(cost, best, False))


@pytest.mark.parametrize("symmetric", [True, False], ids=["symmetric", "asymmetric"])
def test_local_search_moves_change_the_cost_by_what_they_claim(symmetric: bool) -> None:
    """Each best 2-opt / Or-opt move is scored without rebuilding the path; with one-way costs
    a reversed segment costs something else, so the claimed change must equal the real one."""
    rng = np.random.default_rng(2)
    for n in (5, 9, 16, 30):
        cost = random_cost(n, n, symmetric=symmetric)
        for _ in range(10):
            seq = np.array([0, *rng.permutation(np.arange(1, n - 1)), n - 1])
            m = cost[np.ix_(seq, seq)]
            fwd, bwd = _localsearch._sums(m)
            for scorer in (_localsearch._best_two_opt, _localsearch._best_or_opt):
                delta, move = scorer(m, fwd, bwd)
                moved = _localsearch.apply_move(seq, move)
                assert sorted(moved) == sorted(seq)
                assert (moved[0], moved[-1]) == (0, n - 1)
                assert path_cost(cost, moved) - path_cost(cost, seq) == pytest.approx(delta)


def test_hours_neighbourhood_keeps_both_ends_and_every_stop() -> None:
    n = 9
    moves = _windows._moves(n)
    assert len({tuple(row) for row in moves}) == len(moves)  # no move listed twice
    assert (moves[:, 0] == 0).all()
    assert (moves[:, -1] == n - 1).all()
    assert (np.sort(moves, axis=1) == np.arange(n)).all()


def test_heuristic_is_close_to_exact_on_small_tours() -> None:
    for seed in range(10):
        cost = random_cost(11, seed, symmetric=seed % 2 == 0)
        best = tour_cost(cost, solve_exact(cost, round_trip=True), True)
        order = solve_heuristic(cost, round_trip=True, time_budget_s=60, max_rounds=200)
        found = tour_cost(cost, order, True)
        assert found <= best * 1.02


def test_solve_is_exact_up_to_the_limit_and_heuristic_above() -> None:
    cost = random_cost(EXACT_LIMIT, 3, symmetric=False)
    assert tour_cost(cost, solve(cost), False) == pytest.approx(
        tour_cost(cost, solve_exact(cost), False)
    )
    big = random_cost(EXACT_LIMIT + 3, 4, symmetric=True)
    order = solve(big, end=2, time_budget_s=0.05)
    assert_valid(order, EXACT_LIMIT + 3, 0, 2)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: solve_exact(np.zeros((EXACT_LIMIT + 1,) * 2)), "13 stops is more than"),
        (lambda: solve_heuristic(np.zeros((HEURISTIC_LIMIT + 1,) * 2)), "81 stops is more than"),
        (lambda: solve(np.zeros((3, 4))), "square matrix"),
        (lambda: solve(np.array([[0, np.nan], [1, 0]])), r"cost matrix\[0, 1\] is nan"),
        (lambda: solve(np.zeros((4, 4)), start=4), "start index 4 is out of range"),
        (lambda: solve(np.zeros((4, 4)), end=0), "end index 0 is the start"),
        (lambda: solve(np.zeros((4, 4)), end=2, round_trip=True), "do not also give a fixed end"),
        (lambda: solve_heuristic(np.zeros((4, 4)), initial=[0, 1, 1, 3]), "not a permutation"),
        (lambda: solve(np.zeros((4, 4)), end=3, initial=[0, 1, 3, 2]), "finish at stop 3"),
    ],
)
def test_bad_input_is_refused(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


# -- opening hours ---------------------------------------------------------------------------


def replay(order, duration_s, visit_min, windows, start_min, round_trip):
    """(closed stops, finish) of ``order`` by the itinerary's rule, stop after stop."""
    clock, closed = float(start_min), 0
    for p, node in enumerate(order):
        clock += duration_s[order[p - 1], node] / 60 if p else 0.0
        _, clock, shut = visit_window(clock, visit_min[node], windows[node], wait=True)
        closed += shut
    if round_trip:
        clock += duration_s[order[-1], order[0]] / 60
    return closed, clock


def random_hours(n: int, rng: np.random.Generator):
    windows = []
    for _ in range(n):
        kind = rng.random()
        if kind < 0.3:
            windows.append(None)
        elif kind < 0.8:
            opens = int(rng.integers(420, 900))
            windows.append(((opens, opens + int(rng.integers(60, 400))),))
        else:
            windows.append(((480, 690), (810, 1020)))  # a lunch break
    return [int(v) for v in rng.integers(0, 90, n)], windows


@pytest.mark.parametrize(("end_kind", "round_trip"), VARIANTS)
def test_hours_optimiser_equals_brute_force(end_kind: str, round_trip: bool) -> None:
    rng = np.random.default_rng(11)
    for _ in range(40):
        n = int(rng.integers(2, 8))
        duration = rng.random((n, n)) * 3600
        visit, windows = random_hours(n, rng)
        end = n - 1 if end_kind else None
        start_min = float(rng.integers(420, 700))
        got = solve_with_hours(duration, visit, windows, start_min, end=end, round_trip=round_trip)
        middle = [i for i in range(n) if i not in (0, end)]
        best = min(
            replay(
                [0, *p, *([end] if end else [])], duration, visit, windows, start_min, round_trip
            )
            for p in itertools.permutations(middle)
        )
        replayed = replay(got.order, duration, visit, windows, start_min, round_trip)
        assert replayed[0] == best[0] == len(got.closed)
        assert replayed[1] == pytest.approx(best[1])
        assert got.finish_min == pytest.approx(best[1])


def early_closer(n: int) -> tuple[np.ndarray, list[int], list]:
    """Stop ``n − 1`` closes at 09:00 and lies 20 min from the start; the rest are always open,
    10 min apart. Entered as numbered, it is reached long after closing."""
    duration = np.full((n, n), 600.0)
    duration[0, n - 1] = duration[n - 1, 0] = 1200.0
    windows = [None] * (n - 1) + [((480, 540),)]
    return duration, [15] * n, windows


@pytest.mark.parametrize("n", [6, EXACT_LIMIT + 8])
def test_hours_optimiser_avoids_a_closed_arrival_when_it_can(n: int) -> None:
    duration, visit, windows = early_closer(n)
    entered = replay(list(range(n)), duration, visit, windows, 480, False)
    assert entered[0] == 1  # as entered, the early closer is missed
    got = solve_with_hours(duration, visit, windows, 480, time_budget_s=0.5)
    assert got.closed == ()
    assert replay(got.order, duration, visit, windows, 480, False)[0] == 0
    assert got.order[1] == n - 1


def test_hours_optimiser_reports_a_stop_no_order_can_reach_open() -> None:
    duration, visit, windows = early_closer(5)
    got = solve_with_hours(duration, visit, windows, 600)  # leaving at 10:00: too late for it
    assert got.closed == (4,)
    assert sorted(got.order) == list(range(5))


def test_hours_heuristic_is_never_worse_than_the_order_entered() -> None:
    rng = np.random.default_rng(3)
    for n in (15, 30):
        duration = rng.random((n, n)) * 2400
        visit, windows = random_hours(n, rng)
        initial = [0, *rng.permutation(np.arange(1, n)).tolist()]
        got = solve_with_hours(
            duration, visit, windows, 480, initial=initial, time_budget_s=0.3, max_rounds=5
        )
        assert sorted(got.order) == list(range(n))
        mine = replay(got.order, duration, visit, windows, 480, False)
        theirs = replay(initial, duration, visit, windows, 480, False)
        assert mine[0] < theirs[0] or (mine[0] == theirs[0] and mine[1] <= theirs[1] + 1e-9)


@pytest.mark.parametrize(
    ("visit", "windows", "message"),
    [
        ([10, 10], [None], "2 visit durations for 1 opening-hour"),
        ([10, -1], [None, None], "stop 1: visit duration must be ≥ 0"),
        ([10, 10], [None, ((600, 540),)], r"stop 1: opening window \(600, 540\)"),
        ([10, 10], [(), None], "stop 0: opening hours are empty"),
    ],
)
def test_bad_hours_are_refused(visit, windows, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        solve_with_hours(np.zeros((2, 2)), visit, windows, 480)
