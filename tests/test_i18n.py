"""Every UI string exists in Vietnamese and English, and every key the code uses exists."""

from __future__ import annotations

import re

import pytest

from ocop_geo.config import REPO_ROOT
from ocop_geo.i18n import LANGS, STRINGS, t


def test_every_key_has_both_languages() -> None:
    missing = [k for k, v in STRINGS.items() if any(not v.get(lang) for lang in LANGS)]
    assert missing == []


def test_placeholders_match_between_languages() -> None:
    for key, entry in STRINGS.items():
        fields = {lang: set(re.findall(r"{(\w+)}", entry[lang])) for lang in LANGS}
        assert fields["vi"] == fields["en"], key


def test_every_literal_key_used_in_code_exists() -> None:
    sources = [
        *REPO_ROOT.glob("pages/*.py"),
        REPO_ROOT / "dashboard.py",
        *REPO_ROOT.glob("ocop_geo/**/*.py"),
    ]
    used = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'\bt\(\s*"([a-z_0-9.]+)"\s*[,)]', text))
    assert used, "the scan found no t() calls"
    assert sorted(used - STRINGS.keys()) == []


def test_vietnamese_is_the_default_and_unknown_keys_fail() -> None:
    assert t("nav.map") == "Bản đồ"
    assert t("nav.map", "en") == "Map explorer"
    with pytest.raises(KeyError):
        t("nav.nowhere")


def test_numbers_use_the_languages_separators() -> None:
    from ocop_geo.i18n import number

    assert number(3317, "vi") == "3.317"
    assert number(3317, "en") == "3,317"
    assert number(9.42, "vi") == "9,42"
    assert number(12300.0, "en") == "12,300"


def test_dates_follow_the_language() -> None:
    from ocop_geo.i18n import date

    assert date("2020-10-08", "vi") == "8/10/2020"
    assert date("2020-10-08", "en") == "8 Oct 2020"


def test_dates_may_be_a_year_or_a_month() -> None:
    from ocop_geo.i18n import date

    assert date("2020-07", "vi") == "7/2020"
    assert date("2020-07", "en") == "Jul 2020"
    assert date("2023", "vi") == date("2023", "en") == "2023"
    for bad in ("2023-13", "2023-02-30", "23-01", "2023-1-1-1", "July 2020", ""):
        with pytest.raises(ValueError, match=re.escape(repr(bad))):
            date(bad, "en")


def test_numbers_can_have_fixed_decimals() -> None:
    from ocop_geo.i18n import number

    assert number(37.5, "vi", decimals=1) == "37,5"
    assert number(1234.0, "en", decimals=1) == "1,234.0"
    assert number(175, "vi", decimals=1) == "175,0"
