"""JSON from outside (uploads, files given to a command), parsed with a bound on nesting.

``json.loads`` recurses once per nesting level and ends in a ``RecursionError`` on a document
like ``[[[[…]]]]``; the checks that walk a document afterwards would too. :func:`loads` refuses
any document nested more than :data:`MAX_DEPTH` levels with a :class:`JSONInputError` instead
(GeoJSON needs 7: collection, features, feature, geometry, and three levels of MultiPolygon
coordinates; the bound leaves room for nested properties).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ocop_geo.i18n import Message, MessageError

__all__ = ["MAX_DEPTH", "JSONInputError", "depth", "loads"]

#: Deepest nesting of arrays and objects accepted.
MAX_DEPTH = 32


class JSONInputError(MessageError, ValueError):
    """Text that is not JSON, or JSON nested too deeply (the message says which and where)."""


def depth(value: Any) -> int:
    """How deeply ``value`` nests lists and dicts (a scalar: 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:  # no need to look further down than the bound
                stack.extend((child, level + 1) for child in children)
    return deepest


def loads(text: str, *, parse_float: Callable[[str], Any] | None = None) -> Any:
    """The JSON document ``text``.

    Raises
    ------
    JSONInputError
        Malformed JSON (with line and column) or nesting deeper than :data:`MAX_DEPTH`.
    """
    try:
        doc = json.loads(text, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        where = {"line": exc.lineno, "column": exc.colno, "detail": exc.msg}
        raise JSONInputError(Message("io.error.json_malformed", **where)) from None
    except RecursionError:
        doc = None
        deep = True
    else:
        deep = depth(doc) > MAX_DEPTH
    if deep:
        raise JSONInputError(Message("io.error.json_deep", n=MAX_DEPTH))
    return doc
