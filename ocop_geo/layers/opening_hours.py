"""Opening hours in the subset of OpenStreetMap ``opening_hours`` syntax this project uses.

A stop has one set of hours for every day (:class:`ocop_geo.routing.base.Stop` carries no
weekday), so only rules that hold every day are accepted:

========================================  ===================================================
``Mo-Su 07:00-18:00``                     every day, one interval
``Mo-Su 07:00-11:30,13:30-17:00``         every day, several intervals (a lunch break)
``07:00-18:00``                           a time without days means every day (OSM rule)
``24/7``                                  always open
========================================  ===================================================

Times are local (Asia/Ho_Chi_Minh), ``HH:MM`` with ``00 ≤ HH ≤ 24``; ``24:00`` may end an
interval. Intervals must be in order and must not overlap or cross midnight. Anything else —
weekday ranges other than ``Mo-Su``, months, public holidays, ``off``, comments, several rules
separated by ``;`` — is refused with a :class:`ValueError` that says what is not supported, so
a data editor never gets hours that are silently wrong.
"""

from __future__ import annotations

import math
import re

_HHMM = re.compile(r"\s*(\d{1,2}):(\d{2})\s*")


def format_hhmm(minutes: float) -> str:
    """``510`` → ``"08:30"`` (rounded to the minute; past midnight the hours go on: ``"25:10"``).

    Raises
    ------
    ValueError
        ``minutes`` is negative or not finite.
    """
    if not (math.isfinite(minutes) and minutes >= 0):
        msg = f"cannot show {minutes!r} as a time of day: minutes must be a finite number ≥ 0"
        raise ValueError(msg)
    hours, mins = divmod(round(minutes), 60)
    return f"{hours:02d}:{mins:02d}"


def parse_hhmm(text: str) -> int:
    """``"8:30"`` or ``"08:30"`` → ``510`` minutes after midnight; ``"24:00"`` → 1440.

    Raises
    ------
    ValueError
        Not ``H:MM``/``HH:MM``, or outside 00:00–24:00 (the message quotes the text).
    """
    match = _HHMM.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        msg = f"invalid time {text!r}: expected HH:MM, e.g. 08:30"
        raise ValueError(msg)
    hours, mins = int(match[1]), int(match[2])
    if mins > 59 or hours > 24 or (hours == 24 and mins):
        msg = f"invalid time {text!r}: must be between 00:00 and 24:00"
        raise ValueError(msg)
    return hours * 60 + mins


#: ``(open, close)`` minutes after local midnight, per interval.
Hours = tuple[tuple[int, int], ...]

ALWAYS: Hours = ((0, 24 * 60),)

_TIME = r"(\d{2}):(\d{2})"
_INTERVAL = re.compile(rf"{_TIME}-{_TIME}")
_EVERY_DAY = "Mo-Su"


def _minutes(hh: str, mm: str, text: str) -> int:
    try:
        return parse_hhmm(f"{hh}:{mm}")
    except ValueError:
        msg = f"{hh}:{mm} is not a time of day in {text!r}"
        raise ValueError(msg) from None


def parse_opening_hours(text: str | None) -> Hours | None:
    """Parse ``text`` into ``(open_min, close_min)`` intervals, or None when ``text`` is None.

    Parameters
    ----------
    text : str or None
        A rule such as ``"Mo-Su 07:00-18:00"`` (see the module docstring for the subset).

    Returns
    -------
    tuple of (int, int) pairs, or None
        Minutes after local midnight, sorted; ``None`` means "not known".

    Raises
    ------
    ValueError
        When ``text`` is empty or not in the supported subset; the message quotes the text
        and says what is wrong.
    """
    if text is None:
        return None
    rule = " ".join(text.split())
    if not rule:
        msg = "opening hours are empty; use null when no source gives them"
        raise ValueError(msg)
    if rule == "24/7":
        return ALWAYS
    if ";" in rule or "||" in rule:
        msg = f"only one rule for every day is supported, not several ({text!r})"
        raise ValueError(msg)
    days, _, times = rule.rpartition(" ")
    if days and days != _EVERY_DAY:
        msg = (
            f"only rules for every day ('{_EVERY_DAY} HH:MM-HH:MM') are supported; "
            f"{days!r} in {text!r} is not"
        )
        raise ValueError(msg)
    intervals = []
    for part in times.split(","):
        found = _INTERVAL.fullmatch(part)
        if found is None:
            msg = f"{part!r} in {text!r} is not an interval HH:MM-HH:MM"
            raise ValueError(msg)
        start = _minutes(found[1], found[2], text)
        end = _minutes(found[3], found[4], text)
        if end <= start:
            msg = f"{part!r} in {text!r} ends before it starts (overnight hours are not supported)"
            raise ValueError(msg)
        if intervals and start < intervals[-1][1]:
            msg = f"{part!r} in {text!r} overlaps or precedes the interval before it"
            raise ValueError(msg)
        intervals.append((start, end))
    return tuple(intervals)


def format_opening_hours(hours: Hours | None) -> str | None:
    """The inverse of :func:`parse_opening_hours` (``Mo-Su HH:MM-HH:MM,…``; None stays None)."""
    if hours is None:
        return None
    if hours == ALWAYS:
        return "24/7"
    spans = ",".join(f"{format_hhmm(a)}-{format_hhmm(b)}" for a, b in hours)
    return f"{_EVERY_DAY} {spans}"
