"""Placeholders of choice widgets in the page's language.

Streamlit's own placeholders are English ("Choose an option", "Choose options", "No options to
select"); its widgets show them only when ``placeholder`` is empty, so every selectbox and
multiselect of the app passes one of these.
"""

from __future__ import annotations

from collections.abc import Sized

from ocop_geo.i18n import t


def placeholder(options: Sized, lang: str, *, many: bool = False) -> str:
    """ "Choose one…" (``many``: "Choose one or more…"), or "Nothing to choose yet" when
    ``options`` is empty."""
    if not len(options):
        return t("choice.empty", lang)
    return t("choice.many" if many else "choice.one", lang)
