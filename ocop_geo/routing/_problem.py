"""The optimiser's canonical problem: a path from a fixed first node to a fixed last node.

Every variant the optimiser offers reduces to it. A round trip gets a copy of the start as its
last node; an open path with a free end gets a dummy last node that every node reaches at no
cost. The solvers only ever see "visit all nodes, start at ``start``, finish at ``end``"; the
added node is dropped from the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class PathProblem:
    """``cost`` (N × N) on which a tour is a path ``start`` → … → ``end`` through all nodes.

    ``n`` is the number of real nodes; when ``N == n + 1`` node ``n`` was added (the copy of the
    start of a round trip, or the dummy end of an open path) and is dropped from answers.
    """

    cost: FloatArray
    start: int
    end: int
    n: int

    def to_tour(self, seq: Sequence[int]) -> list[int]:
        """A canonical path as a tour of the real nodes (the added node dropped)."""
        return [int(node) for node in seq if node < self.n]

    def to_path(self, tour: Sequence[int]) -> list[int]:
        """A tour of the real nodes as a canonical path (the added node appended)."""
        return [*tour, self.end] if self.end == self.n else list(tour)


def check_cost(cost: npt.ArrayLike, *, what: str = "cost matrix") -> FloatArray:
    """``cost`` as a square float matrix of finite values.

    Raises
    ------
    ValueError
        Not square, empty, or a value that is not finite (the message names the cell).
    """
    arr = np.asarray(cost, dtype=np.float64)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        msg = f"{what} must be a non-empty square matrix, got shape {arr.shape}"
        raise ValueError(msg)
    bad = np.argwhere(~np.isfinite(arr))
    if len(bad):
        i, j = (int(v) for v in bad[0])
        msg = f"{what}[{i}, {j}] is {arr[i, j]}: every cost must be a finite number"
        raise ValueError(msg)
    return arr


def check_ends(n: int, start: int, end: int | None, round_trip: bool) -> None:
    """Raise ``ValueError`` for a start/end that is out of range or contradictory."""
    if not 0 <= start < n:
        msg = f"start index {start} is out of range for {n} stops"
        raise ValueError(msg)
    if end is None:
        return
    if round_trip:
        msg = "a round trip ends at its start: do not also give a fixed end"
        raise ValueError(msg)
    if not 0 <= end < n:
        msg = f"end index {end} is out of range for {n} stops"
        raise ValueError(msg)
    if end == start and n > 1:
        msg = f"end index {end} is the start: use round_trip=True to come back to the start"
        raise ValueError(msg)


def check_initial(initial: Sequence[int], n: int, start: int, end: int | None) -> list[int]:
    """``initial`` as a list, after checking it visits every stop once from ``start`` to ``end``.

    Raises
    ------
    ValueError
        Not a permutation of ``range(n)``, or it does not begin at ``start`` / finish at ``end``.
    """
    order = [int(i) for i in initial]
    if sorted(order) != list(range(n)):
        msg = f"initial order {order} is not a permutation of the {n} stops 0..{n - 1}"
        raise ValueError(msg)
    if order[0] != start or (end is not None and order[-1] != end):
        msg = f"initial order {order} must begin at stop {start}" + (
            f" and finish at stop {end}" if end is not None else ""
        )
        raise ValueError(msg)
    return order


def canonical(cost: FloatArray, start: int, end: int | None, round_trip: bool) -> PathProblem:
    """The path problem equivalent to a tour on ``cost`` (see the module docstring)."""
    n = len(cost)
    if end is not None:
        return PathProblem(cost=cost, start=start, end=end, n=n)
    big = np.zeros((n + 1, n + 1))
    big[:n, :n] = cost
    if round_trip:  # node n is the start again: reach it as the start, leave it as the start
        big[:n, n] = cost[:, start]
        big[n, :n] = cost[start, :]
    return PathProblem(cost=big, start=start, end=n, n=n)


def path_cost(cost: FloatArray, seq: Sequence[int] | npt.NDArray[np.int_]) -> float:
    """Sum of ``cost`` along consecutive nodes of ``seq``."""
    s = np.asarray(seq, dtype=np.intp)
    return float(cost[s[:-1], s[1:]].sum())
