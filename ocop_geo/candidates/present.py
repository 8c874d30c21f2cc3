"""A ranking as people read it: translated headers, kilometres, rounded scores; and the chart of
criterion scores per candidate (Altair). No Streamlit here."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ocop_geo.candidates.scoring import Ranking
from ocop_geo.candidates.weights import CRITERIA
from ocop_geo.i18n import t


def criterion_label(key: str, lang: str) -> str:
    """The criterion's short name in ``lang``."""
    return t(f"cand.crit.{key}", lang)


def candidate_label(rank: int, name: str) -> str:
    """``"1. Name"``: how the chart and the rings picker name a candidate."""
    return f"{rank}. {name}"


def display_frame(ranking: Ranking, lang: str) -> pd.DataFrame:
    """The ranking table for the page: rank, number on the map, name, 2025 commune, total, then
    per criterion the straight-line km, the road km (only when there are road figures) and the
    score. Unknown communes read "unknown"."""
    src = ranking.table
    commune = src["commune_2025" if lang == "vi" else "commune_2025_en"]
    out = pd.DataFrame(
        {
            t("cand.col_rank", lang): src["rank"],
            t("cand.col_order", lang): src["order"],
            t("cand.col_name", lang): src["name"],
            t("cand.col_commune", lang): commune.fillna(t("cand.unknown", lang)),
            t("cand.col_total", lang): src["total"].round(1),
        }
    )
    for key in CRITERIA:
        label = criterion_label(key, lang)
        out[t("cand.col_km", lang, crit=label)] = (src[f"{key}_m"] / 1000).round(1)
        if ranking.road_backend:
            out[t("cand.col_road_km", lang, crit=label)] = (src[f"{key}_road_m"] / 1000).round(1)
        out[t("cand.col_score", lang, crit=label)] = src[f"{key}_score"].round(1)
    for site_id, name in pilot_names(ranking, lang).items():
        out[t("cand.col_km", lang, crit=name)] = (src[f"pilot_{site_id}_m"] / 1000).round(1)
        if ranking.road_backend:
            road = src[f"pilot_{site_id}_road_m"] / 1000
            out[t("cand.col_road_km", lang, crit=name)] = road.round(1)
    return out


def pilot_names(ranking: Ranking, lang: str) -> dict[str, str]:
    """``{site id: "→ Vạn Phúc"}`` for the per-pilot distance columns, in table order (the order
    of ``Ranking.pilot_names``; a name missing in ``lang`` reads as the site id)."""
    names = ranking.pilot_names or {}
    return {i: "→ " + name.get(lang, i) for i, name in names.items()}


def score_chart(ranking: Ranking, lang: str) -> alt.Chart:
    """Grouped horizontal bars: one group per candidate (best first), one bar per criterion
    score (0–100), coloured by criterion; the tooltip gives the weight too."""
    rows = [
        {
            "candidate": candidate_label(int(r["rank"]), str(r["name"])),
            "criterion": criterion_label(key, lang),
            "score": round(float(r[f"{key}_score"]), 1),
            "weight": round(ranking.weights[key] * 100),
        }
        for _, r in ranking.table.iterrows()
        for key in CRITERIA
    ]
    data = pd.DataFrame(rows, columns=["candidate", "criterion", "score", "weight"])
    order = [criterion_label(k, lang) for k in CRITERIA]
    cands = list(dict.fromkeys(data["candidate"]))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("score:Q", title=t("cand.chart_score", lang), scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("candidate:N", title=None, sort=cands),
            yOffset=alt.YOffset("criterion:N", sort=order),
            color=alt.Color("criterion:N", title=t("cand.chart_criterion", lang), sort=order),
            tooltip=[
                alt.Tooltip("candidate:N", title=t("cand.col_name", lang)),
                alt.Tooltip("criterion:N", title=t("cand.chart_criterion", lang)),
                alt.Tooltip("score:Q", title=t("cand.chart_score", lang)),
                alt.Tooltip("weight:Q", title=t("cand.chart_weight", lang)),
            ],
        )
        .properties(height=alt.Step(9))
    )
