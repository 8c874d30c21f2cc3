"""The leaders' downloads: the PDF briefing (a summary page, then one page per site) and the
workbook with the briefing's map and bars on its summary sheet.

Given the committed layers (:class:`~ocop_geo.readiness.briefing_figures.Geography`), the
summary is the one-page picture briefing and each site page has its locator map and milestones;
without them both are tables and text only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from ocop_geo.readiness import _pdf_pictures
from ocop_geo.readiness._pdf import Briefing
from ocop_geo.readiness.briefing_charts import readiness_bars
from ocop_geo.readiness.briefing_figures import BARS_SIZE, MAP_SIZE, Geography, noto, png
from ocop_geo.readiness.briefing_maps import hanoi_map
from ocop_geo.readiness.criteria import Criteria
from ocop_geo.readiness.export import FontMissingError, font_files, sheet_names
from ocop_geo.readiness.export import workbook as tables_workbook
from ocop_geo.readiness.late_tasks import LateTask
from ocop_geo.readiness.records import AuditEntry
from ocop_geo.readiness.status import Overview
from ocop_geo.readiness.summary_sheet import with_pictures


def briefing_pdf(
    view: Overview,
    criteria: Criteria,
    names: Mapping[str, str],
    lang: str,
    *,
    geography: Geography | None = None,
    late_tasks: Sequence[LateTask] | None = None,
    more_pages: Sequence[Callable[[Any], None]] = (),
) -> bytes:
    """A briefing for leaders: a summary page, then one page per site with its checklist, then
    each of ``more_pages`` (called with the ``fpdf.FPDF`` document, Noto Sans registered as
    ``NotoSans``: the plan page of ``ocop_geo.plan.briefing``).

    With ``geography`` (the committed layers, EPSG:4326) the summary is the one-page picture
    briefing (map, bars, the most overdue of ``late_tasks`` — every plan task late as of the
    day, None when the tasks are not available) and each site page has its locator map and
    milestones; without it the pages are text only.

    Raises
    ------
    FontMissingError
        Noto Sans is not installed (see :func:`font_files`).
    """
    doc = Briefing(font_files(), lang)
    geo = geography.projected() if geography is not None else None
    if geo is None:
        doc.summary(view, names)
    else:
        pictures = summary_pictures(geo, view, names, lang, doc.fonts[0])
        _pdf_pictures.summary_page(doc, view, pictures, late_tasks)
    for site in view.sites:
        name = names.get(site.site_id, site.site_id)
        band = None if geo is None else partial(_pdf_pictures.site_band, doc, site, geo, view.as_of)
        doc.site_page(site, name, criteria.reason(site.site_id, lang), band)
    for page in more_pages:
        page(doc.pdf)
    return doc.output()


def workbook(
    view: Overview,
    names: Mapping[str, str],
    audit: Sequence[AuditEntry],
    lang: str,
    plan_tasks: pd.DataFrame | None = None,
    *,
    geography: Geography | None = None,
) -> bytes:
    """The readiness workbook (:func:`ocop_geo.readiness.export.workbook`) with, given
    ``geography`` and with Noto Sans installed, the briefing's map and bar chart beside the
    summary sheet's table (without the font: the tables only; the PDF download says what to
    install)."""
    book = tables_workbook(view, names, audit, lang, plan_tasks)
    if geography is None:
        return book
    try:
        font = font_files()[0]
    except FontMissingError:
        return book
    pictures = summary_pictures(geography.projected(), view, names, lang, font)
    ratios = [h / w for w, h in (MAP_SIZE, BARS_SIZE)]
    return with_pictures(book, sheet_names(lang)[0], list(zip(pictures, ratios, strict=True)))


def summary_pictures(
    geo: Geography, view: Overview, names: Mapping[str, str], lang: str, font: Path
) -> tuple[bytes, bytes]:
    """The summary's map (:data:`MAP_SIZE`) and readiness bars (:data:`BARS_SIZE`) as PNGs,
    texts in ``font``; ``geo`` in UTM (:meth:`Geography.projected`)."""
    with noto(font):
        return (
            png(hanoi_map(geo, view, names, lang, MAP_SIZE)),
            png(readiness_bars(view, names, lang, BARS_SIZE)),
        )
