"""The leaders' PDF briefing: a summary page, then one page per site with its checklist."""

from __future__ import annotations

from collections.abc import Mapping

from ocop_geo.readiness._pdf import Briefing
from ocop_geo.readiness.criteria import Criteria
from ocop_geo.readiness.export import font_files
from ocop_geo.readiness.status import Overview


def briefing_pdf(view: Overview, criteria: Criteria, names: Mapping[str, str], lang: str) -> bytes:
    """A briefing for leaders: a summary page, then one page per site with its checklist.

    Raises
    ------
    FontMissingError
        Noto Sans is not installed (see :func:`font_files`).
    """
    doc = Briefing(font_files(), lang)
    doc.summary(view, names)
    for site in view.sites:
        name = names.get(site.site_id, site.site_id)
        doc.site_page(site, name, criteria.reason(site.site_id, lang))
    return doc.output()
