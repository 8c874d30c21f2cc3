"""Opening hours that cannot be read are refused in the reader's language."""

from __future__ import annotations

import pytest

from ocop_geo.i18n import error_text
from ocop_geo.layers.opening_hours import OpeningHoursError, parse_hhmm, parse_opening_hours


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("Mo-Fr 08:00-17:00",
         "chỉ hỗ trợ quy tắc áp dụng cho mọi ngày ('Mo-Su HH:MM-HH:MM'); 'Mo-Fr' trong "
         "'Mo-Fr 08:00-17:00' không phải quy tắc như vậy",
         "only rules for every day ('Mo-Su HH:MM-HH:MM') are supported; 'Mo-Fr' in "
         "'Mo-Fr 08:00-17:00' is not"),
        ("Mo-Su 18:00-07:00",
         "'18:00-07:00' trong 'Mo-Su 18:00-07:00' kết thúc trước khi bắt đầu "
         "(không hỗ trợ giờ mở cửa qua đêm)",
         "'18:00-07:00' in 'Mo-Su 18:00-07:00' ends before it starts "
         "(overnight hours are not supported)"),
        ("Mo-Su 07:00-25:00", "25:00 trong 'Mo-Su 07:00-25:00' không phải là giờ trong ngày",
         "25:00 is not a time of day in 'Mo-Su 07:00-25:00'"),
        (" ", "giờ mở cửa đang để trống; hãy dùng null khi không có nguồn nào cho biết giờ mở cửa",
         "opening hours are empty; use null when no source gives them"),
    ],
)  # fmt: skip
def test_bad_opening_hours_are_explained_in_vietnamese(text: str, vi: str, en: str) -> None:
    with pytest.raises(ValueError, match=r"\S") as caught:  # still a ValueError for callers
        parse_opening_hours(text)
    assert isinstance(caught.value, OpeningHoursError)
    assert error_text(caught.value, "vi") == vi
    assert str(caught.value) == en


def test_a_bad_time_quotes_it_in_vietnamese() -> None:
    with pytest.raises(OpeningHoursError) as caught:
        parse_hhmm("8h30")
    assert error_text(caught.value, "vi") == (
        "giờ '8h30' không hợp lệ: cần viết dạng HH:MM, ví dụ 08:30"
    )
    assert str(caught.value) == "invalid time '8h30': expected HH:MM, e.g. 08:30"
