"""Every page goes through dashboard.py — also for the first visitor of a cold server.

The fixed layout keeps the page scripts in ``pages/``. Streamlit treats a ``pages/`` folder beside
the entry script as a legacy (v1) multipage app until ``st.navigation`` has been called once in
the server process: until then a deep link such as ``/map?site=bat-trang`` runs ``pages/map.py``
on its own — no page config, no sidebar, no language picker, no attribution, the file names as
navigation. :func:`ensure` detects that case, switches the legacy mode off and reruns: the rerun
executes the entry script, whose ``st.navigation`` runs the requested page (the page's url path
equals its file's stem, so the legacy and the real page share one identity).

Streamlit's AppTest resets that legacy flag before *every* run, as if each run were a server's
first; the test suite therefore sets ``OCOP_ENTRY_GUARD=off`` (tests/conftest.py) and the
browser test checks the guard against a real server.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def ensure() -> None:
    """Call first in every page script: turn a legacy direct run into a run of the entry script."""
    if os.environ.get("OCOP_ENTRY_GUARD") == "off":
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()
