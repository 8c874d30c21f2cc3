"""Product groups as people write them: diacritics, case and spacing do not matter.

"Thuc pham", "THỰC PHẨM" and "Thực phẩm" are one group (compared with
:func:`ocop_geo.text.fold`), shown under one spelling: the most used spelling written with
diacritics, else the most used one; on a tie, the first in the list. The stored rows keep the
spelling of the file.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ocop_geo.text import fold


def _plain(text: str) -> str:
    """``text`` in lower case with single spaces, diacritics kept."""
    return " ".join(text.split()).casefold()


def labels(groups: pd.Series) -> pd.Series:
    """Each row's product group under the shown spelling of its group (same index)."""
    text = groups.fillna("").astype(str)
    counts = text.value_counts(sort=False)  # in order of first appearance
    best: dict[str, tuple[tuple[bool, int, int], str]] = {}
    for order, (spelling, n) in enumerate(counts.items()):
        rank = (fold(spelling) != _plain(spelling), int(n), -order)
        key = fold(spelling)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, spelling)
    shown = {spelling: best[fold(spelling)][1] for spelling in counts.index}
    return text.map(shown)


def names(groups: pd.Series) -> list[str]:
    """The distinct groups, one spelling each, sorted."""
    return sorted(set(labels(groups)))


def keep(groups: pd.Series, chosen: Iterable[str]) -> pd.Series:
    """Whether each row's group is one of ``chosen``, however either is spelled."""
    wanted = {fold(str(g)) for g in chosen}
    text = groups.fillna("").astype(str)
    return text.map({s: fold(s) in wanted for s in text.unique()}).astype(bool)
