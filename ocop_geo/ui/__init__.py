"""The Streamlit layer: cached loaders, the sidebar and shared widgets.

Besides ``dashboard.py`` and ``pages/``, this is the only package that imports streamlit.
"""
