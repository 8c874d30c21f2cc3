"""Rendered map chunks kept as text instead of being compiled again as Jinja templates.

folium renders a map element by element: each ``MacroElement`` renders its Jinja macros and
hands the resulting HTML/JavaScript to ``branca.element.Element(text)``, whose constructor
compiles that text as a Jinja template (``Template(text)``), to render it once more when the
figure is assembled. The text is already final — markers, layers, the district TopoJSON — so
the compilation produces the same text, at the cost of a Jinja parse and code generation per
chunk: about 400 chunks for the Map explorer, rendered twice per rerun by ``st_folium``.
Measured with ``python bench/map_render.py``: most of a map's render time.

:func:`install` replaces the ``Template`` that ``branca.element`` calls with :func:`template`,
which returns a :class:`PlainText` for text that has no Jinja syntax (and no carriage return,
which Jinja would normalise) and a real ``jinja2.Template`` otherwise. A plain text renders to
itself as Jinja renders it (Jinja drops one trailing newline). The map HTML is identical
byte for byte (``tests/test_map_plain_chunks.py``). Templates defined by branca and folium
classes were compiled at import and are not affected.
"""

from __future__ import annotations

import branca.element
import jinja2

#: What marks Jinja syntax (an expression, a statement, a comment, a line statement is off).
_JINJA = ("{{", "{%", "{#")


class PlainText:
    """Text that renders to itself, as ``jinja2.Template(text).render()`` would."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text[:-1] if text.endswith("\n") else text  # keep_trailing_newline=False

    def render(self, *_args: object, **_context: object) -> str:
        return self.text


def template(source: str) -> jinja2.Template | PlainText:
    """``source`` as a template: compiled when it holds Jinja syntax, else kept as text."""
    if "\r" in source or any(mark in source for mark in _JINJA):
        return jinja2.Template(source)
    return PlainText(source)


def install() -> None:
    """Make ``branca.element.Element(text)`` use :func:`template` (idempotent). Left as it is
    when branca no longer calls ``jinja2.Template`` there (a newer branca)."""
    if branca.element.Template is jinja2.Template:
        branca.element.Template = template
