"""Registry products: ``reason`` holds catalogue messages (JSON), not English sentences.

Revision ID: 0010_registry_reason_messages
Revises: 0009_audit_chain
Create Date: 2026-12-06

Until now ``place()`` stored each reason as English parts joined by ``"; "`` and the app
translated them with regular expressions. Now it stores the message ids and parameters
(:func:`ocop_geo.i18n.messages_json`) and renders them in the reader's language. This revision
rewrites the stored English reasons the same way, with the templates the app used to read them;
a reason with a part that matches none of them is left as written (the app shows such text as
it is). The downgrade renders the messages back to English.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ocop_geo.i18n import Message, messages_from_json, messages_json

revision: str = "0010_registry_reason_messages"
down_revision: str | None = "0009_audit_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DATE = r"(?P<date>\d+/\d+/\d{4})"
#: (English part as stored until 0010, message id). Named groups become the parameters;
#: ``renamed`` and ``places`` are parsed again (a nested message, a list of them).
_PARTS: tuple[tuple[str, str], ...] = (
    (r"names taken from the address", "from_address"),
    (r"'(?P<ward_text>.+)' is an earlier name of (?P<renamed>.+ → .+ since \d+/\d+/\d{4})",
     "earlier_name"),
    (r"(?P<old>.+) → (?P<unit>.+) since " + _DATE, "renamed"),
    (r"(?P<old>.+) was divided on " + _DATE + r" among (?P<units>.+)", "divided"),
    (r"placed at the centre of those units \(±(?P<radius>[\d,]+) m\)", "centre"),
    (r"district '(?P<district_text>.*)' contradicts '(?P<ward_text>.*)' \((?P<places>.+)\)",
     "district_contradicts"),
    (r"'(?P<ward_text>.*)' does not lie in district (?P<district>.+) \((?P<places>.+)\)",
     "not_in_district"),
    (r"'(?P<ward_text>.*)' names several units of district (?P<district>.+) \((?P<names>.+)\): "
     r"write Phường, Xã or Thị trấn", "several_units"),
    (r"district_2020 (?P<district>.+) is the former district covering most of (?P<unit>.+?) "
     r"\((?P<share>\d+)% of its area\)", "former_district_share"),
    (r"district_2020 (?P<district>.+) is the former district covering most of (?P<unit>.+)",
     "former_district"),
    (r"ward '(?P<ward_text>.*)' and district '(?P<district_text>.*)' not recognised",
     "ward_and_district_unknown"),
    (r"ward '(?P<ward_text>.*)' not recognised and no district given", "ward_unknown_no_district"),
    (r"ward '(?P<ward_text>.*)' not recognised", "ward_unknown"),
    (r"district '(?P<district_text>.*)' not recognised", "district_unknown"),
    (r"'(?P<ward_text>.*)' in the ward column is a district", "district_in_ward_column"),
    (r"placed at a point inside district (?P<district>.+) \(ward not known\)", "district_point"),
    (r"no ward or district recognised in the address '(?P<address>.*)'", "address_unknown"),
    (r"no ward/district given", "no_names"),
    (r"the point lies outside the 2020 district layer", "outside_district_layer"),
    (r"the point lies outside the 2025 ward layer \(city edge\)", "outside_ward_layer"),
    (r"coordinates \((?P<lat>[^,]+), (?P<lon>[^)]+)\) lie outside Hanoi", "outside_hanoi"),
    (r"coordinates outside Hanoi and no ward/district given", "outside_hanoi_no_names"),
    (r"not placed", "not_placed"),
    (r"placed by ward name", "placed_by_ward"),
    (r"placed by district name", "placed_by_district"),
    (r"the coordinates fall in (?P<unit>.+), the ward column says '(?P<ward_text>.*)' "
     r"\((?P<named>.+)\)", "ward_mismatch"),
    (r"'(?P<ward_text>.*)' was a commune/ward in several districts \((?P<districts>.+)\): give "
     r"the district", "several_districts"),
    (r"the baseline places by coordinates only", "baseline"),
)  # fmt: skip
_COMPILED = tuple((re.compile(p + r"\Z"), "registry.reason." + k) for p, k in _PARTS)
_PLACES = (
    (re.compile(r"(?P<unit>.+) was in (?P<district>.+)\Z"), "registry.reason.was_in"),
    (re.compile(r"(?P<unit>.+) is a 2025 unit\Z"), "registry.reason.unit_2025"),
)


def _split(reason: str) -> list[str]:
    """The parts of a reason: split on ``"; "`` outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(reason):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and reason.startswith("; ", i):
            parts.append(reason[start:i])
            start = i + 2
    parts.append(reason[start:])
    return [p for p in parts if p]


def _value(name: str, text: str) -> object:
    if name in ("radius", "lat", "lon"):
        return float(text.replace(",", ""))
    if name == "share":
        return int(text) / 100
    return text


def _part(part: str, table: tuple[tuple[re.Pattern[str], str], ...]) -> Message | None:
    for pattern, key in table:
        match = pattern.match(part)
        if match is None:
            continue
        params: dict[str, object] = {}
        for name, text in match.groupdict().items():
            if name == "renamed":
                params[name] = _part(text, _COMPILED)
            elif name == "places":
                params[name] = [_part(p, _PLACES) for p in text.split("; ")]
            else:
                params[name] = _value(name, text)
        if None in params.values() or None in params.get("places", []):  # type: ignore[operator]
            return None
        return Message(key, **params)
    return None


def reason_messages(reason: str) -> list[Message] | None:
    """The messages of a reason stored in English before 0010; None if a part has no template."""
    messages = [_part(p, _COMPILED) for p in _split(reason)]
    return None if None in messages else messages  # type: ignore[return-value]


def _rewrite(convert: object) -> None:
    conn = op.get_bind()
    products = sa.table("registry_products", sa.column("reason", sa.Text()))
    stored = [r for (r,) in conn.execute(sa.select(products.c.reason).distinct()) if r]
    for reason in stored:
        new = convert(reason)  # type: ignore[operator]
        if new is not None and new != reason:
            conn.execute(sa.update(products).where(products.c.reason == reason).values(reason=new))


def _to_messages(reason: str) -> str | None:
    if messages_from_json(reason) is not None:
        return None  # already messages
    messages = reason_messages(reason)
    return messages_json(messages) if messages else None


def _to_english(reason: str) -> str | None:
    messages = messages_from_json(reason)
    return "; ".join(m.render("en") for m in messages) if messages else None


def upgrade() -> None:
    _rewrite(_to_messages)


def downgrade() -> None:
    _rewrite(_to_english)
