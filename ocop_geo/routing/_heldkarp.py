"""Held–Karp dynamic programming over subsets, vectorised with NumPy, on a canonical path.

``dp[mask, j]`` is the best way to leave the start, visit exactly the middle nodes in ``mask``
and stand at middle node ``j``. Masks are processed one popcount layer at a time; a whole layer
is one set of array operations (``layer × m × m`` candidates), so 12 stops (``m = 11`` middle
nodes, 2,048 masks) take milliseconds. ``held_karp_hours`` adds the number of stops reached while
closed as a third index and keeps the earliest departure per state: arriving earlier never hurts
when waiting is allowed, so the lexicographic optimum (fewest closed stops, then earliest finish)
is exact.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ocop_geo.routing._problem import PathProblem
from ocop_geo.routing._windows import BIG, Hours, visit_times


@lru_cache(maxsize=16)
def _layers(m: int) -> tuple[np.ndarray, ...]:
    """Masks of ``m`` bits grouped by popcount: ``layers[r]`` holds the masks with ``r`` bits."""
    masks = np.arange(1 << m, dtype=np.int64)
    counts = np.bitwise_count(masks)
    return tuple(masks[counts == r] for r in range(m + 1))


def _middle(problem: PathProblem) -> np.ndarray:
    others = [i for i in range(len(problem.cost)) if i not in (problem.start, problem.end)]
    return np.array(others, dtype=np.intp)


def held_karp(problem: PathProblem) -> list[int]:
    """The cheapest canonical path (node list from ``start`` to ``end``)."""
    cost, start, end = problem.cost, problem.start, problem.end
    mid = _middle(problem)
    m = len(mid)
    if m == 0:
        return [start, end]
    inner = cost[np.ix_(mid, mid)]
    bits = np.int64(1) << np.arange(m, dtype=np.int64)
    dp = np.full((1 << m, m), np.inf)
    parent = np.full((1 << m, m), -1, dtype=np.int8)
    dp[bits, np.arange(m)] = cost[start, mid]
    for layer in _layers(m)[2:]:
        cand = dp[layer[:, None] ^ bits] + inner.T  # [l, j, k] = dp[l - j, k] + cost[k, j]
        k = cand.argmin(axis=2)
        best = np.take_along_axis(cand, k[..., None], axis=2)[..., 0]
        dp[layer] = np.where((layer[:, None] & bits) != 0, best, np.inf)
        parent[layer] = k
    j = int((dp[-1] + cost[mid, end]).argmin())
    mask, order = (1 << m) - 1, []
    while j >= 0:
        order.append(int(mid[j]))
        j, mask = int(parent[mask, j]), mask ^ (1 << j)
    return [start, *order[::-1], end]


def held_karp_hours(problem: PathProblem, hours: Hours, start_min: float) -> list[int]:
    """The canonical path with the fewest stops reached while closed, then the earliest finish.

    ``problem.cost`` holds travel minutes; ``hours`` the visit minutes and opening windows of
    every canonical node (see ``_windows.Hours``).
    """
    cost, start, end = problem.cost, problem.start, problem.end
    mid = _middle(problem)
    m = len(mid)
    if m == 0:
        return [start, end]
    dep0, closed0 = visit_times(np.float64(start_min), *hours.take(start))
    inner = cost[np.ix_(mid, mid)]
    bits = np.int64(1) << np.arange(m, dtype=np.int64)
    depth = m + 2  # closed counts 0 .. m + 1 (the start may be closed too)
    counts = np.arange(depth)
    dp = np.full((1 << m, m, depth), np.inf)
    parent_k = np.full((1 << m, m, depth), -1, dtype=np.int8)
    parent_c = np.zeros((1 << m, m, depth), dtype=np.int8)
    dep, closed = visit_times(dep0 + cost[start, mid], *hours.take(mid))
    dp[bits, np.arange(m), int(closed0) + closed.astype(int)] = dep
    at_j = hours.take(mid, (1, m, 1, 1))  # broadcast over [layer, j, k, count]
    for size, layer in enumerate(_layers(m)[2:], start=2):
        top = min(depth, size + 2)  # after `size` stops (and the start) at most size + 1 closed
        arrive = dp[:, :, :top][layer[:, None] ^ bits] + inner.T[None, :, :, None]  # [l, j, k, c]
        dep, closed = visit_times(arrive, *at_j)
        k_open, v_open = _best_k(np.where(closed, np.inf, dep))
        k_shut, v_shut = _best_k(np.where(closed, dep, np.inf))
        v_shut, k_shut = _shift(v_shut, np.inf), _shift(k_shut, 0)  # closed: count c from c - 1
        use_shut = v_shut < v_open
        has = ((layer[:, None] & bits) != 0)[..., None]
        dp[layer, :, :top] = np.where(has, np.minimum(v_open, v_shut), np.inf)
        parent_k[layer, :, :top] = np.where(use_shut, k_shut, k_open)
        parent_c[layer, :, :top] = np.where(use_shut, counts[:top] - 1, counts[:top])
    dep, closed = visit_times(dp[-1] + cost[mid, end][:, None], *hours.take(end))
    key = np.where(np.isfinite(dep), (counts + closed) * BIG + dep, np.inf)
    j, c = (int(v) for v in np.unravel_index(key.argmin(), key.shape))
    mask, order = (1 << m) - 1, []
    while j >= 0:
        order.append(int(mid[j]))
        j, c, mask = int(parent_k[mask, j, c]), int(parent_c[mask, j, c]), mask ^ (1 << j)
    return [start, *order[::-1], end]


def _best_k(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Argmin and min over the ``k`` axis (2) of ``[l, j, k, c]`` values."""
    k = values.argmin(axis=2)
    return k, np.take_along_axis(values, k[:, :, None], axis=2)[:, :, 0]


def _shift(values: np.ndarray, fill: float) -> np.ndarray:
    """``values`` moved one step up the count axis (last), ``fill`` at count 0."""
    head = np.full((*values.shape[:-1], 1), fill, dtype=values.dtype)
    return np.concatenate([head, values[..., :-1]], axis=-1)
