"""The scoring criteria and their weights (no numpy here: the CLI parses weights before loading).

A weight says how much one criterion counts in the total. Weights are given as ``key=value``
pairs (``airport=2,craft=0``); keys not given keep :data:`DEFAULT_WEIGHT`; the values are checked
(finite, ≥ 0, at least one > 0) and normalised to sum 1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from ocop_geo.i18n import Message, MessageError

#: The criteria, in display order: Nội Bài airport, the city centre (Hoàn Kiếm lake), the Cổ Loa
#: citadel, the five pilot points (mean distance) and the nearest craft village.
CRITERIA: tuple[str, ...] = ("airport", "centre", "co_loa", "pilots", "craft")

#: The weight of a criterion the user does not set (all equal by default).
DEFAULT_WEIGHT = 1.0


class WeightError(MessageError, ValueError):
    """Weights that cannot be used: an unknown key (the message lists the valid ones), a value
    that is not a finite number ≥ 0, a key given twice, or no weight above 0."""


def parse_weights(text: str) -> dict[str, float]:
    """``"airport=2, craft=0"`` → ``{"airport": 2.0, "craft": 0.0}`` (not normalised).

    Raises
    ------
    WeightError
        A pair without ``=``, an unknown or repeated key, or a value that is not a number.
    """
    raw: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        key, sep, value = (s.strip() for s in part.partition("="))
        if not sep:
            raise WeightError(Message("cand.error.weight_pair", part=repr(part)))
        _check_key(key)
        if key in raw:
            raise WeightError(Message("cand.error.weight_twice", key=repr(key)))
        try:
            raw[key] = float(value.replace(",", "."))
        except ValueError:
            message = Message("cand.error.weight_not_number", key=repr(key), value=repr(value))
            raise WeightError(message) from None
    return raw


def normalise_weights(raw: Mapping[str, float] | None = None) -> dict[str, float]:
    """Every criterion's weight, normalised to sum 1, in :data:`CRITERIA` order.

    Keys missing from ``raw`` take :data:`DEFAULT_WEIGHT`.

    Raises
    ------
    WeightError
        An unknown key, a value that is negative or not finite, or every weight 0.
    """
    given = dict(raw or {})
    for key in given:
        _check_key(key)
    values = {key: float(given.get(key, DEFAULT_WEIGHT)) for key in CRITERIA}
    for key, value in values.items():
        if not math.isfinite(value) or value < 0:
            message = Message("cand.error.weight_negative", key=repr(key), value=repr(value))
            raise WeightError(message)
    total = sum(values.values())
    if total <= 0:
        raise WeightError(Message("cand.error.weights_zero", keys=", ".join(CRITERIA)))
    return {key: value / total for key, value in values.items()}


def _check_key(key: str) -> None:
    if key not in CRITERIA:
        message = Message("cand.error.weight_unknown", key=repr(key), keys=", ".join(CRITERIA))
        raise WeightError(message)
