"""Optional run tracing: with ``OCOP_TRACE_RUNS=1`` every page and fragment run is logged.

The browser test uses it to prove that a click on the map reruns only the map fragment: the
server log then shows a new ``fragment`` line and no new ``page`` line.
"""

from __future__ import annotations

import logging
import os

_log = logging.getLogger("ocop_geo.runs")


def run(scope: str) -> None:
    """Log one run of ``scope`` (e.g. ``page:map`` or ``fragment:map``) when tracing is on."""
    if os.environ.get("OCOP_TRACE_RUNS") == "1":
        if not _log.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("OCOP-RUN %(message)s"))
            _log.addHandler(handler)
            _log.setLevel(logging.INFO)
            _log.propagate = False
        _log.info(scope)
