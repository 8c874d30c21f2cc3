"""A planned route as a self-contained printable itinerary page (HTML, A4).

The page needs no network and no script: inline CSS with ``@media print`` and ``@page`` A4.
Every data string (tour name, stop names, warnings) is escaped with :func:`html.escape`.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from ocop_geo.i18n import HANOI, date, t
from ocop_geo.layers.opening_hours import format_hhmm
from ocop_geo.routing import describe
from ocop_geo.routing.base import Route
from ocop_geo.routing.print_map import map_section

_CSS = """
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt;
       color: #111; max-width: 186mm; margin: 1em auto; }
h1 { font-size: 17pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 14pt 0 4pt; }
.meta { color: #333; margin: 0 0 8pt; }
.badge { display: inline-block; padding: 0 6pt; border: 1.5pt solid #b45309; border-radius: 3pt;
         color: #b45309; font-weight: bold; }
.explain { color: #7c2d12; }
dl.totals { display: grid; grid-template-columns: max-content auto; gap: 2pt 12pt; margin: 0; }
dl.totals dt { font-weight: bold; }
dl.totals dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin-top: 8pt; }
th, td { border-bottom: 0.5pt solid #999; padding: 3pt 4pt; text-align: left;
         vertical-align: top; }
th { border-bottom: 1pt solid #111; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.stop { min-width: 38mm; }
.other { color: #555; font-size: 9pt; }
svg.tour-map { width: 100%; height: auto; max-height: 120mm; border: 0.5pt solid #999;
               margin-top: 4pt; }
.map-caption { color: #555; font-size: 8.5pt; margin: 2pt 0 0; }
footer { margin-top: 14pt; color: #555; font-size: 8.5pt; }
@media print {
  body { max-width: none; margin: 0; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  section.map { break-inside: avoid; }
}
"""

_COLUMNS = (
    ("col_order", True), ("col_stop", False), ("col_arrive", False), ("col_depart", False),
    ("col_visit", True), ("col_wait", True), ("col_leg_km", True), ("col_leg_min", True),
    ("col_cum_km", True), ("col_notes", False),
)  # fmt: skip


def _cell(value: str, *, num: bool = False, tag: str = "td", cls: str = "") -> str:
    """A table cell; ``value`` must already be escaped."""
    cls = "num" if num else cls
    return f'<{tag} class="{cls}">{value}</{tag}>' if cls else f"<{tag}>{value}</{tag}>"


def _table(route: Route, lang: str) -> str:
    head = "".join(_cell(escape(t(f"tourexport.{key}", lang)), num=num, tag="th")
                   for key, num in _COLUMNS)  # fmt: skip
    rows = []
    for order, visit, leg, cumulative_m in describe.stages(route):
        stop = visit.stop
        other = stop.name_en if lang == "vi" else stop.name_vi
        name = escape(describe.stop_name(stop, lang))
        if other and other != describe.stop_name(stop, lang):
            name += f'<br><span class="other">{escape(other)}</span>'
        notes = [t("tourexport.closed", lang)] if visit.closed else []
        if note := describe.position_note(stop, lang, short=True):
            notes.append(note)
        cells = (
            _cell(str(order), num=True), _cell(name, cls="stop"),
            _cell(format_hhmm(visit.arrive_min)), _cell(format_hhmm(visit.depart_min)),
            _cell(str(round(describe.visit_minutes(visit))), num=True),
            _cell(str(round(visit.wait_min)) if visit.wait_min else "", num=True),
            _cell(describe.km(leg.distance_m, lang) if leg else "", num=True),
            _cell(str(round(leg.duration_s / 60)) if leg else "", num=True),
            _cell(describe.km(cumulative_m, lang), num=True),
            _cell(escape("; ".join(notes))),
        )  # fmt: skip
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _totals(route: Route, lang: str) -> str:
    if route.optimised:
        saved_s = route.entered_travel_s - route.travel_s
        saving = f"{describe.km(route.saving_m, lang)} km · {describe.duration(saved_s, lang)}"
    else:
        saving = t("tourexport.not_optimised", lang)
    items = (
        ("total_distance", f"{describe.km(route.distance_m, lang)} km"),
        ("total_travel", describe.duration(route.travel_s, lang)),
        ("start", format_hhmm(route.start_min)),
        ("finish", format_hhmm(route.end_min)),
        ("saving", saving),
    )
    body = "".join(f"<dt>{escape(t(f'tourexport.{key}', lang))}</dt><dd>{escape(value)}</dd>"
                   for key, value in items)  # fmt: skip
    return f'<dl class="totals">{body}</dl>'


def _list_section(title: str, intro: str, items: list[str]) -> str:
    if not items:
        return ""
    lines = "".join(f"<li>{escape(item)}</li>" for item in items)
    para = f"<p>{escape(intro)}</p>" if intro else ""
    return f"<section><h2>{escape(title)}</h2>{para}<ul>{lines}</ul></section>"


def _accuracy_notes(route: Route, lang: str) -> list[str]:
    """One line per estimated stop position (each stop once, in visiting order)."""
    seen: dict[str, str] = {}
    for stop in route.stops:
        if stop.id not in seen and (note := describe.position_note(stop, lang)):
            seen[stop.id] = f"{describe.stop_name(stop, lang)}: {note}"
    return list(seen.values())


def to_print_html(
    route: Route,
    *,
    name: str,
    lang: str = "vi",
    now: datetime | None = None,
    geo_dir: Path | None = None,
) -> str:
    """A printable itinerary page (one HTML document, inline CSS for A4 printing).

    Parameters
    ----------
    route : Route
        The planned tour.
    name : str
        Title of the tour.
    lang : {"vi", "en"}
        Language of the labels (stop names are shown in this language, with the other below).
    now : datetime, optional
        The printing time shown (default: now), displayed in Hanoi time (UTC+7).
    geo_dir : Path, optional
        Where ``districts.geojson`` lies: the map then shows the district boundaries (without
        it, or when the layer has problems — said under the map — only the tour is drawn).

    Returns
    -------
    str
        Title, printing time, mode, back end, an "Ước tính / Estimate" badge when
        ``route.estimate``, totals (distance, travel time, start, finish, saving against the
        order as entered), a map of the tour drawn as inline SVG (no tiles, no network; see
        :mod:`ocop_geo.routing.print_map`), the itinerary table, warnings and notes on estimated
        stop positions.
    """
    printed = (now or datetime.now(HANOI)).astimezone(HANOI)
    when = f"{date(printed.date().isoformat(), lang)} {printed:%H:%M}"
    meta = [t("tourexport.printed", lang, when=when),
            f"{t('tourexport.mode', lang)}: {describe.mode_label(route, lang)}",
            t("tourexport.backend", lang, backend=route.backend)]  # fmt: skip
    if route.round_trip:
        meta.append(t("tourexport.round_trip", lang))
    if route.optimised:
        meta.append(t("tourexport.optimised", lang))
    meta_html = escape(" · ".join(meta))
    estimate = ""
    if route.estimate:
        meta_html += f' <span class="badge">{escape(describe.ESTIMATE_BADGE)}</span>'
        estimate = f'<p class="explain">{escape(t("tourexport.estimate_explain", lang))}</p>'
    sections = (
        _list_section(t("tourexport.warnings", lang), "", describe.shown_warnings(route, lang)),
        _list_section(t("tourexport.accuracy", lang), t("tourexport.accuracy_intro", lang),
                      _accuracy_notes(route, lang)),
    )  # fmt: skip
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(name)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(name)}</h1>\n"
        f'<p class="meta">{meta_html}</p>{estimate}</header>\n'
        f"{_totals(route, lang)}\n{map_section(route, lang, geo_dir=geo_dir)}\n"
        f"{_table(route, lang)}\n{''.join(sections)}\n"
        f"<footer>OCOP Geo</footer>\n</body>\n</html>\n"
    )
