"""Batch work that allocates many small objects: the cyclic garbage collector paused.

Placing a registry allocates tens of thousands of short-lived tuples, messages and strings; none
form reference cycles, so reference counting frees them. The cyclic collector, though, is
triggered by the allocation count and then walks every tracked object of the process — in the
app server that is Streamlit's, GeoPandas' and the caches' objects too. Measured on 50,000
rows (``python bench/registry.py --sizes 50000``): ``place()`` took 260 ms with the collector
on after other work had filled the heap, 177 ms with it paused.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0  # batches running now (Streamlit runs each session's script in its own thread)
_was_enabled = True  # the collector's state when the first of them began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the block runs; it runs again when the last
    concurrent batch ends, as it was before the first began (a collector someone else had
    switched off stays off)."""
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
