"""Widgets of the route designer: the tour form, saved and published tours, results, downloads.

The form lives in ``st.session_state`` under the keys below and mirrors itself into the URL
(``?stops=…&mode=…``, see :mod:`ocop_geo.routing.request`), so every tour is a shareable link.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import time
from functools import partial

import streamlit as st

from ocop_geo.auth.permissions import User, can_write
from ocop_geo.database.store import Store
from ocop_geo.i18n import error_text, number, t, tn
from ocop_geo.layers.opening_hours import format_hhmm
from ocop_geo.routing import describe, designer
from ocop_geo.routing.base import MODES, Route, Router, RoutingError, Stop
from ocop_geo.routing.export import FORMATS
from ocop_geo.routing.request import QUERY_KEYS, RequestError, RouteRequest
from ocop_geo.routing.saved import delete_route, list_routes, load_route, save_route
from ocop_geo.routing.stops import PublishedRoute
from ocop_geo.routing.tour import MIN_STOPS
from ocop_geo.text import escape_markdown
from ocop_geo.ui import loaders
from ocop_geo.ui.choices import placeholder
from ocop_geo.ui.downloads import Download, download_row
from ocop_geo.ui.lang import relabelled
from ocop_geo.ui.saved_picker import saved_picker

STOPS, ADD, SEARCH = "route_stops", "route_add", "route_search"
MODE, START, OPT, RT, END, HOURS = (
    "route_mode",
    "route_start",
    "route_opt",
    "route_rt",
    "route_end",
    "route_hours",
)
PUBLISHED, SAVED = "route_published", "route_saved"


def init_state(stops: Mapping[str, Stop], lang: str) -> None:
    """On a session's first run, fill the form from the link (``?stops=…``), if it has one."""
    if STOPS in st.session_state:
        return
    try:
        request = RouteRequest.from_query(st.query_params.to_dict()) or RouteRequest()
    except RequestError as exc:
        st.error(t("route.bad_link", lang, problem=error_text(exc, lang)))
        request = RouteRequest()
    unknown = [s for s in request.stop_ids if s not in stops]
    if unknown:
        st.error(t("route.unknown_stops", lang, ids=", ".join(unknown)))
    _load(request, stops)


def _load(request: RouteRequest, stops: Mapping[str, Stop]) -> None:
    st.session_state[STOPS] = [s for s in request.stop_ids if s in stops]
    st.session_state[MODE] = request.mode
    st.session_state[START] = time(*divmod(request.start_min, 60))
    st.session_state[OPT] = request.optimise
    st.session_state[RT] = request.round_trip
    st.session_state[END] = request.fixed_end
    st.session_state[HOURS] = request.respect_hours


def current_request() -> RouteRequest:
    """The tour the form describes now."""
    start: time = st.session_state[START]
    return RouteRequest(
        stop_ids=tuple(st.session_state[STOPS]),
        mode=st.session_state[MODE],
        start_min=start.hour * 60 + start.minute,
        optimise=st.session_state[OPT],
        round_trip=st.session_state[RT],
        fixed_end=st.session_state[END] and not st.session_state[RT],
        respect_hours=st.session_state[HOURS],
    )


def sync_link(request: RouteRequest) -> None:
    """Mirror ``request`` into the URL (other parameters such as ``lang`` are kept)."""
    wanted = request.to_query() if request.stop_ids else {}
    for key in QUERY_KEYS:
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def add_stop(stop_id: str | None) -> None:
    """Append ``stop_id`` to the tour (ignored when already in it)."""
    chosen = list(st.session_state[STOPS])
    if stop_id and stop_id not in chosen:
        st.session_state[STOPS] = [*chosen, stop_id]


def _add_found(stop_id: str | None) -> None:
    """The search's pick joins the tour; the search box and the pick are emptied for the next."""
    add_stop(stop_id)
    st.session_state[SEARCH] = ""
    st.session_state[ADD] = None


def stop_picker(stops: Mapping[str, Stop], lang: str) -> None:
    """Search (diacritics optional) and add stops; the chosen list in visiting order."""
    label: Callable[[str], str] = lambda sid: designer.label(stops[sid], lang)  # noqa: E731
    query = st.text_input(t("route.search", lang), key=SEARCH, placeholder="bat trang, chua…")
    found = [s for s in designer.search_stops(stops, query) if s not in st.session_state[STOPS]]
    if query and not found:
        st.caption(t("route.search_none", lang, q=query))
    add_col, button_col = st.columns([4, 1], vertical_alignment="bottom")
    pick = add_col.selectbox(
        t("route.add", lang),
        found,
        index=None,
        key=relabelled(ADD, lang),
        format_func=lambda sid: designer.search_label(stops[sid], lang),
        placeholder=t("route.add_hint", lang, n=number(len(found), lang)),
    )
    button_col.button(
        t("route.add_button", lang),
        on_click=_add_found,
        args=(pick,),
        disabled=pick is None,
        key="route_add_button",
    )
    st.multiselect(
        t("route.stops", lang),
        list(stops),
        key=relabelled(STOPS, lang),
        format_func=label,
        placeholder=placeholder(stops, lang, many=True),
        help=t("route.stops_help", lang),
        wrap=True,  # in a column the chips would stay on one scrolling row, hiding stops
    )
    chosen = st.session_state[STOPS]
    if chosen:  # the box scrolls past a few rows of chips: every stop is also said in full
        names = " → ".join(escape_markdown(label(sid)) for sid in chosen)
        st.caption(tn("route.chosen", len(chosen), lang, n=number(len(chosen), lang), names=names))


def options(lang: str) -> None:
    """Mode, start time and the optimiser's switches."""
    st.radio(
        t("route.mode", lang),
        MODES,
        key=relabelled(MODE, lang),
        horizontal=True,
        format_func=lambda m: t(f"tourexport.mode.{m}", lang),
    )
    st.time_input(t("route.start", lang), key=START, step=900)
    cols = st.columns(2)
    cols[0].toggle(t("route.optimise", lang), key=OPT, help=t("route.optimise_help", lang))
    cols[1].toggle(t("route.round_trip", lang), key=RT)
    cols[0].toggle(t("route.fixed_end", lang), key=END, disabled=st.session_state[RT])
    cols[1].toggle(t("route.respect_hours", lang), key=HOURS, help=t("route.hours_help", lang))


def published(routes: list[PublishedRoute], stops: Mapping[str, Stop], lang: str) -> None:
    """Load a published route (facts §5) as a starting point."""
    by_id = {r.id: r for r in routes}
    cols = st.columns([4, 1], vertical_alignment="bottom")
    pick = cols[0].selectbox(
        t("route.published", lang),
        list(by_id),
        index=None,
        key=relabelled(PUBLISHED, lang),
        format_func=lambda i: designer.published_name(by_id[i], lang),
        placeholder=t("route.published_hint", lang),
    )

    def _use() -> None:
        _load(designer.published_request(by_id[pick], stops), stops)  # type: ignore[index]

    cols[1].button(
        t("route.use", lang), on_click=_use, disabled=pick is None, key="route_use_published"
    )
    if pick is not None:
        st.caption(designer.published_note(by_id[pick], lang))


def saved(
    store: Store, stops: Mapping[str, Stop], request: RouteRequest, user: User, lang: str
) -> None:
    """Open saved tours; save (named, with who) and delete them when ``user`` may."""
    saved_picker(
        "route",
        lang,
        list_names=lambda: [r.name for r in list_routes(store)],
        on_open=lambda name: _load(load_route(store, name).request, stops),
        on_delete=lambda name: delete_route(store, name, actor=user),
        on_save=lambda name, who, replace: (
            save_route(store, name, request, saved_by=who, actor=user, replace=replace).name
        ),
        can_save=len(request.stop_ids) >= MIN_STOPS,
        may_write=can_write(user, "tours"),
    )


def plan(request: RouteRequest, router: Router, lang: str) -> Route | None:
    """The tour ``request`` describes, planned by ``router`` under a spinner; ``None`` after
    saying why there is none (fewer than :data:`MIN_STOPS` stops, or the router's problem)."""
    if len(request.stop_ids) < MIN_STOPS:
        st.info(t("route.need_two", lang))
        return None
    with st.spinner(tn("route.planning", len(request.stop_ids), lang, n=len(request.stop_ids))):
        try:
            return loaders.planned_route(request, router, loaders.router_key(router))
        except RoutingError as exc:
            problem = error_text(exc, lang)
    st.error(t("route.cannot_plan", lang))
    st.code(problem, language=None, wrap_lines=True)
    return None


def share(request: RouteRequest, lang: str) -> None:
    """The link that reopens this tour, ready to copy."""
    st.caption(t("route.share", lang))
    st.code(designer.share_link(request, st.context.url), language=None, wrap_lines=True)


def results(route: Route, lang: str) -> None:
    """Totals, the saving against the order entered, warnings and the itinerary table."""
    if route.estimate:
        st.warning(t("route.estimate_note", lang), icon=":material/straighten:")
    else:
        st.caption(t("route.backend_note", lang, backend=route.backend))
    m = st.columns(4)
    m[0].metric(t("route.total_km", lang), describe.km(route.distance_m, lang))
    m[1].metric(t("route.travel", lang), describe.duration(route.travel_s, lang))
    m[2].metric(t("route.finish", lang), format_hhmm(route.end_min))
    m[3].metric(
        t("route.saving", lang),
        describe.km(route.saving_m, lang),
        help=t("route.saving_help", lang),
    )
    for warning in describe.shown_warnings(route, lang):  # the estimate one is said above
        st.warning(warning)
    st.dataframe(designer.itinerary_text(route, lang), hide_index=True, width="stretch")


def route_files(route: Route, lang: str) -> list[Download]:
    """GPX (rte + trk), KML, GeoJSON, CSV and a printable page, each rendered in ``lang`` by
    :data:`~ocop_geo.routing.export.FORMATS` when its button is clicked."""
    stem = designer.file_stem(route)
    name = describe.default_name(route, lang)
    labels = {"gpx": "GPX", "kml": "KML", "geojson": "GeoJSON", "csv": "CSV",
              "html": t("route.print", lang)}  # fmt: skip
    return [
        Download(label, f"{stem}{FORMATS[key].suffix}", FORMATS[key].media_type,
                 partial(FORMATS[key].render, route, name, lang))
        for key, label in labels.items()
    ]  # fmt: skip


def downloads(route: Route, lang: str) -> None:
    """The tour's download buttons (:func:`route_files`); files are built only when clicked."""
    download_row(route_files(route, lang), "route_dl")
