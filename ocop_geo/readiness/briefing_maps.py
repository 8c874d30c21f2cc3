"""The briefing's maps: Hanoi with the sites coloured by readiness, and a site's locator map.

Both are drawn from the committed layers (2025 wards, 2020 districts; no tiles) in
:data:`~ocop_geo.readiness.briefing_figures.UTM`.
"""

from __future__ import annotations

from collections.abc import Mapping

import geopandas as gpd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from ocop_geo.i18n import t
from ocop_geo.maps.builders import NO_DATA, palette_for
from ocop_geo.readiness.briefing_figures import DPI, INK, UTM, Geography, figure, short_name
from ocop_geo.readiness.export import share_text
from ocop_geo.readiness.readiness_map import BREAKS, share_colour
from ocop_geo.readiness.status import Overview

#: Colours: ward fill and edge, district outline, the site's 2025 ward.
WARD_FILL, WARD_EDGE, DISTRICT_EDGE, WARD_LINE = "#f4f4f2", "#c8c8c8", "#5a5a5a", "#1f4e99"
#: Label offsets tried around a site (points right/up, horizontal and vertical alignment).
LABEL_SPOTS = (
    (7, 0, "left", "center"),
    (-7, 0, "right", "center"),
    (6, 7, "left", "bottom"),
    (6, -7, "left", "top"),
    (-6, 7, "right", "bottom"),
    (-6, -7, "right", "top"),
    (0, 10, "center", "bottom"),
    (0, -10, "center", "top"),
    (16, 16, "left", "bottom"),
    (16, -16, "left", "top"),
    (-16, 16, "right", "bottom"),
    (-16, -16, "right", "top"),
)


def _bare(ax: Axes) -> None:
    ax.set_axis_off()
    ax.set_aspect("equal", adjustable="box")


def _legend_handles(lang: str) -> list[Patch]:
    colours = palette_for(len(BREAKS))
    lows = (0.0, *BREAKS[:-1])
    handles = [
        Patch(
            facecolor=c,
            edgecolor=INK,
            linewidth=0.4,
            label=f"{round(lo * 100)}–{t('ready.percent', lang, p=round(hi * 100))}",
        )
        for c, lo, hi in zip(colours, lows, BREAKS, strict=True)
    ]
    handles.append(
        Patch(facecolor=NO_DATA, edgecolor=INK, linewidth=0.4, label=t("ready.no_share", lang))
    )
    return handles


def _annotate(ax: Axes, xy: tuple[float, float], text: str, spot: tuple) -> Text:
    dx, dy, ha, va = spot
    return ax.annotate(
        text, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, fontsize=6.5,
        multialignment="center" if ha == "center" else ha,
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none",
              "alpha": 0.85},
        arrowprops={"arrowstyle": "-", "color": INK, "linewidth": 0.5} if abs(dx) > 10 else None,
    )  # fmt: skip


def _place_label(ax: Axes, xy: tuple[float, float], text: str, taken: list[Bbox]) -> None:
    """Annotate ``xy`` with ``text`` at the first of :data:`LABEL_SPOTS` that overlaps no
    bounding box of ``taken`` and stays inside the axes (else the first spot); adds its box."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = ax.get_window_extent(renderer)
    for spot in LABEL_SPOTS:
        label = _annotate(ax, xy, text, spot)
        box = label.get_window_extent(renderer)
        inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
        if inside and not any(box.overlaps(other) for other in taken):
            taken.append(box)
            return
        label.remove()
    taken.append(_annotate(ax, xy, text, LABEL_SPOTS[0]).get_window_extent(renderer))


def _scale_bar(ax: Axes, km: int) -> None:
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    x, y = x1 - (x1 - x0) * 0.05 - km * 1000, y0 + (y1 - y0) * 0.04
    ax.plot([x, x + km * 1000], [y, y], color=INK, linewidth=1.5, solid_capstyle="butt")
    ax.text(x + km * 500, y + (y1 - y0) * 0.012, f"{km} km", ha="center", va="bottom", fontsize=6)


def hanoi_map(
    geo: Geography, view: Overview, names: Mapping[str, str], lang: str, size: tuple[float, float]
) -> Figure:
    """Hanoi's 2025 wards and 2020 district outlines with each site of ``view`` a dot coloured by
    readiness (bigger when ready) and labelled with its name and share; ``size`` in mm.

    ``geo`` must be in :data:`UTM` (:meth:`Geography.projected`)."""
    fig = figure(*size)
    ax = fig.add_axes((0, 0, 1, 1))
    geo.wards.plot(ax=ax, facecolor=WARD_FILL, edgecolor=WARD_EDGE, linewidth=0.25)
    geo.districts.boundary.plot(ax=ax, color=DISTRICT_EDGE, linewidth=0.55)
    _bare(ax)
    ax.set_anchor("N")
    legend = ax.legend(
        handles=_legend_handles(lang),
        title=t("ready.col.share", lang),
        loc="lower left",
        fontsize=6,
        title_fontsize=6.5,
        framealpha=0.9,
    )
    taken = [legend.get_window_extent(fig.canvas.get_renderer())]
    shown = [(s, geo.sites.geometry.get(s.site_id)) for s in view.sites]
    shown = [(s, p) for s, p in shown if p is not None]
    for site, point in shown:
        size = 70 if site.ready else 42
        ax.scatter(
            [point.x],
            [point.y],
            s=size,
            zorder=3,
            color=share_colour(site.share),
            edgecolor=INK,
            linewidth=0.9,
        )
        px, py = ax.transData.transform((point.x, point.y))
        r = size**0.5 / 2 * DPI / 72
        taken.append(Bbox.from_extents(px - r, py - r, px + r, py + r))
    for site, point in sorted(shown, key=lambda sp: -sp[1].x):
        text = f"{short_name(names.get(site.site_id, site.site_id))}\n{share_text(site, lang)}"
        _place_label(ax, (point.x, point.y), text, taken)
    _scale_bar(ax, 10)
    return fig


def locator_map(geo: Geography, site_id: str, lang: str, size: tuple[float, float]) -> Figure:
    """The site as a star in its 2020 district (outlined, shaded) and its 2025 ward or commune
    (hatched), with the neighbouring wards for context and a legend naming both.

    ``geo`` must be in :data:`UTM`. The ward is found by its ``name_vi`` (the site's
    ``ward_2025_vi``); a site without one shows its district only and says the ward is unknown.
    """
    site = geo.sites.loc[site_id]
    district = geo.districts[geo.districts.index == site["district_2020_gso"]]
    ward_name = site.get("ward_2025_vi")
    ward = geo.wards[geo.wards["name_vi"] == ward_name] if isinstance(ward_name, str) else None
    fig = figure(*size)
    ax = fig.add_axes((0, 0.22, 1, 0.78))
    parts = [district] + ([ward] if ward is not None and len(ward) else [])
    x0, y0, x1, y1 = gpd.GeoSeries([p.union_all() for p in parts], crs=UTM).total_bounds
    pad = max(x1 - x0, y1 - y0) * 0.12
    x0, y0, x1, y1 = _fit(x0 - pad, y0 - pad, x1 + pad, y1 + pad, size[0] / (size[1] * 0.78))
    geo.wards.cx[x0:x1, y0:y1].plot(ax=ax, facecolor=WARD_FILL, edgecolor=WARD_EDGE, linewidth=0.3)
    district.plot(ax=ax, facecolor="#dfe8f1", edgecolor=DISTRICT_EDGE, linewidth=1.0)
    handles = [
        Patch(
            facecolor="#dfe8f1",
            edgecolor=DISTRICT_EDGE,
            label=t("brief.district_2020", lang, name=site["district_2020_vi"]),
        )
    ]
    if ward is not None and len(ward):
        ward.plot(ax=ax, facecolor="none", edgecolor=WARD_LINE, linewidth=1.0, hatch="////")
        handles.append(
            Patch(
                facecolor="none",
                edgecolor=WARD_LINE,
                hatch="////",
                label=t("brief.ward_2025", lang, name=ward_name),
            )
        )
    else:
        handles.append(
            Patch(facecolor="none", edgecolor="none", label=t("brief.ward_unknown", lang))
        )
    ax.scatter(
        [site.geometry.x],
        [site.geometry.y],
        marker="*",
        s=110,
        color="#d94801",
        edgecolor=INK,
        linewidth=0.6,
        zorder=4,
    )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    _bare(ax)
    fig.legend(handles=handles, loc="lower center", fontsize=6, frameon=False, ncols=1)
    return fig


def _fit(x0: float, y0: float, x1: float, y1: float, ratio: float) -> tuple[float, ...]:
    """The bounds widened (about their centre) to width ÷ height = ``ratio``."""
    w, h = x1 - x0, y1 - y0
    w, h = max(w, h * ratio), max(h, w / ratio)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2
