"""The briefing's pictures: what the maps and charts share (font, figure, PNG, layers).

Drawn with Matplotlib (GeoPandas plotting for the layers; no tiles, no network) into
:class:`~matplotlib.figure.Figure` objects — never ``pyplot`` — and turned into PNG bytes by
:func:`png`. Every text uses the Noto Sans TTF the PDF embeds
(:func:`ocop_geo.readiness.export.font_files`), so Vietnamese diacritics render. The maps are in
:mod:`ocop_geo.readiness.briefing_maps`, the charts in :mod:`ocop_geo.readiness.briefing_charts`.
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import matplotlib as mpl
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

#: The CRS the maps are drawn in (metres): UTM 48N, so a kilometre is as long north–south as
#: east–west.
UTM = "EPSG:32648"
#: Resolution of the PNGs (dots per inch): sharp on paper, small in the PDF.
DPI = 200
#: The colour of text and lines.
INK = "#222222"
MM = 1 / 25.4
#: Sizes (width, height in mm) of the summary's map and bar chart.
MAP_SIZE, BARS_SIZE = (128.0, 156.0), (58.0, 84.0)


@dataclass(frozen=True)
class Geography:
    """The committed layers the maps are drawn from (EPSG:4326, indexed by their ids)."""

    sites: gpd.GeoDataFrame
    wards: gpd.GeoDataFrame
    districts: gpd.GeoDataFrame

    def projected(self) -> Geography:
        """The same layers in :data:`UTM`."""
        return Geography(self.sites.to_crs(UTM), self.wards.to_crs(UTM), self.districts.to_crs(UTM))


@contextmanager
def noto(font: Path) -> Iterator[str]:
    """Matplotlib set to draw every text in ``font`` (a TTF file) inside the block; yields the
    family name. Matplotlib's settings are global, so one block runs at a time (the app builds
    downloads on worker threads). A glyph missing from the font is a warning Matplotlib gives
    when drawing."""
    with _DRAWING:
        if str(font) not in _ADDED:
            font_manager.fontManager.addfont(str(font))
            _ADDED.add(str(font))
        family = font_manager.FontProperties(fname=str(font)).get_name()
        rc = {
            "font.family": [family], "font.size": 7, "axes.unicode_minus": False,
            "text.color": INK, "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK,
        }  # fmt: skip
        with mpl.rc_context(rc):
            yield family


_DRAWING = threading.Lock()
_ADDED: set[str] = set()


class _Canvas(FigureCanvasAgg):
    """An Agg canvas that draws only when saved: GeoPandas asks for a redraw after every layer
    it plots (``draw_idle``), which would render the whole figure each time."""

    def draw_idle(self, *args: object, **kwargs: object) -> None:
        """Nothing: the figure is drawn once, by :func:`png`."""


def figure(width_mm: float, height_mm: float, layout: str | None = None) -> Figure:
    """An empty figure of that size, with an Agg canvas (no pyplot); ``layout="constrained"``
    fits the axes around their tick labels and legends."""
    fig = Figure(figsize=(width_mm * MM, height_mm * MM), dpi=DPI, layout=layout)
    _Canvas(fig)
    return fig


def png(fig: Figure, colours: int = 256) -> bytes:
    """``fig`` drawn once and saved as a PNG of ``colours`` palette colours (flat maps and
    charts lose nothing visible and shrink about three times)."""
    fig.canvas.draw()
    size = fig.canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", size, fig.canvas.buffer_rgba()).convert("RGB")  # type: ignore[attr-defined]
    image = image.quantize(colours, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def short_name(name: str, width: int = 18) -> str:
    """``name`` wrapped to lines of at most ``width`` characters (a long name stays whole)."""
    return textwrap.fill(name, width)
