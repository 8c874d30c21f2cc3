"""The gettext catalogues: every message in Vietnamese and English, none unused, none missing;
counted messages in the language's plural forms; numbers and dates by locale."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime

import pytest
from babel.messages.pofile import read_po

from ocop_geo.config import REPO_ROOT
from ocop_geo.i18n import LANGS, catalogue, catalogue_path, t, tn

SOURCES = [
    *REPO_ROOT.glob("pages/*.py"),
    REPO_ROOT / "dashboard.py",
    *REPO_ROOT.glob("ocop_geo/**/*.py"),
]


def _code_strings() -> tuple[set[str], list[re.Pattern[str]], dict[str, set[str]]]:
    """Every string constant of the code, every f-string as a pattern (its expressions as
    ``[A-Za-z0-9_.-]+``), and the literal keys given to ``t`` and ``tn``."""
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    calls: dict[str, set[str]] = {"t": set(), "tn": set()}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                parts = [
                    re.escape(v.value) if isinstance(v, ast.Constant) else r"[A-Za-z0-9_.\-]+"
                    for v in node.values
                ]
                patterns.append(re.compile("".join(parts)))
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in calls
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                calls[node.func.id].add(node.args[0].value)
    return literals, patterns, calls


def test_every_message_exists_in_every_language() -> None:
    keys = {lang: set(catalogue(lang)) for lang in LANGS}
    assert keys["en"] - keys["vi"] == set(), "messages missing in Vietnamese"
    assert keys["vi"] - keys["en"] == set(), "messages missing in English"
    for lang in LANGS:
        empty = [
            k for k, v in catalogue(lang).items() if not all(v if isinstance(v, tuple) else [v])
        ]
        assert empty == [], f"untranslated messages in {lang}"


def test_counted_messages_have_each_languages_plural_forms() -> None:
    forms = {}
    for lang in LANGS:
        with catalogue_path(lang).open("rb") as f:
            po = read_po(f, locale=lang)
        forms[lang] = po.num_plurals
        counted = {k: v for k, v in catalogue(lang).items() if isinstance(v, tuple)}
        assert counted, "no counted message"
        assert all(len(v) == po.num_plurals for v in counted.values()), lang
    assert forms == {"vi": 1, "en": 2}
    assert {k for k, v in catalogue("vi").items() if isinstance(v, tuple)} == {
        k for k, v in catalogue("en").items() if isinstance(v, tuple)
    }


def test_placeholders_match_between_languages() -> None:
    def fields(entry: str | tuple[str, ...]) -> set[str]:
        texts = entry if isinstance(entry, tuple) else (entry,)
        return {f for text in texts for f in re.findall(r"{(\w+)", text)}

    vi, en = catalogue("vi"), catalogue("en")
    assert [k for k in vi if fields(vi[k]) != fields(en[k])] == []


def test_every_key_the_code_names_exists_and_is_called_the_right_way() -> None:
    _, _, calls = _code_strings()
    assert calls["t"], "the scan found no t() calls"
    assert calls["tn"], "the scan found no tn() calls"
    vi = catalogue("vi")
    assert sorted(calls["t"] - vi.keys()) == []
    assert sorted(calls["tn"] - vi.keys()) == []
    counted = {k for k, v in vi.items() if isinstance(v, tuple)}
    assert sorted(calls["t"] & counted) == [], "counted messages need tn(key, count, …)"
    assert sorted(calls["tn"] - counted) == [], "tn() on a message without plural forms"


def test_no_message_is_unused() -> None:
    literals, patterns, _ = _code_strings()
    unused = [
        k
        for k in catalogue("vi")
        if k not in literals and not any(p.fullmatch(k) for p in patterns)
    ]
    assert unused == []


def test_counted_messages_follow_the_count() -> None:
    assert tn("route.saved_hint", 1, "en", n=1) == "1 saved tour"
    assert tn("route.saved_hint", 2, "en", n=2) == "2 saved tours"
    assert tn("route.saved_hint", 0, "en", n=0) == "0 saved tours"
    assert tn("route.saved_hint", 1, "vi", n=1) == tn("route.saved_hint", 5, "vi", n=1)
    with pytest.raises(KeyError, match="tn"):
        t("route.saved_hint", "en", n=1)
    with pytest.raises(KeyError, match="t\\(key"):
        tn("nav.map", 1, "en")


def test_times_are_shown_in_hanoi_time() -> None:
    from ocop_geo.i18n import moment

    utc = datetime(2020, 10, 8, 20, 30, tzinfo=UTC)
    assert moment(utc, "vi") == "03:30 9/10/2020"
    assert moment(utc, "en") == "9 Oct 2020, 03:30"
    assert moment(utc.replace(tzinfo=None), "vi") == "03:30 9/10/2020"  # stored naive = UTC


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
