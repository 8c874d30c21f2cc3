"""Rendered map chunks are kept as text, not compiled again as Jinja templates
(ocop_geo/maps/plain_chunks.py): the maps people get must not change by one byte."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import branca.element
import folium
import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop_geo.config import Settings
from ocop_geo.layers.catalog import Catalog
from ocop_geo.maps import builders as maps
from ocop_geo.maps import plain_chunks


def _rendered(build: Callable[[], folium.Map], monkeypatch: pytest.MonkeyPatch) -> str:
    """``build()``'s HTML with element ids numbered from 0 (they are random otherwise), rendered
    as st_folium does (the figure, then the map)."""
    counter = itertools.count()
    monkeypatch.setattr(
        branca.element.Element, "_generate_id", classmethod(lambda _cls: f"{next(counter):032x}")
    )
    m = build()
    m.get_root().render()
    m.render()
    return m.get_root().render()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("which", ["explorer, wards on", "overview"])
def test_the_maps_are_the_same_byte_for_byte(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch, which: str, lang: str
) -> None:
    settings = Settings()
    figure = maps.FIGURES[1]

    def build() -> folium.Map:
        if which == "overview":
            return maps.overview_map(catalog, settings, lang)
        return maps.explorer_map(
            catalog, settings, lang, figure=figure, wards=True,
            district_topo=maps.district_topology(catalog.districts, figure, lang),
            ward_topo=maps.ward_topology(catalog.wards, lang),
        )  # fmt: skip

    assert branca.element.Template is plain_chunks.template  # installed by the builders
    fast = _rendered(build, monkeypatch)
    monkeypatch.setattr(branca.element, "Template", jinja2.Template)
    compiled = _rendered(build, monkeypatch)
    assert len(fast) > 100_000
    assert fast == compiled


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_plain_text_renders_as_jinja_renders_it(text: str) -> None:
    made = plain_chunks.template(text)
    assert made.render(this=None, kwargs={}) == jinja2.Template(text).render()


def test_text_with_jinja_syntax_is_still_a_template() -> None:
    assert isinstance(plain_chunks.template("a {{ 1 + 1 }} b"), jinja2.Template)
    assert plain_chunks.template("a {{ 1 + 1 }} b").render() == "a 2 b"
    assert isinstance(plain_chunks.template("var a = {x: 1};\n"), plain_chunks.PlainText)
