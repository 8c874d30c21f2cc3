"""Local search on a canonical path (fixed first and last node), correct for asymmetric costs.

Moves, each scored for all positions at once with NumPy on the cost matrix re-indexed by
position (``M[p, q] = cost[seq[p], seq[q]]``):

* 2-opt: reverse ``seq[i..j]``. With asymmetric costs the reversed segment is travelled the other
  way, so its internal cost changes too: prefix sums of the forward (``F``) and backward (``B``)
  edge costs give it for every ``(i, j)``.
* Or-opt: move a segment of 1–3 nodes, as it is or reversed, between two other neighbours.

``iterate`` wraps any local search in an iterated local search: perturb the best path with a
double bridge (segment swap, no reversal), descend, keep the result only if it is better.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from ocop_geo.routing._problem import FloatArray, PathProblem, path_cost

IntArray = np.ndarray
OR_OPT_LENGTHS = (1, 2, 3)
STALL_ROUNDS = 300  # stop perturbing after this many rounds without an improvement


def nearest_neighbour(problem: PathProblem) -> IntArray:
    """Greedy path: from the start, always to the nearest unvisited node; the end comes last."""
    cost, n = problem.cost, len(problem.cost)
    free = np.ones(n, dtype=bool)
    free[[problem.start, problem.end]] = False
    seq, here = [problem.start], problem.start
    for _ in range(n - 2):
        row = np.where(free, cost[here], np.inf)
        here = int(row.argmin())
        free[here] = False
        seq.append(here)
    return np.array([*seq, problem.end], dtype=np.intp)


def _sums(m: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Prefix sums of forward (p → p+1) and backward (p+1 → p) edge costs along the path."""
    fwd = np.concatenate([[0.0], np.cumsum(np.diagonal(m, 1))])
    bwd = np.concatenate([[0.0], np.cumsum(np.diagonal(m, -1))])
    return fwd, bwd


def _best_two_opt(m: FloatArray, fwd: FloatArray, bwd: FloatArray) -> tuple[float, tuple]:
    n = len(m)
    edge = np.diagonal(m, 1)  # edge[p] = M[p, p + 1]
    a = np.arange(1, n - 1)
    i, j = a[:, None], a[None, :]
    delta = (
        m[i - 1, j] + m[i, j + 1] - edge[i - 1] - edge[j] + (bwd[j] - bwd[i]) - (fwd[j] - fwd[i])
    )
    delta = np.where(j > i, delta, np.inf)
    if delta.size == 0:
        return np.inf, ()
    flat = int(delta.argmin())
    r, c = divmod(flat, delta.shape[1])
    return float(delta.flat[flat]), ("2opt", int(a[r]), int(a[c]))


def _best_or_opt(m: FloatArray, fwd: FloatArray, bwd: FloatArray) -> tuple[float, tuple]:
    n = len(m)
    edge = np.diagonal(m, 1)
    best: tuple[float, tuple] = (np.inf, ())
    p = np.arange(n - 1)[None, :]  # insert between p and p + 1
    for length in OR_OPT_LENGTHS:
        i = np.arange(1, n - length)[:, None]  # segment i .. k, k <= n - 2
        if i.size == 0:
            break
        k = i + length - 1
        gain = edge[i - 1] + edge[k] - m[i - 1, k + 1]
        allowed = (p < i - 1) | (p > k)
        fwd_add = m[p, i] + m[k, p + 1] - edge[p]
        rev_add = m[p, k] + m[i, p + 1] - edge[p] + (bwd[k] - bwd[i]) - (fwd[k] - fwd[i])
        for reverse, add in ((False, fwd_add), (True, rev_add)):
            if reverse and length == 1:
                continue
            delta = np.where(allowed, add - gain, np.inf)
            flat = int(delta.argmin())
            if delta.flat[flat] < best[0]:
                r, c = divmod(flat, delta.shape[1])
                best = (float(delta.flat[flat]), ("or", int(i[r, 0]), length, c, reverse))
    return best


def apply_move(seq: IntArray, move: tuple) -> IntArray:
    """``seq`` after a move returned by the scorers."""
    if move[0] == "2opt":
        _, i, j = move
        return np.concatenate([seq[:i], seq[i : j + 1][::-1], seq[j + 1 :]])
    _, i, length, p, reverse = move
    segment = seq[i : i + length][::-1] if reverse else seq[i : i + length]
    rest = np.concatenate([seq[:i], seq[i + length :]])
    at = p + 1 if p < i else p - length + 1
    return np.concatenate([rest[:at], segment, rest[at:]])


def _first(scored: tuple[float, tuple]) -> float:
    return scored[0]


def local_search(cost: FloatArray, seq: IntArray) -> IntArray:
    """Apply the best improving 2-opt or Or-opt move until none improves (first and last node
    stay in place)."""
    tol = 1e-12 * max(1.0, float(np.abs(cost).max())) * len(seq)
    while len(seq) > 3:
        m = cost[np.ix_(seq, seq)]
        fwd, bwd = _sums(m)
        delta, move = min(_best_two_opt(m, fwd, bwd), _best_or_opt(m, fwd, bwd), key=_first)
        if not delta < -tol:
            break
        seq = apply_move(seq, move)
    return seq


def double_bridge(seq: IntArray, rng: np.random.Generator) -> IntArray:
    """Swap two consecutive inner segments: ``A B C D`` → ``A C B D`` (needs ≥ 3 inner nodes)."""
    a, b, c = np.sort(rng.choice(np.arange(1, len(seq) - 1), size=3, replace=False))
    c += 1  # segments seq[a:b] and seq[b:c] are both non-empty
    return np.concatenate([seq[:a], seq[b:c], seq[a:b], seq[c:]])


def iterate(
    seq: IntArray,
    score: Callable[[IntArray], float],
    descend: Callable[[IntArray], IntArray],
    *,
    rng: np.random.Generator,
    deadline: float,
    max_rounds: int,
) -> IntArray:
    """Iterated local search from ``seq`` (already a local optimum); never returns worse.

    Stops at ``deadline`` (``time.perf_counter``), after ``max_rounds`` perturbations, or after
    ``STALL_ROUNDS`` perturbations in a row that found nothing better."""
    best, best_score = seq, score(seq)
    if len(seq) < 5:  # fewer than 3 inner nodes: nothing to perturb
        return best
    stale = 0
    for _ in range(max_rounds):
        if time.perf_counter() >= deadline or stale >= STALL_ROUNDS:
            break
        cand = descend(double_bridge(best, rng))
        cand_score = score(cand)
        stale += 1
        if cand_score < best_score - 1e-12 * max(1.0, abs(best_score)):
            best, best_score, stale = cand, cand_score, 0
    return best


def improve_path(
    problem: PathProblem,
    seq: IntArray,
    *,
    rng: np.random.Generator,
    deadline: float,
    max_rounds: int,
) -> IntArray:
    """Local search then iterated local search on a plain (sum of costs) canonical path."""
    cost = problem.cost
    seq = local_search(cost, seq)
    return iterate(
        seq,
        lambda s: path_cost(cost, s),
        lambda s: local_search(cost, s),
        rng=rng,
        deadline=deadline,
        max_rounds=max_rounds,
    )
