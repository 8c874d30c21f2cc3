"""Widgets of the Đông Anh centre page: cached anchors and criteria, the candidate list (form,
map click, removal), the area switch, the weight sliders and the saved candidate sets.

The candidates live in ``st.session_state[POINTS]`` as ``{"name", "lon", "lat"}`` dicts, in the
order they were added (their number on the map).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import geopandas as gpd
import streamlit as st

from ocop_geo.auth.permissions import User, can_write
from ocop_geo.candidates.anchors import Anchor, load_anchors
from ocop_geo.candidates.area import AreaCheck
from ocop_geo.candidates.present import candidate_label
from ocop_geo.candidates.reader import Candidate, position_problems
from ocop_geo.candidates.rings import rings
from ocop_geo.candidates.saved import delete_set, list_sets, load_set, save_set
from ocop_geo.candidates.scoring import Criterion, criteria_from
from ocop_geo.candidates.weights import CRITERIA, WeightError, normalise_weights
from ocop_geo.database.store import Store
from ocop_geo.i18n import t
from ocop_geo.layers.catalog import Catalog
from ocop_geo.text import escape_markdown
from ocop_geo.ui import loaders
from ocop_geo.ui.choices import placeholder
from ocop_geo.ui.saved_picker import saved_picker

POINTS, ANYWHERE, REMOVE = "cand_points", "cand_anywhere", "cand_remove"
#: The candidate whose rings the map draws (index into the list; the latest added by default).
RINGS = "cand_rings"
NAME, LAT, LON = "cand_name", "cand_lat", "cand_lon"
WEIGHT = {key: f"cand_w_{key}" for key in CRITERIA}
#: Slider range and the starting weight of every criterion (all equal).
WEIGHT_MAX, WEIGHT_START = 10, 5


@st.cache_resource(show_spinner=False)
def _anchors() -> dict[str, Anchor]:
    return load_anchors(loaders.settings().data_dir)


def anchors(lang: str) -> dict[str, Anchor]:
    """The sourced anchors (data/anchors.csv); on bad data, show the problems and stop."""
    return loaders.checked(_anchors, lang)


@st.cache_resource(show_spinner=False)
def criteria(_catalog: Catalog, _anchors: Mapping[str, Anchor]) -> tuple[Criterion, ...]:
    """The five criteria (targets from the catalogue and the anchors), built once."""
    return criteria_from(_catalog, _anchors)


def init_state() -> None:
    """Defaults on a session's first run: no candidates, Đông Anh only, equal weights."""
    st.session_state.setdefault(POINTS, [])
    st.session_state.setdefault(ANYWHERE, False)
    for key in WEIGHT.values():
        st.session_state.setdefault(key, WEIGHT_START)


def candidates() -> list[Candidate]:
    """The candidates entered so far, in order."""
    return [Candidate(p["name"], p["lon"], p["lat"]) for p in st.session_state[POINTS]]


def names() -> list[str]:
    """The names taken."""
    return [p["name"] for p in st.session_state[POINTS]]


def add(candidate: Candidate | None) -> None:
    """Append ``candidate`` (ignored when None or its name is taken)."""
    if candidate and candidate.name.casefold() not in {n.casefold() for n in names()}:
        point = {"name": candidate.name, "lon": candidate.lon, "lat": candidate.lat}
        _set_points([*st.session_state[POINTS], point])


def _set_points(points: list[dict]) -> None:
    """Replace the list; the rings go to the last candidate (none when the list is empty)."""
    st.session_state[POINTS] = points
    st.session_state[RINGS] = len(points) - 1 if points else None


class RingPick(NamedTuple):
    """The candidate whose rings the map draws: its index in :func:`candidates` and its rings
    (both None when no candidate is picked)."""

    selected: int | None
    rings: gpd.GeoDataFrame | None


def ring_picker(check: AreaCheck, lang: str) -> RingPick:
    """Pick the candidate whose 15/30/45-minute rings the map draws; returns it with its rings.
    Only a candidate inside the allowed area (``check.placed``) may be picked: one outside it is
    not counted and gets no rings (the latest placed one is picked instead)."""
    cands = candidates()
    counted = [p.order - 1 for p in check.placed]
    if st.session_state.get(RINGS) not in counted:
        st.session_state[RINGS] = counted[-1] if counted else None
    if not counted:  # nothing to pick: no greyed-out (disabled) box whose label cannot be read
        return RingPick(None, None)
    pick = st.selectbox(
        t("cand.rings_for", lang),
        counted,
        index=None,
        key=RINGS,
        format_func=lambda i: candidate_label(i + 1, cands[i].name),
        placeholder=placeholder(cands, lang),
    )
    if pick is None or pick >= len(cands):
        return RingPick(None, None)
    return RingPick(pick, rings(cands[pick].lon, cands[pick].lat))


def add_form(lang: str) -> None:
    """Name, latitude and longitude; a bad entry is an ``st.error`` and nothing is added."""
    with st.form("cand_add_form", clear_on_submit=False, border=True):
        st.markdown(f"**{t('cand.add_title', lang)}**")
        st.text_input(t("cand.form_name", lang), key=NAME)
        cols = st.columns(2)
        cols[0].number_input(t("cand.form_lat", lang), key=LAT, value=None, format="%.6f")
        cols[1].number_input(t("cand.form_lon", lang), key=LON, value=None, format="%.6f")
        if not st.form_submit_button(t("cand.form_add", lang)):
            return
    name = " ".join((st.session_state[NAME] or "").split())
    lat, lon = st.session_state[LAT], st.session_state[LON]
    if not name or lat is None or lon is None:
        st.error(t("cand.form_need_all", lang))
    elif name.casefold() in {n.casefold() for n in names()}:
        st.error(t("cand.name_taken", lang, name=escape_markdown(name)))
    elif problems := position_problems(float(lat), float(lon)):
        shown = "; ".join(m.render(lang) for _, m in problems)
        st.error(t("cand.bad_position", lang, problem=shown))
    else:
        add(Candidate(name, round(float(lon), 6), round(float(lat), 6)))


def manage(lang: str) -> None:
    """Remove one candidate, or all of them."""
    taken = names()
    cols = st.columns([3, 1, 1], vertical_alignment="bottom")
    pick = cols[0].selectbox(
        t("cand.list", lang, n=len(taken)),
        taken,
        index=None,
        key=REMOVE,
        placeholder=t("cand.remove", lang),
    )

    def _remove() -> None:
        _set_points([p for p in st.session_state[POINTS] if p["name"] != pick])
        st.session_state[REMOVE] = None

    def _clear() -> None:
        _set_points([])
        st.session_state[REMOVE] = None

    cols[1].button(
        t("cand.remove_button", lang),
        on_click=_remove,
        disabled=pick is None,
        key="cand_remove_button",
    )
    cols[2].button(t("cand.clear", lang), on_click=_clear, disabled=not taken, key="cand_clear")


def anywhere(lang: str) -> bool:
    """The "anywhere in Hanoi" switch."""
    return st.toggle(t("cand.anywhere", lang), key=ANYWHERE, help=t("cand.anywhere_help", lang))


def weights(lang: str) -> dict[str, float] | None:
    """One slider per criterion; the normalised shares below. None when every weight is 0."""
    st.markdown(f"**{t('cand.weights', lang)}**")
    cols = st.columns(len(CRITERIA))
    for col, key in zip(cols, CRITERIA, strict=True):
        col.slider(t(f"cand.crit.{key}", lang), 0, WEIGHT_MAX, key=WEIGHT[key])
    raw = {key: float(st.session_state[WEIGHT[key]]) for key in CRITERIA}
    try:
        shares = normalise_weights(raw)
    except WeightError:
        st.error(t("cand.weights_zero", lang))
        return None
    text = ", ".join(f"{t(f'cand.crit.{k}', lang)} {round(v * 100)} %" for k, v in shares.items())
    st.caption(t("cand.weights_share", lang, shares=text))
    return raw


def _load(points: Sequence[Candidate], raw: Mapping[str, float], anywhere: bool) -> None:
    _set_points([{"name": c.name, "lon": c.lon, "lat": c.lat} for c in points])
    st.session_state[ANYWHERE] = anywhere
    for key in CRITERIA:
        value = round(raw.get(key, WEIGHT_START))
        st.session_state[WEIGHT[key]] = min(max(value, 0), WEIGHT_MAX)


def saved(store: Store, raw: Mapping[str, float] | None, user: User, lang: str) -> None:
    """Open candidate sets stored in the database; save (named, with who) and delete them
    when ``user`` may."""

    def _open(name: str) -> None:
        found = load_set(store, name)
        _load(found.candidates, found.weights, found.anywhere)

    def _save(name: str, who: str, replace: bool) -> str:
        return save_set(
            store,
            name,
            candidates(),
            weights=raw,
            saved_by=who,
            actor=user,
            anywhere=st.session_state[ANYWHERE],
            replace=replace,
        ).name

    saved_picker(
        "cand",
        lang,
        list_names=lambda: [s.name for s in list_sets(store)],
        on_open=_open,
        on_delete=lambda name: delete_set(store, name, actor=user),
        on_save=_save,
        can_save=bool(names()) and raw is not None,
        may_write=can_write(user, "candidates"),
    )
