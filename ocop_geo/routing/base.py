"""The routing vocabulary shared by every back end, the optimiser, the itinerary and the exports.

Coordinates are ``(lon, lat)`` in EPSG:4326 (RFC 7946 order); distances are metres and durations
seconds. A *router* answers three questions for a travel mode: the distance/duration matrix between
points, the rectangular matrix from some points (sources) to others (targets), and one leg's length,
duration and geometry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from ocop_geo.i18n import MessageError
from ocop_geo.layers.modes import MODES as MODES  # re-exported: the vocabulary lives here
from ocop_geo.layers.modes import Mode as Mode

LonLat = tuple[float, float]


class RoutingError(MessageError, ValueError):
    """A route that cannot be computed: unknown or duplicate stop, too few stops, a stop that no
    road reaches, a back end that does not answer. The message says which stop and why."""


class RouteOptionError(MessageError, ValueError):
    """Options a tour cannot be planned with: an unknown travel mode, options that clash, a
    start time outside the day, more stops than the optimiser handles."""


class RouterConfigError(MessageError, ValueError):
    """A routing back end the settings cannot build: an unknown router, a missing road graph or
    OSRM URL, an invalid detour factor."""


@dataclass(frozen=True)
class Stop:
    """A place a tour visits.

    Attributes
    ----------
    id : str
        Stable id (``geo/sites.geojson`` or ``geo/pois.geojson``).
    name_vi, name_en : str
        Display names.
    lon, lat : float
        Position, EPSG:4326.
    visit_min : int
        Typical time spent there, minutes (0 for a start or end point).
    opening : tuple of (open_min, close_min) pairs, or None
        Opening hours as minutes after midnight, local time (Asia/Ho_Chi_Minh); ``None`` when no
        source gives them (treated as always open, and shown as "unknown").
    coord_estimate : bool
        True when the position is an estimate (shown as such in the UI and exports).
    coord_accuracy_m : float or None
        How far the true place may be from ``(lon, lat)``, metres.
    ward_2025_vi, district_2020_vi : str
        The 2025 ward/commune and the 2019–2025 district it lies in ("" when not known); the stop
        search finds a stop by them and by the pre-2025 communes its ward took in.
    """

    id: str
    name_vi: str
    name_en: str
    lon: float
    lat: float
    visit_min: int = 0
    opening: tuple[tuple[int, int], ...] | None = None
    coord_estimate: bool = True
    coord_accuracy_m: float | None = None
    ward_2025_vi: str = ""
    district_2020_vi: str = ""

    @property
    def lonlat(self) -> LonLat:
        return (self.lon, self.lat)


@dataclass(frozen=True)
class Matrix:
    """Pairwise travel figures: ``distance_m[i, j]`` and ``duration_s[i, j]`` from point ``i`` to
    point ``j`` (not necessarily symmetric: one-way streets).

    ``Router.matrix`` gives a square ``n × n`` matrix between ``n`` points, every entry finite;
    ``Router.matrix_between`` a ``sources × targets`` one, where ``inf`` marks a pair with no route.
    """

    distance_m: npt.NDArray[np.float64]
    duration_s: npt.NDArray[np.float64]

    def __post_init__(self) -> None:
        if self.distance_m.shape != self.duration_s.shape or self.distance_m.ndim != 2:
            msg = "distance and duration matrices must be two-dimensional and of the same shape"
            raise ValueError(msg)


@dataclass(frozen=True)
class Path:
    """One leg as a router computes it: length, duration and the line travelled."""

    distance_m: float
    duration_s: float
    coords: tuple[LonLat, ...] = field(default_factory=tuple)


class Router(Protocol):
    """What every back end provides.

    Attributes
    ----------
    name : str
        ``"estimate"``, ``"roads"`` or ``"osrm"``: recorded with every route and export.
    estimate : bool
        True when the figures are estimates (straight line × detour factor), not road network
        results; the UI and every export say so.
    """

    name: str
    estimate: bool

    def matrix(self, points: list[LonLat], mode: Mode) -> Matrix:
        """Distances (m) and durations (s) between every ordered pair of ``points``.

        Raises
        ------
        RoutingError
            A point cannot be reached (the message names its index) or the back end fails.
        """
        ...

    def matrix_between(self, sources: list[LonLat], targets: list[LonLat], mode: Mode) -> Matrix:
        """Distances (m) and durations (s) from each of ``sources`` (rows) to each of ``targets``
        (columns): a ``len(sources) × len(targets)`` matrix.

        Unlike :meth:`matrix`, a pair with no route is not an error: both its entries are
        ``inf`` (a road not connected to the rest, a one-way trap), so one unreachable pair
        does not cancel the others. A back end that searches the road network runs one search
        per source, not per point.

        Raises
        ------
        RoutingError
            A point is invalid or too far from every road, or the back end fails. Indices in
            the message count the sources first, then the targets (stop ``len(sources)`` is
            ``targets[0]``).
        """
        ...

    def path(self, a: LonLat, b: LonLat, mode: Mode) -> Path:
        """The leg from ``a`` to ``b``: distance, duration and geometry (``(lon, lat)`` tuples,
        starting at ``a`` and ending at ``b`` or at the road nodes nearest to them)."""
        ...


@dataclass(frozen=True)
class Leg:
    """Travel from one stop to the next in a planned route."""

    from_id: str
    to_id: str
    distance_m: float
    duration_s: float
    coords: tuple[LonLat, ...]


@dataclass(frozen=True)
class Visit:
    """One row of the itinerary: when the tour reaches a stop and leaves it.

    Times are minutes after midnight of the tour day (may exceed 1440 for a long tour).
    ``wait_min`` is time spent waiting for the stop to open (only when opening hours are
    respected); ``closed`` is True when the stop is reached or left outside its opening hours.
    """

    stop: Stop
    arrive_min: float
    depart_min: float
    wait_min: float = 0.0
    closed: bool = False


@dataclass(frozen=True)
class Route:
    """A planned tour: stops in visiting order, the legs between them and the itinerary.

    ``legs[i]`` goes from ``visits[i].stop`` to ``visits[i + 1].stop``; a round trip repeats the
    first stop as its last visit. ``entered_distance_m``/``entered_travel_s`` are the totals of the
    order the user entered (the saving is the difference).
    """

    mode: Mode
    backend: str
    estimate: bool
    start_min: float
    round_trip: bool
    optimised: bool
    visits: tuple[Visit, ...]
    legs: tuple[Leg, ...]
    entered_distance_m: float
    entered_travel_s: float
    warnings: tuple[str, ...] = ()

    @property
    def stops(self) -> tuple[Stop, ...]:
        return tuple(v.stop for v in self.visits)

    @property
    def distance_m(self) -> float:
        return float(sum(leg.distance_m for leg in self.legs))

    @property
    def travel_s(self) -> float:
        return float(sum(leg.duration_s for leg in self.legs))

    @property
    def end_min(self) -> float:
        return self.visits[-1].depart_min if self.visits else self.start_min

    @property
    def saving_m(self) -> float:
        """Distance saved against the order as entered (0 when not optimised)."""
        return self.entered_distance_m - self.distance_m
