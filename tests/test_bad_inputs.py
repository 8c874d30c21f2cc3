"""Every bad input of tests/bad_inputs.py is refused cleanly: a named error or a non-zero exit
with a message — never accepted, never a traceback (the counts are in docs/security.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bad_inputs import Case, cases, outcome

CASES = [
    # the bombs build files of 100+ MB in memory before they are refused
    pytest.param(c, marks=pytest.mark.slow) if c.klass.startswith("spreadsheet") else c
    for c in cases()
]
IDS = [f"{c.klass}: {c.label}" for c in cases()]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_bad_input_is_refused_cleanly(case: Case, tmp_path: Path) -> None:
    assert outcome(case, tmp_path) == "refused"
