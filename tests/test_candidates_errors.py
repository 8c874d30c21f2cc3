"""Scoring weights that cannot be used are refused in the reader's language."""

from __future__ import annotations

import pytest

from ocop_geo.candidates.weights import WeightError, normalise_weights, parse_weights
from ocop_geo.i18n import error_text


@pytest.mark.parametrize(
    ("text", "vi", "en"),
    [
        ("airport", "trọng số 'airport': hãy viết dạng khóa=giá trị, ví dụ airport=2",
         "weight 'airport': write key=value, e.g. airport=2"),
        ("airport=2,airport=3", "trọng số 'airport' được nhập hai lần",
         "weight 'airport' is given twice"),
        ("craft=nhiều", "trọng số 'craft': 'nhiều' không phải là số",
         "weight 'craft': 'nhiều' is not a number"),
        ("beach=1", "trọng số 'beach' không tồn tại: các khóa hợp lệ là airport, centre, co_loa, "
         "pilots, craft", "unknown weight 'beach': valid keys are airport, centre, co_loa, "
         "pilots, craft"),
    ],
)  # fmt: skip
def test_bad_weights_are_explained_in_vietnamese(text: str, vi: str, en: str) -> None:
    with pytest.raises(WeightError) as caught:
        parse_weights(text)
    assert error_text(caught.value, "vi") == vi
    assert str(caught.value) == en


def test_all_weights_zero_is_refused_in_vietnamese() -> None:
    zero = dict.fromkeys(("airport", "centre", "co_loa", "pilots", "craft"), 0.0)
    with pytest.raises(ValueError, match="at least one weight") as caught:
        normalise_weights(zero)
    assert error_text(caught.value, "vi") == (
        "ít nhất một trọng số phải lớn hơn 0 (các khóa: airport, centre, co_loa, pilots, craft)"
    )
    with pytest.raises(WeightError) as negative:
        normalise_weights({"airport": -1})
    assert error_text(negative.value, "vi") == (
        "trọng số 'airport' phải là số hữu hạn từ 0 trở lên, nhận được -1.0"
    )
