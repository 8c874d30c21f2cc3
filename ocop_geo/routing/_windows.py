"""Opening hours for the optimiser: the visit rule on arrays, and a local search that scores
whole neighbourhoods of orders at once.

The rule (the same as ``itinerary.visit_window`` for one stop): a stop is visited in the opening
window that lets the visit start earliest and end by closing time; arriving before that window
opens means waiting. When no window fits, the stop is *closed*: the visit happens on arrival and
is flagged. Times are minutes after midnight. Arriving earlier never makes a visit end later or
closed, which is what makes ``held_karp_hours`` exact.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ocop_geo.routing._localsearch import iterate
from ocop_geo.routing._problem import FloatArray

BIG = 1e7  # minutes: count * BIG + finish orders (closed stops, finish time) lexicographically
Windows = Sequence[tuple[float, float]] | None


@dataclass(frozen=True)
class Hours:
    """Visit minutes ``visit[i]`` and opening windows ``opens[i, w]``–``closes[i, w]`` of each
    node (always open: one window −∞..∞; unused window slots: +∞..−∞, never fit)."""

    visit: FloatArray
    opens: FloatArray
    closes: FloatArray

    @classmethod
    def build(cls, visit_min: Sequence[float], windows: Sequence[Windows]) -> Hours:
        """From per-node visit minutes and windows (``None`` = always open).

        Raises
        ------
        ValueError
            Lengths differ, a negative/non-finite visit, or a window whose opening is not a
            finite time before its closing (the message names the stop index).
        """
        if len(visit_min) != len(windows):
            msg = f"{len(visit_min)} visit durations for {len(windows)} opening-hour entries"
            raise ValueError(msg)
        width = max([len(w) for w in windows if w] + [1])
        opens = np.full((len(windows), width), np.inf)
        closes = np.full((len(windows), width), -np.inf)
        for i, (visit, spans) in enumerate(zip(visit_min, windows, strict=True)):
            if not (math.isfinite(visit) and visit >= 0):
                msg = f"stop {i}: visit duration must be ≥ 0 minutes, got {visit!r}"
                raise ValueError(msg)
            if spans is None:
                opens[i, 0], closes[i, 0] = -np.inf, np.inf
                continue
            if not spans:
                msg = f"stop {i}: opening hours are empty (use None when they are unknown)"
                raise ValueError(msg)
            for w, (start, end) in enumerate(spans):
                if not (math.isfinite(start) and math.isfinite(end) and start < end):
                    msg = (
                        f"stop {i}: opening window ({start!r}, {end!r}) must open before it closes"
                    )
                    raise ValueError(msg)
                opens[i, w], closes[i, w] = start, end
        return cls(np.asarray(visit_min, dtype=float), opens, closes)

    def extended(self) -> Hours:
        """These hours plus one always-open node with no visit (the canonical added end)."""
        width = self.opens.shape[1]
        opens = np.vstack([self.opens, np.full((1, width), np.inf)])
        closes = np.vstack([self.closes, np.full((1, width), -np.inf)])
        opens[-1, 0], closes[-1, 0] = -np.inf, np.inf
        return Hours(np.append(self.visit, 0.0), opens, closes)

    def take(self, nodes: object, shape: tuple[int, ...] = ()) -> tuple[FloatArray, ...]:
        """``(visit, opens, closes)`` of ``nodes`` reshaped to ``shape`` (+ the window axis)."""
        width = self.opens.shape[1]
        visit, opens, closes = self.visit[nodes], self.opens[nodes], self.closes[nodes]
        if not shape:
            return visit, opens, closes
        return visit.reshape(shape), opens.reshape((*shape, width)), closes.reshape((*shape, width))


def visit_times(
    arrive: FloatArray, visit: FloatArray, opens: FloatArray, closes: FloatArray
) -> tuple[FloatArray, np.ndarray]:
    """Departure time and closed flag for arrivals ``arrive`` (any shape; ``visit`` broadcasts
    with it, ``opens``/``closes`` have one more, last, axis of windows)."""
    arrive = np.asarray(arrive, dtype=float)
    begin = np.maximum(arrive[..., None], opens)
    fits = begin + np.asarray(visit)[..., None] <= closes
    start = np.where(fits, begin, np.inf).min(axis=-1)
    closed = ~fits.any(axis=-1)
    return np.where(closed, arrive, start) + visit, closed


def evaluate(seqs: np.ndarray, travel: FloatArray, hours: Hours, start_min: float) -> FloatArray:
    """``closed count × BIG + finish`` of every canonical path in ``seqs`` (one per row)."""
    node = seqs[:, 0]
    dep, closed = visit_times(np.full(len(seqs), float(start_min)), *hours.take(node))
    count = closed.astype(float)
    for p in range(1, seqs.shape[1]):
        prev, node = node, seqs[:, p]
        dep, closed = visit_times(dep + travel[prev, node], *hours.take(node))
        count += closed
    return count * BIG + dep


@lru_cache(maxsize=8)
def _moves(n: int) -> np.ndarray:
    """Position maps of every 2-opt and Or-opt (1–3 nodes, 2–3 also reversed) move on a path of
    ``n`` nodes whose first and last stay in place: row ``r`` gives the new path as ``seq[row]``."""
    q = np.arange(n)[None, :]
    i, j = (v[:, None] for v in np.triu_indices(n, 1))
    keep = ((i >= 1) & (j <= n - 2))[:, 0]
    i, j = i[keep], j[keep]
    maps = [np.where((q >= i) & (q <= j), i + j - q, q)]
    for length in (1, 2, 3):
        pairs = [(a, p) for a in range(1, n - length) for p in range(n - 1)]
        pairs = [(a, p) for a, p in pairs if p < a - 1 or p > a + length - 1]
        if not pairs:
            continue
        a, p = (np.array(v)[:, None] for v in zip(*pairs, strict=True))
        ahead = p > a  # the segment moves towards the end
        lo = np.where(ahead, p - length + 1, p + 1)  # where the segment lands
        in_seg = (q >= lo) & (q < lo + length)
        shifted = np.where(ahead, q + length, q - length)
        between = np.where(ahead, (q >= a) & (q < lo), (q >= lo + length) & (q < a + length))
        for reverse in (False, True) if length > 1 else (False,):
            offset = (lo + length - 1 - q) if reverse else (q - lo)
            maps.append(np.where(in_seg, a + offset, np.where(between, shifted, q)))
    unique = np.unique(np.vstack(maps), axis=0)  # e.g. swapping neighbours is both moves
    return unique[(unique != np.arange(n)).any(axis=1)].astype(np.intp)


def improve_hours(
    seq: np.ndarray,
    travel: FloatArray,
    hours: Hours,
    start_min: float,
    *,
    rng: np.random.Generator,
    deadline: float,
    max_rounds: int,
) -> np.ndarray:
    """Best-improvement descent over all 2-opt/Or-opt moves, then iterated local search, on the
    lexicographic (closed stops, finish) score. Never returns a worse path than ``seq``."""
    moves = _moves(len(seq))

    def score(s: np.ndarray) -> float:
        return float(evaluate(s[None, :], travel, hours, start_min)[0])

    def descend(s: np.ndarray) -> np.ndarray:
        current = score(s)
        while len(moves) and time.perf_counter() < deadline:
            cands = s[moves]
            keys = evaluate(cands, travel, hours, start_min)
            best = int(keys.argmin())
            if not keys[best] < current - 1e-9:
                break
            s, current = cands[best], float(keys[best])
        return s

    return iterate(descend(seq), score, descend, rng=rng, deadline=deadline, max_rounds=max_rounds)
