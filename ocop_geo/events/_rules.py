"""Booth rules and zones: the sizes, spacing and groups an organiser chooses (metres, counts)."""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np

from ocop_geo.events._parse import BoothError
from ocop_geo.i18n import Message

#: Booths per regional event in KH 100/KH-UBND (the count when neither count nor zones is given).
DEFAULT_COUNT = 150

#: Each size's name in messages and whether 0 is allowed.
_RULE_NAMES = {
    "width_m": ("events.error.rule.width_m", False),
    "depth_m": ("events.error.rule.depth_m", False),
    "gap_m": ("events.error.rule.gap_m", True),
    "aisle_m": ("events.error.rule.aisle_m", True),
    "end_clearance_m": ("events.error.rule.end_clearance_m", True),
}


@dataclass(frozen=True)
class BoothRules:
    """Booth size and spacing, in metres.

    ``width_m`` is the frontage along the street, ``depth_m`` the depth away from it, ``gap_m``
    the space between neighbouring booths of a row, ``aisle_m`` the clear walkway between the two
    rows (booth fronts at ±aisle/2 from the centre line), ``end_clearance_m`` the length kept free
    at each end of each street. ``both_sides=False`` gives one row, left of the drawing direction.

    Raises BoothError naming the field when a size is not a finite number, width or depth
    is not > 0, or gap, aisle or clearance is < 0.
    """

    width_m: float = 3.0
    depth_m: float = 3.0
    gap_m: float = 0.5
    aisle_m: float = 4.0
    end_clearance_m: float = 5.0
    both_sides: bool = True

    def __post_init__(self) -> None:
        for field in fields(self)[:5]:
            value = getattr(self, field.name)
            label, zero_ok = _RULE_NAMES[field.name]
            key = "events.error.rule_not_negative" if zero_ok else "events.error.rule_positive"
            ok = isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)
            if not ok or not math.isfinite(value) or value < 0 or (value == 0 and not zero_ok):
                shown = f"{value:g}" if ok else repr(value)
                message = Message(key, label=Message(label), field=field.name, value=shown)
                raise BoothError(message)
        if not isinstance(self.both_sides, bool):
            raise BoothError(f"both_sides must be True or False, got {self.both_sides!r}")

    @property
    def rows(self) -> int:
        """Rows of booths per street: 2 with ``both_sides``, else 1."""
        return 2 if self.both_sides else 1


@dataclass(frozen=True)
class Zone:
    """A named group of booths (a province, a product group) and how many booths it gets.

    Raises BoothError when the name is empty or the count is not a whole number ≥ 0.
    """

    name: str
    count: int

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise BoothError(Message("events.error.zone_name", name=repr(self.name)))
        count = _whole(self.count)
        if count is None or count < 0:
            shown = {"name": repr(self.name), "count": repr(self.count)}
            raise BoothError(Message("events.error.zone_count", **shown))
        object.__setattr__(self, "count", count)


def _whole(value: object) -> int | None:
    """``value`` as an int when it is a whole number (numpy integers too, not bools), else None."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool | np.bool_):
        return int(value)
    return None


def resolve_count(count: int | None, zones: Sequence[Zone] | None) -> tuple[int, list[Zone]]:
    """The booth count (``count``, else the zones' total, else 150) and the zones as a list.

    Raises BoothError on repeated zone names, a count that differs from the zones' total, zones
    that hold no booth, or a count that is not a whole number > 0.
    """
    zones = list(zones or [])
    names = [z.name for z in zones]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise BoothError(Message("events.error.zone_twice", names=", ".join(map(repr, twice))))
    total = sum(z.count for z in zones)
    if zones and count is not None and count != total:
        raise BoothError(Message("events.error.zone_total", total=total, count=count))
    if zones and total == 0:
        raise BoothError(Message("events.error.zones_empty"))
    whole = total if zones else DEFAULT_COUNT if count is None else _whole(count)
    if whole is None or whole <= 0:
        raise BoothError(Message("events.error.count", count=repr(count)))
    return whole, zones
