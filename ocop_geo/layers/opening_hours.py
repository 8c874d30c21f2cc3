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
separated by ``;`` — is refused with an :class:`OpeningHoursError` (a ValueError) that says what
is not supported, so a data editor never gets hours that are silently wrong.
"""

from __future__ import annotations

import math
import re

from ocop_geo.i18n import Message, MessageError

_HHMM = re.compile(r"\s*(\d{1,2}):(\d{2})\s*")


class OpeningHoursError(MessageError, ValueError):
    """A time or an opening-hours rule that is not in the supported subset (quoted)."""


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
        raise OpeningHoursError(Message("layers.error.time_form", text=repr(text)))
    hours, mins = int(match[1]), int(match[2])
    if mins > 59 or hours > 24 or (hours == 24 and mins):
        raise OpeningHoursError(Message("layers.error.time_range", text=repr(text)))
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
        message = Message("layers.error.hours_time", time=f"{hh}:{mm}", text=repr(text))
        raise OpeningHoursError(message) from None


def _interval(key: str, part: str, text: str) -> Message:
    return Message(key, part=repr(part), text=repr(text))


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
        raise OpeningHoursError(Message("layers.error.hours_empty"))
    if rule == "24/7":
        return ALWAYS
    if ";" in rule or "||" in rule:
        raise OpeningHoursError(Message("layers.error.hours_rules", text=repr(text)))
    days, _, times = rule.rpartition(" ")
    if days and days != _EVERY_DAY:
        shown = {"every": _EVERY_DAY, "days": repr(days), "text": repr(text)}
        raise OpeningHoursError(Message("layers.error.hours_days", **shown))
    intervals = []
    for part in times.split(","):
        found = _INTERVAL.fullmatch(part)
        if found is None:
            raise OpeningHoursError(_interval("layers.error.hours_interval", part, text))
        start = _minutes(found[1], found[2], text)
        end = _minutes(found[3], found[4], text)
        if end <= start:
            raise OpeningHoursError(_interval("layers.error.hours_overnight", part, text))
        if intervals and start < intervals[-1][1]:
            raise OpeningHoursError(_interval("layers.error.hours_overlap", part, text))
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
