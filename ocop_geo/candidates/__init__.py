"""Candidate sites for the Đông Anh national creative-design and OCOP promotion centre.

KH 100/KH-UBND (15/5/2020), block III, plans a project (Đề án) for the centre with Đông Anh as the
candidate area but names no site (facts.md §2). Planners place candidate points; this package
reads them (:mod:`.reader`), checks where they lie (:mod:`.area`), measures and scores them
against sourced anchors (:mod:`.anchors`, :mod:`.scoring`, :mod:`.weights`), draws estimated
drive-time rings (:mod:`.rings`), exports (:mod:`.export`) and saves sets of them
(:mod:`.saved`). Nothing here imports Streamlit; the page is ``pages/candidates.py``.

Coordinates are ``(lon, lat)`` in EPSG:4326; distances are geodesic metres (``pyproj.Geod``).
"""
