"""Placement reasons in Vietnamese.

:func:`ocop_geo.registry.placement.place` writes each row's ``reason`` in English (stored,
printed by the command line, exported). This module renders a stored reason in the user's
language: a reason is parts joined by ``"; "``, and each part matches one of the templates
below. A test places the synthetic registry and checks that every part it produces has a
translation, so a new English message without one fails the suite.
"""

from __future__ import annotations

import re

_METHOD_VI = {"ward": "xã/phường", "district": "quận/huyện"}

# (English part, Vietnamese template). Groups: w ward text, d district text, a address, u unit.
_TEMPLATES: tuple[tuple[str, str], ...] = (
    (r"names taken from the address", "tên lấy từ địa chỉ"),
    (r"(?P<x>.+) → (?P<u>.+) since (?P<date>\d+/\d+/\d{4})(?P<most> \(most of it; a part went to "
     r"another unit\))?(?P<plan> \(per the approved plan; confidence P\))?",
     "{x} → {u} từ {date}{most}{plan}"),
    (r"district_2020 (?P<d>.+) is the former district covering most of (?P<u>.+?)"
     r"(?: \((?P<share>\d+)% of its area\))?",
     "quận/huyện 2020 là {d}, quận/huyện cũ chiếm phần lớn {u}{share}"),
    (r"ward '(?P<w>.*)' and district '(?P<d>.*)' not recognised",
     "không nhận ra xã/phường '{w}' và quận/huyện '{d}'"),
    (r"ward '(?P<w>.*)' not recognised and no district given",
     "không nhận ra xã/phường '{w}', không có quận/huyện"),
    (r"ward '(?P<w>.*)' not recognised", "không nhận ra xã/phường '{w}'"),
    (r"district '(?P<d>.*)' not recognised", "không nhận ra quận/huyện '{d}'"),
    (r"'(?P<w>.*)' in the ward column is a district",
     "'{w}' ở cột xã/phường là tên quận/huyện"),
    (r"placed at a point inside district (?P<d>.+) \(ward not known\)",
     "đặt tại một điểm trong quận/huyện {d} (không rõ xã/phường)"),
    (r"no ward or district recognised in the address '(?P<a>.*)'",
     "không nhận ra xã/phường hay quận/huyện nào trong địa chỉ '{a}'"),
    (r"no ward/district given", "không có xã/phường hay quận/huyện"),
    (r"the point lies outside the 2020 district layer", "điểm nằm ngoài lớp quận/huyện 2020"),
    (r"the point lies outside the 2025 ward layer \(city edge\)",
     "điểm nằm ngoài lớp xã/phường 2025 (rìa thành phố)"),
    (r"coordinates \((?P<lat>[^,]+), (?P<lon>[^)]+)\) lie outside Hanoi",
     "toạ độ ({lat}, {lon}) nằm ngoài Hà Nội"),
    (r"coordinates outside Hanoi and no ward/district given",
     "toạ độ nằm ngoài Hà Nội và không có xã/phường hay quận/huyện"),
    (r"not placed", "chưa đặt được"),
    (r"placed by (?P<m>ward|district) name", "đặt theo tên {m}"),
    (r"the coordinates fall in (?P<u>.+), the ward column says '(?P<w>.*)' \((?P<n>.+)\)",
     "toạ độ nằm ở {u}, cột xã/phường ghi '{w}' ({n})"),
    (r"'(?P<w>.*)' was a commune/ward in several districts \((?P<p>.+)\): give the district",
     "'{w}' từng là xã/phường ở nhiều quận/huyện ({p}): hãy ghi quận/huyện"),
    (r"(?P<x>.+) was divided on (?P<date>\d+/\d+/\d{4}) \(parts went to (?P<p>.+)\)",
     "{x} được chia ngày {date} (các phần sang {p})"),
    (r"which part is not known", "không rõ thuộc phần nào"),
    (r"(?P<u>.+) does not lie in district (?P<d>.+)", "{u} không thuộc quận/huyện {d}"),
)  # fmt: skip
_COMPILED = tuple((re.compile(pattern + r"\Z"), vi) for pattern, vi in _TEMPLATES)
_EXTRAS = {
    "most": " (phần lớn; một phần sang đơn vị khác)",
    "plan": " (theo phương án đã duyệt; độ tin cậy P)",
}


def split_parts(reason: str) -> list[str]:
    """The parts of a reason: split on ``"; "`` outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(reason):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and reason.startswith("; ", i):
            parts.append(reason[start:i])
            start = i + 2
    parts.append(reason[start:])
    return [p for p in parts if p]


def _part_vi(part: str) -> str | None:
    for pattern, template in _COMPILED:
        match = pattern.match(part)
        if match is None:
            continue
        values = {k: (v or "") for k, v in match.groupdict().items()}
        for key, text in _EXTRAS.items():
            if key in values:
                values[key] = text if values[key] else ""
        if "share" in values:
            values["share"] = f" ({values['share']}% diện tích)" if values["share"] else ""
        if "m" in values:
            values["m"] = _METHOD_VI[values["m"]]
        return template.format(**values)
    return None


def untranslated(reason: str) -> list[str]:
    """The parts of ``reason`` that have no Vietnamese template (empty when all do)."""
    return [p for p in split_parts(reason) if _part_vi(p) is None]


def reason_text(reason: object, lang: str) -> str:
    """``reason`` (English, as stored) in ``lang``; a part without a template stays English."""
    if not isinstance(reason, str) or not reason:
        return ""
    if lang != "vi":
        return reason
    return "; ".join(_part_vi(p) or p for p in split_parts(reason))
