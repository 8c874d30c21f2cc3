"""The travel modes (no dependencies, so that the data schema can name them without numpy)."""

from __future__ import annotations

from typing import Literal, get_args

Mode = Literal["car", "motorbike", "bicycle", "walk"]
MODES: tuple[Mode, ...] = get_args(Mode)
