"""A row of download buttons whose files are built only when a button is clicked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import streamlit as st


class Download(NamedTuple):
    """One download: the button's label, the file's name and media type, and how to build it."""

    label: str
    filename: str
    mime: str
    build: Callable[[], bytes | str]


def download_row(files: Sequence[Download], key_prefix: str) -> None:
    """One column and button per file, side by side.

    ``build`` is passed to ``st.download_button`` as a callable, so the file is made only when its
    button is clicked (``on_click="ignore"``: the click does not rerun the page). Each button's
    key is ``{key_prefix}_{suffix}``, the suffix being the file name's extension.
    """
    cols = st.columns(len(files))
    for col, file in zip(cols, files, strict=True):
        suffix = file.filename.rsplit(".", 1)[-1]
        col.download_button(
            file.label,
            file.build,
            file.filename,
            file.mime,
            on_click="ignore",
            key=f"{key_prefix}_{suffix}",
        )
