"""The UI's words: Vietnamese first, English second, in gettext catalogues.

Every string the app shows is a message of ``ocop_geo/locales/<lang>/LC_MESSAGES/messages.po``
(edited by hand or with any PO editor; read with Babel at import). The message id is a dotted key
(``"route.search"``); ``t(key, lang, **values)`` formats one, ``tn(key, count, lang, **values)``
one whose words depend on a count (``"1 saved tour"``, ``"2 saved tours"``: the catalogue's
``Plural-Forms`` decide; Vietnamese has one form). Numbers and dates are formatted by Babel with
the language's CLDR symbols. ``tests/test_i18n.py`` fails on a message missing in a language, on
an unused message and on a key the code names that the catalogue lacks.
"""

from __future__ import annotations

import gettext
import io
import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from datetime import date as _date
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
#: Hanoi's time zone (Indochina Time, UTC+7 all year, no daylight saving): times shown to people.
HANOI = timezone(timedelta(hours=7), "ICT")
#: The catalogues: ``<lang>/LC_MESSAGES/messages.po``.
LOCALE_DIR = Path(__file__).with_name("locales")


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


@cache
def catalogue(lang: str) -> dict[str, str | tuple[str, ...]]:
    """``lang``'s messages: key → text, or the tuple of plural forms of a counted message."""
    with catalogue_path(lang).open("rb") as f:
        po = read_po(f, locale=lang)
    return {(m.id[0] if isinstance(m.id, tuple) else m.id): m.string for m in po if m.id}


@cache
def _translations(lang: str) -> gettext.GNUTranslations:
    """The catalogue as standard gettext (compiled in memory): plural forms by its header."""
    with catalogue_path(lang).open("rb") as f:
        po = read_po(f, locale=lang)
    mo = io.BytesIO()
    write_mo(mo, po)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


def known(key: str) -> bool:
    """Whether ``key`` is a message of the catalogue."""
    return key in catalogue(DEFAULT_LANG)


def _lang(lang: str) -> str:
    return lang if lang in LANGS else DEFAULT_LANG


ATTRIBUTIONS = {
    "districts": (
        "District boundaries: geoBoundaries (Runfola et al. 2020, PLoS ONE 15(4): e0231866), "
        "dataset VNM-ADM2-81297802 — source OCHA ROAP / Government of Viet Nam, licensed "
        "CC BY 3.0 IGO (https://creativecommons.org/licenses/by/3.0/igo/). Modified (subset, "
        "simplified, attributes added)."
    ),
    "wards": (
        "Ward/commune boundaries © OpenStreetMap contributors, available under the Open Database "
        "License (ODbL 1.0) — https://www.openstreetmap.org/copyright"
    ),
}


def number(value: float, lang: str = DEFAULT_LANG, /, *, decimals: int | None = None) -> str:
    """``value`` with the language's separators (CLDR, by Babel): 3.317 and 9,42 in Vietnamese;
    3,317 and 9.42 in English. Whole numbers get no decimals, others two; ``decimals`` fixes the
    count (``number(37.5, "vi", decimals=1)`` → ``37,5``)."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_lang(lang))


#: How each language writes a day, a month and a day with its time (CLDR patterns).
_PATTERNS = {
    "vi": {"day": "d/M/y", "month": "M/y", "time": "HH:mm d/M/y"},
    "en": {"day": "d MMM y", "month": "MMM y", "time": "d MMM y, HH:mm"},
}


def date(iso: str, lang: str = DEFAULT_LANG, /) -> str:
    """An ISO date as people read it: ``YYYY-MM-DD`` as Vietnamese ``d/m/yyyy`` or English
    ``d Mon yyyy``; ``YYYY-MM`` as ``m/yyyy`` / ``Mon yyyy``; ``YYYY`` as itself.

    Raises ValueError (naming ``iso``) for anything else, or a month or day that does not exist.
    """
    parts = iso.split("-")
    digits = all(p.isascii() and p.isdigit() for p in parts)
    if not digits or not 1 <= len(parts) <= 3 or len(parts[0]) != 4:
        raise ValueError(f"{iso!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if len(parts) == 1:
        return parts[0]
    try:
        day = _date(int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) == 3 else 1)
    except ValueError:
        raise ValueError(f"{iso!r} is not a real date") from None
    kind = "day" if len(parts) == 3 else "month"
    return format_date(day, _PATTERNS[_lang(lang)][kind], locale=_lang(lang))


def moment(when: datetime, lang: str = DEFAULT_LANG, /) -> str:
    """A point in time in Hanoi time (UTC+7), whatever zone it was stored in: ``14:05 8/10/2020``
    / ``8 Oct 2020, 14:05``. A naive time is taken as UTC (how the database stores them)."""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    local = when.astimezone(HANOI)
    return format_datetime(local, _PATTERNS[_lang(lang)]["time"], locale=_lang(lang))


def _text(key: str, lang: str, count: int | None) -> str:
    try:
        entry = catalogue(_lang(lang))[key]
    except KeyError:
        raise KeyError(f"{key!r} is not in the {_lang(lang)} catalogue") from None
    if isinstance(entry, tuple) != (count is not None):
        kind = "tn(key, count, …)" if isinstance(entry, tuple) else "t(key, …)"
        raise KeyError(f"{key!r} must be used with {kind}")
    if count is None:
        return entry
    return _translations(_lang(lang)).ngettext(key, key, count)


def t(key: str, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The message ``key`` in ``lang`` (an unknown language gets Vietnamese), formatted with
    ``values``.

    Raises
    ------
    KeyError
        If ``key`` is not in the catalogue (a missing string is a bug, not a blank label), or is
        a counted message (use :func:`tn`).
    """
    text = _text(key, lang, None)
    return text.format(**values) if values else text


def tn(key: str, count: int, lang: str = DEFAULT_LANG, /, **values: object) -> str:
    """The counted message ``key`` in the form ``lang`` uses for ``count`` (``values`` usually
    carry the count formatted, e.g. ``n=number(count, lang)``)."""
    text = _text(key, lang, int(count))
    return text.format(**values) if values else text


class Message:
    """A message of the catalogue and its parameters, written by the library and rendered in the
    reader's language where it is shown (``Message("registry.reason.not_placed").render("vi")``).

    Parameter values are kept as given: text, numbers (formatted by the message's own format
    spec, e.g. ``{radius:,.0f}``), a nested :class:`Message`, or a list of messages (rendered
    joined by ``"; "``). :meth:`to_json` / :meth:`from_json` store one (placement reasons live in
    the database and exports this way).
    """

    __slots__ = ("_hash", "key", "params")
    key: str
    params: dict[str, object]

    def __init__(self, key: str, /, **params: object) -> None:
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "params", params)
        object.__setattr__(self, "_hash", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a Message is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.params) == (other.key, other.params)

    def __hash__(self) -> int:
        """By key and parameters (computed once: a message is immutable), so equal messages
        made apart can be looked up as one (a registry's reasons are encoded once per value)."""
        if self._hash is None:
            try:
                value = hash((self.key, tuple(self.params.items())))
            except TypeError:  # a list parameter: equal messages still hash alike
                value = hash(self.key)
            object.__setattr__(self, "_hash", value)
        return self._hash

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.params!r})"

    def render(self, lang: str = DEFAULT_LANG, /) -> str:
        """The message in ``lang``, its nested messages too."""
        return t(self.key, lang, **{k: _rendered(v, lang) for k, v in self.params.items()})

    def replace(self, **params: object) -> Message:
        """A copy with ``params`` changed."""
        return Message(self.key, **{**self.params, **params})

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "params": {k: _to_json(v) for k, v in self.params.items()}}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Message:
        params = data.get("params") or {}
        if not isinstance(params, dict):
            raise TypeError(f"a stored message's params must be an object, not {params!r}")
        return cls(str(data["key"]), **{k: _from_json(v) for k, v in params.items()})


def _rendered(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, list | tuple):
        return "; ".join(str(_rendered(v, lang)) for v in value)
    return value


def _to_json(value: object) -> object:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [_to_json(v) for v in value]
    return value


def _from_json(value: object) -> object:
    if isinstance(value, dict) and "key" in value:
        return Message.from_json(value)
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    return value


#: One encoder for every stored message list: ``json.dumps`` with options builds a new encoder
#: per call, which dominated encoding a 50,000-row registry's reasons.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def message_json(message: Message) -> str:
    """One message as JSON text (an item of :func:`messages_json`'s list)."""
    return _ENCODER.encode(message.to_json())


def messages_json(messages: list[Message] | tuple[Message, ...]) -> str:
    """``messages`` as stored (JSON text; ``""`` when there are none)."""
    return _ENCODER.encode([m.to_json() for m in messages]) if messages else ""


def messages_from_json(stored: object) -> list[Message] | None:
    """The messages of :func:`messages_json`'s text (``[]`` for empty), or None when ``stored``
    is not such text (free text kept as it was written)."""
    if not isinstance(stored, str) or not stored:
        return []
    if not stored.startswith("[{"):
        return None
    try:
        data = json.loads(stored)
    except ValueError:
        return None
    return [Message.from_json(m) for m in data]


class MessageError(Exception):
    """An error whose text is a :class:`Message`: ``str()`` is its English text (logs, the
    command line); the app shows ``render(lang)``. Given plain text (a database driver's
    words, a detail that has no message yet), it shows that text in every language. Given a
    list — every problem of one file: messages, texts or records with their own
    ``render(lang)`` — it shows one a line (``message`` is then the list)."""

    def __init__(self, message: Message | str | Sequence[object]) -> None:
        self.message = message
        super().__init__(self.render("en"))

    def render(self, lang: str = DEFAULT_LANG, /) -> str:
        if isinstance(self.message, list | tuple):
            return "\n".join(_line(m, lang) for m in self.message)
        return _line(self.message, lang)


def _line(item: object, lang: str) -> str:
    render = getattr(item, "render", None)
    return render(lang) if callable(render) else str(item)


def error_text(error: BaseException, lang: str = DEFAULT_LANG, /) -> str:
    """What to show for ``error``: its message in ``lang`` when it carries one, else its text."""
    return error.render(lang) if isinstance(error, MessageError) else str(error)
