"""The registry's messages in Vietnamese: placement reasons and file problems.

The library writes its messages in English: each row's ``reason`` from
:func:`ocop_geo.registry.placement.place` (stored, printed by the command line, exported) and
each :class:`~ocop_geo.registry.reader.RegistryProblem` of a refused file. This module renders
them in the user's language: a reason is parts joined by ``"; "`` and each part, like each
problem message, matches one of the templates below. Tests produce every kind of reason and
problem and check that each has a translation, so a new English message without one fails.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ocop_geo.registry.reader import RegistryProblem

_METHOD_VI = {"ward": "xã/phường", "district": "quận/huyện"}

# (English part, Vietnamese template). Groups: w ward text, d district text, a address, u unit.
_TEMPLATES: tuple[tuple[str, str], ...] = (
    (r"names taken from the address", "tên lấy từ địa chỉ"),
    (r"'(?P<w>.+)' is an earlier name of (?P<x>.+) → (?P<u>.+) since (?P<date>\d+/\d+/\d{4})",
     "'{w}' là tên cũ của {x} → {u} từ {date}"),
    (r"(?P<x>.+) → (?P<u>.+) since (?P<date>\d+/\d+/\d{4})", "{x} → {u} từ {date}"),
    (r"(?P<x>.+) was divided on (?P<date>\d+/\d+/\d{4}) among (?P<p>.+)",
     "{x} được chia ngày {date} cho {p}"),
    (r"placed at the centre of those units \(±(?P<r>[\d,]+) m\)",
     "đặt tại tâm các đơn vị đó (±{r} m)"),
    (r"district '(?P<d>.*)' contradicts '(?P<w>.*)' \((?P<p>.+)\)",
     "quận/huyện '{d}' mâu thuẫn với '{w}' ({p})"),
    (r"'(?P<w>.*)' does not lie in district (?P<d>.+) \((?P<p>.+)\)",
     "'{w}' không thuộc quận/huyện {d} ({p})"),
    (r"'(?P<w>.*)' names several units of district (?P<d>.+) \((?P<p>.+)\): write Phường, Xã "
     r"or Thị trấn",
     "'{w}' là tên của nhiều đơn vị thuộc {d} ({p}): hãy ghi rõ Phường, Xã hay Thị trấn"),
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
)  # fmt: skip
_COMPILED = tuple((re.compile(pattern + r"\Z"), vi) for pattern, vi in _TEMPLATES)
#: Phrases inside copied groups (where a name lay: "Xã Bát Tràng was in Gia Lâm; …").
_REASON_PHRASES = ((" was in ", " thuộc "), (" is a 2025 unit", " là đơn vị từ 2025"))


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
        if "p" in values:
            for english, vietnamese in _REASON_PHRASES:
                values["p"] = values["p"].replace(english, vietnamese)
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


# File problems (RegistryProblem.message). Groups are copied as they are.
_PROBLEM_TEMPLATES: tuple[tuple[str, str], ...] = (
    (r"not UTF-8 text \(byte (?P<b>\d+)\); in Excel use Save As → 'CSV UTF-8 \(Comma delimited\)'"
     r", or upload the \.xlsx file",
     "không phải văn bản UTF-8 (byte {b}); trong Excel chọn Save As → 'CSV UTF-8 (Comma "
     "delimited)', hoặc tải lên tệp .xlsx"),
    (r"not a readable CSV file: (?P<e>.+)", "không đọc được tệp CSV: {e}"),
    (r"not a readable \.xlsx workbook \(save it again from Excel\)",
     "không đọc được tệp .xlsx (hãy lưu lại từ Excel)"),
    (r"the workbook has no worksheet", "tệp Excel không có trang tính nào"),
    (r"no data rows below the header \(row (?P<r>\d+)\)",
     "không có dòng dữ liệu nào dưới dòng tiêu đề (dòng {r})"),
    (r"more than (?P<n>[\d,]+) data rows; split the file",
     "hơn {n} dòng dữ liệu; hãy chia nhỏ tệp"),
    (r"unsupported file type '(?P<s>[^']*)'(?P<hint> \(old Excel format: save as \.xlsx\))?; "
     r"upload a \.csv \(CSV UTF-8\) or \.xlsx file",
     "không hỗ trợ loại tệp '{s}'{hint}; hãy tải lên tệp .csv (CSV UTF-8) hoặc .xlsx"),
    (r"file is (?P<a>.+); the limit is (?P<b>.+)", "tệp {a}; giới hạn là {b}"),
    (r"the file is empty", "tệp rỗng"),
    (r"row (?P<r>\d+) has (?P<n>[\d,]+) fields; at most (?P<m>[\d,]+)",
     "dòng {r} có {n} trường; tối đa {m}"),
    (r"the workbook expands to (?P<a>.+); the limit is (?P<b>.+)",
     "tệp Excel khi giải nén lớn {a}; giới hạn là {b}"),
    (r"the workbook has more than (?P<n>[\d,]+) cells; split it",
     "tệp Excel có hơn {n} ô; hãy chia nhỏ tệp"),
    (r"a row of the workbook has more than (?P<n>[\d,]+) cells",
     "một dòng của tệp Excel có hơn {n} ô"),
    (r"(?P<n>[\d,]+) characters; at most (?P<m>[\d,]+)", "{n} ký tự; tối đa {m}"),
    (r"contains a control character \(U\+(?P<c>[0-9A-F]{4})\) at position (?P<p>\d+)",
     "chứa ký tự điều khiển (U+{c}) ở vị trí {p}"),
    (r"contains a lone surrogate \(U\+(?P<c>[0-9A-F]{4})\) at position (?P<p>\d+)",
     "chứa ký tự surrogate đơn lẻ, không phải văn bản Unicode hợp lệ (U+{c}) ở vị trí {p}"),
    (r"columns (?P<c>.+) both mean '(?P<k>.+)'; keep one",
     "các cột {c} cùng có nghĩa '{k}'; hãy giữ một cột"),
    (r"found, but no '(?P<k>.+)' column \(e\.g\. (?P<e>.+)\): give both coordinates or neither",
     "có cột này nhưng thiếu cột '{k}' (ví dụ {e}): ghi đủ cả hai toạ độ hoặc bỏ cả hai"),
    (r"missing required columns: (?P<m>.+)\. Headers found: (?P<f>.+)",
     "thiếu cột bắt buộc: {m}. Các tiêu đề có trong tệp: {f}"),
    (r"empty", "ô trống"),
    (r"'(?P<v>.*)' is not a star rating \(3, 4 or 5\)", "'{v}' không phải hạng sao (3, 4 hoặc 5)"),
    (r"'(?P<v>.*)' is not a year between (?P<a>\d+) and (?P<b>\d+)",
     "'{v}' không phải năm từ {a} đến {b}"),
    (r"'(?P<v>.*)' is not a number", "'{v}' không phải số"),
    (r"empty, but '(?P<h>.+)' is filled: give both coordinates or neither",
     "trống trong khi '{h}' có giá trị: ghi đủ cả hai toạ độ hoặc bỏ cả hai"),
    (r"latitude (?P<a>\S+) and longitude (?P<b>\S+) look swapped \(the other way round they "
     r"fall in Hanoi\): swap the '(?P<h1>.+)' and '(?P<h2>.+)' values",
     "vĩ độ {a} và kinh độ {b} có vẻ bị đảo (đổi chỗ thì nằm trong Hà Nội): hãy đổi giá trị "
     "hai cột '{h1}' và '{h2}'"),
    (r"(?P<v>\S+) is not a latitude \(−90 to 90\)", "{v} không phải vĩ độ (−90 đến 90)"),
    (r"(?P<v>\S+) is not a longitude \(−180 to 180\)", "{v} không phải kinh độ (−180 đến 180)"),
    (r"no coordinates and no ward/commune, district or address: the product cannot be placed",
     "không có toạ độ, xã/phường, quận/huyện hay địa chỉ: không thể đặt sản phẩm lên bản đồ"),
)  # fmt: skip
_PROBLEMS = tuple((re.compile(pattern + r"\Z"), vi) for pattern, vi in _PROBLEM_TEMPLATES)


# Phrases inside copied groups (the missing-columns list, the .xls hint, sizes).
_PHRASES = (
    ("(e.g. ", "(ví dụ "),
    ("a location: both 'lat' and 'lon'", "một vị trí: cả 'lat' và 'lon'"),
    (", or at least one of ", ", hoặc ít nhất một trong "),
    (" (old Excel format: save as .xlsx)", " (định dạng Excel cũ: hãy lưu thành .xlsx)"),
    (" bytes", " byte"),
)


def _problem_vi(message: str) -> str | None:
    for pattern, template in _PROBLEMS:
        match = pattern.match(message)
        if match is not None:
            values = {}
            for key, value in match.groupdict().items():
                text = value or ""
                for english, vietnamese in _PHRASES:
                    text = text.replace(english, vietnamese)
                values[key] = text
            return template.format(**values)
    return None


def problem_text(problem: RegistryProblem, lang: str) -> str:
    """One refused-file problem in ``lang``: file, row, column (as written) and what is wrong."""
    if lang != "vi":
        return str(problem)
    where = []
    if problem.row is not None:
        where.append(f"dòng {problem.row}")
    if problem.column:
        shown = (
            f" ({problem.header})" if problem.header and problem.header != problem.column else ""
        )
        where.append(f"cột '{problem.column}'{shown}")
    prefix = f"{problem.file}: " + (", ".join(where) + ": " if where else "")
    return prefix + (_problem_vi(problem.message) or problem.message)


def problem_untranslated(problem: RegistryProblem) -> bool:
    """True when ``problem``'s message has no Vietnamese template."""
    return _problem_vi(problem.message) is None
