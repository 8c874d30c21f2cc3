"""Text helpers for Vietnamese names: diacritic-insensitive folding and matching."""

from __future__ import annotations

import html
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold ``text`` for matching: no diacritics, ``đ`` → ``d``, lower case, single spaces.

    >>> fold("  Bát  Tràng ")
    'bat trang'
    >>> fold("Đường Lâm")
    'duong lam'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip().casefold()


def matches(query: str, *candidates: str | None) -> bool:
    """True when ``query``, folded, occurs in a folded candidate starting at a word boundary.

    So ``"bat trang"`` matches "Làng gốm Bát Tràng" and ``"lua"`` matches "làng lụa" but not
    "Hoa Lư"; the last word may be unfinished (search as you type). An empty query matches all.
    """
    phrase = fold(query)
    if not phrase:
        return True
    pattern = re.compile(r"(?<![0-9a-z])" + re.escape(phrase))
    return any(pattern.search(fold(c)) for c in candidates if c)


def matches_parts(query: str, *candidates: str | None) -> bool:
    """Like :func:`matches`, for each comma-separated part of ``query`` (all must match, each
    in any candidate): ``"Vạn Phúc, Hà Đông"`` matches a place named Vạn Phúc in Hà Đông."""
    return all(matches(part, *candidates) for part in query.split(",") if part.strip()) or (
        not fold(query.replace(",", " "))
    )


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def escape_markdown(text: str) -> str:
    """Escape Markdown (and HTML-looking) characters so data renders as plain text."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def escape_html(value: object) -> str:
    r"""``value`` as text for HTML: ``& < > " '`` escaped, and also the backtick, ``$`` and the
    backslash.

    folium writes popups and tooltips into JavaScript template literals (`` `…` ``), where a
    backtick would end the string, ``${…}`` would run code and a backslash starts an escape
    (``\x`` or ``\u`` not followed by hex digits is a syntax error that stops every script
    of the map); as entities all three display as themselves. ``None`` becomes the empty
    string.
    """
    text = html.escape("" if value is None else str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def safe_url(url: object) -> str | None:
    """``url`` if it is an http(s) URL without spaces or Markdown-breaking characters, else None."""
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None
    if any(ch in url for ch in ' <>"()\n'):
        return None
    return url


#: What no stored text may hold: C0 control characters other than tab, LF and CR; DEL; and
#: lone UTF-16 surrogates (text that cannot be encoded as UTF-8: PostgreSQL and every export
#: would refuse it). A NUL passes SQLite but not PostgreSQL; a vertical tab breaks .xlsx files.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why ``value`` may not be stored — the first forbidden character, named by its code point
    and 1-based position — or None when it may be.

    >>> text_problem("Bát Tràng")
    >>> text_problem("a\\x00b")
    'contains a control character (U+0000) at position 2'
    """
    found = forbidden_character(value)
    if found is None:
        return None
    surrogate, code, position = found
    kind = "a lone surrogate" if surrogate else "a control character"
    return f"contains {kind} ({code}) at position {position}"


def forbidden_character(value: str) -> tuple[bool, str, int] | None:
    """The first character :func:`text_problem` refuses: whether it is a lone surrogate (else a
    control character), its code point (``"U+0000"``) and 1-based position; None if none."""
    found = FORBIDDEN.search(value)
    if found is None:
        return None
    code = ord(found.group())
    return 0xD800 <= code <= 0xDFFF, f"U+{code:04X}", found.start() + 1


def xml_safe(value: str) -> str:
    """``value`` with every character :func:`text_problem` refuses replaced by U+FFFD (�):
    XML 1.0 cannot hold them, so a GPX or KML file stays well-formed whatever its text."""
    return FORBIDDEN.sub("\ufffd", value)
