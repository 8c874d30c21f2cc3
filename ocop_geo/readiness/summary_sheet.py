"""The workbook's summary sheet: one row per site and a total, with the briefing's map and bar
chart beside the table (openpyxl images, PNG)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import openpyxl
import pandas as pd
from openpyxl.drawing.image import Image

from ocop_geo.i18n import t
from ocop_geo.readiness.status import Overview

#: Where the pictures go (top-left cells, one per picture) and their width on screen (pixels).
ANCHORS, PICTURE_WIDTH = ("H2", "H40"), 460


def summary_frame(view: Overview, names: Mapping[str, str], lang: str) -> pd.DataFrame:
    """Site, readiness (0–1, empty without a checklist), done, applicable, late milestones,
    ready; the last row totals them (its readiness is done ÷ applicable over all sites)."""
    cols = [t(f"ready.col.{c}", lang) for c in ("site", "share", "done", "late")]
    cols[2:3] = [t("ready.items_done", lang), t("brief.col.applicable", lang)]
    cols.append(t("ready.ready_badge", lang))
    rows = [
        [names.get(s.site_id, s.site_id), s.share, s.done, s.applicable, s.late, s.ready]
        for s in view.sites
    ]
    total = view.items_done / view.items_applicable if view.items_applicable else None
    rows.append([t("brief.total", lang), total, view.items_done, view.items_applicable,
                 view.milestones_late, view.ready])  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def with_pictures(book: bytes, sheet: str, pictures: Sequence[tuple[bytes, float]]) -> bytes:
    """``book`` with ``pictures`` (PNG bytes, height ÷ width) on ``sheet`` at :data:`ANCHORS`,
    each :data:`PICTURE_WIDTH` pixels wide."""
    workbook = openpyxl.load_workbook(io.BytesIO(book))
    target = workbook[sheet]
    for (data, ratio), anchor in zip(pictures, ANCHORS, strict=False):
        image = Image(io.BytesIO(data))
        image.width, image.height = PICTURE_WIDTH, round(PICTURE_WIDTH * ratio)
        target.add_image(image, anchor)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
