"""OCOP Geo: maps, data and checks for Hanoi's OCOP pilot (Kế hoạch 100/KH-UBND, 15/5/2020).

Everything here is importable and testable without a running Streamlit app; only
:mod:`ocop_geo.ui` imports streamlit.
"""

__version__ = "0.1.0"
