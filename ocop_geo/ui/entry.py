"""Every page goes through dashboard.py — also for the first visitor of a cold server.

The fixed layout keeps the page scripts in ``pages/``. Streamlit treats a ``pages/`` folder beside
the entry script as a legacy (v1) multipage app until ``st.navigation`` has been called once in
the server process: until then a deep link such as ``/map?site=bat-trang`` runs ``pages/map.py``
on its own — no page config, no sidebar, no language picker, no attribution, the file names as
navigation. :func:`ensure` detects that case and runs the entry script instead, which builds the
navigation and runs the requested page properly; the legacy run then stops.
"""

from __future__ import annotations

import runpy

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ocop_geo.config import REPO_ROOT

ENTRY = REPO_ROOT / "dashboard.py"


def ensure() -> None:
    """Call first in every page script: reroute a legacy direct run through the entry script."""
    if PagesManager.uses_pages_directory:
        runpy.run_path(str(ENTRY), run_name="__main__")
        st.stop()
